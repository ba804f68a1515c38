import KademliaCore
import KademliaWire
import Logging
import NIOCore
import NIOPosix

/// A Kademlia node on a real UDP socket. One socket both listens and sends requests, because Python
/// peers record a contact's address from the datagram source. All protocol state lives on the
/// channel's event loop; these async methods hop onto it.
public final class UDPNode: Sendable {
    public let id: NodeID
    /// The address the socket is bound to (with the real port when 0 was asked for).
    public let address: NodeAddress
    public let configuration: KademliaConfiguration
    private let channel: Channel
    private let handler: NIOLoopBound<UDPNodeHandler>

    private init(id: NodeID, address: NodeAddress, configuration: KademliaConfiguration, channel: Channel, handler: NIOLoopBound<UDPNodeHandler>) {
        self.id = id
        self.address = address
        self.configuration = configuration
        self.channel = channel
        self.handler = handler
    }

    /// Binds `host:port` (port 0 picks a free one) and starts serving. The node knows nobody until `join`.
    public static func start(
        host: String = "127.0.0.1",
        port: Int = 0,
        configuration: KademliaConfiguration = KademliaConfiguration(),
        id: NodeID? = nil,
        signer: RecordSigner? = nil,
        logger: Logger = Logger(label: "kadsim.node"),
        group: EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) async throws -> UDPNode {
        guard NodeAddress(host: host, port: port) != nil else { throw KadNodeError.invalidAddress("\(host):\(port)") }
        let channel: Channel
        do {
            channel = try await DatagramBootstrap(group: group)
                // Room for the largest datagram the codec accepts; NIO's default would cut at 2 KiB.
                .channelOption(.recvAllocator, value: FixedSizeRecvByteBufferAllocator(capacity: WireLimits.maximumDatagramBytes))
                .bind(host: host, port: port)
                .get()
        } catch let error as IOError where error.errnoCode == EADDRINUSE {
            throw KadNodeError.addressInUse(host: host, port: port)
        } catch {
            throw KadNodeError.cannotBind(host: host, port: port, reason: "\(error)")
        }
        guard let bound = channel.localAddress?.nodeAddress else {
            try? await channel.close()
            throw KadNodeError.cannotBind(host: host, port: port, reason: "not an IPv4 address")
        }
        var generator = SystemRandomNumberGenerator()
        let nodeID = id ?? NodeID.random(using: &generator)
        let seed = generator.next()
        let logger = logger.with(metadataKey: "node", value: "\(bound)")
        let handler: NIOLoopBound<UDPNodeHandler>
        do {
            // Added after bind: the node needs the port the socket really got.
            handler = try await channel.eventLoop.submit {
                var node = KademliaNode(id: nodeID, address: bound, configuration: configuration, seed: seed, now: MonotonicClock.now)
                node.signer = signer
                let handler = UDPNodeHandler(node: node, logger: logger)
                try channel.pipeline.syncOperations.addHandler(handler)
                return NIOLoopBound(handler, eventLoop: channel.eventLoop)
            }.get()
        } catch {
            try? await channel.close()
            throw error
        }
        logger.info("listening", metadata: ["id": "\(nodeID.hex)"])
        return UDPNode(id: nodeID, address: bound, configuration: configuration, channel: channel, handler: handler)
    }

    /// A real node faces whoever sends it datagrams: one address may hold one contact, so made-up ids sent from
    /// one host cannot fill the table.
    public static let defaultAddressLimits = AddressLimits(oneContactPerAddress: true)

    /// Binds, then joins through `bootstrap` when it is not empty; the socket is closed again if the join fails.
    public static func start(
        host: String = "127.0.0.1",
        port: Int = 0,
        bootstrap: [NodeAddress],
        storeMode: StoreMode,
        addressLimits: AddressLimits = defaultAddressLimits,
        logger: Logger = Logger(label: "kadsim.node")
    ) async throws -> UDPNode {
        var configuration = KademliaConfiguration()
        configuration.storeMode = storeMode
        configuration.addressLimits = addressLimits
        let node = try await start(host: host, port: port, configuration: configuration, logger: logger)
        guard !bootstrap.isEmpty else { return node }
        do {
            let contacts = try await node.join(bootstrap)
            logger.info("joined", metadata: ["node": "\(node.address)", "contacts": "\(contacts)"])
            return node
        } catch {
            await node.shutdown()
            throw error
        }
    }

    /// Pings the bootstrap addresses and looks up the own id; returns the routing table size.
    /// Throws `bootstrapUnreachable` when addresses were given and none of them answered.
    @discardableResult
    public func join(_ bootstrap: [NodeAddress]) async throws -> Int {
        guard case .joined(let contacts) = try await run(.join(bootstrap)) else { preconditionFailure("join reports joined") }
        if contacts == 0 && bootstrap.contains(where: { $0 != address }) {
            throw KadNodeError.bootstrapUnreachable(bootstrap)
        }
        return contacts
    }

    /// Stores `value` under `key` at the k closest nodes; returns the record written and how many acknowledged.
    public func put(key: NodeID, value: Value) async throws -> (record: Record, storedAt: Int) {
        guard case .put(let record, let storedAt) = try await run(.put(key: key, value: value)) else {
            preconditionFailure("put reports put")
        }
        return (record, storedAt)
    }

    /// The record under `key`, or nil when no node returned one.
    public func get(key: NodeID) async throws -> Record? {
        guard case .got(let record) = try await run(.get(key: key)) else { preconditionFailure("get reports got") }
        return record
    }

    /// The address the node at `via` sees this node's datagrams come from (behind a NAT, its public mapping);
    /// nil when it did not answer.
    public func observedAddress(via: NodeAddress) async throws -> NodeAddress? {
        guard case .observedAddress(let seen) = try await run(.observeAddress(via: via)) else {
            preconditionFailure("observeAddress reports observedAddress")
        }
        return seen
    }

    /// The k closest contacts to `target` that answered.
    public func findNode(_ target: NodeID) async throws -> [Contact] {
        guard case .found(let contacts) = try await run(.findNode(target: target)) else {
            preconditionFailure("findNode reports found")
        }
        return contacts
    }

    /// The loop the node's state lives on; `divert`'s receiver runs there.
    public var eventLoop: EventLoop { channel.eventLoop }

    /// Hands datagrams whose first byte is `marker` (another protocol on the same socket) to `receive` on the
    /// event loop, undecoded. No DHT datagram starts with a byte above 0x01.
    public func divert(marker: UInt8, to receive: @escaping @Sendable ([UInt8], NodeAddress) -> Void) async throws {
        precondition(marker > 0x01, "0x00 and 0x01 start DHT datagrams")
        try await channel.eventLoop.submit { self.handler.value.divert(marker: marker, to: receive) }.get()
    }

    /// Sends `bytes` from the node's socket (the other protocol's datagrams).
    public func send(_ bytes: [UInt8], to destination: NodeAddress) {
        guard let address = try? SocketAddress(destination) else { return }
        let envelope = AddressedEnvelope(remoteAddress: address, data: channel.allocator.buffer(bytes: bytes))
        channel.writeAndFlush(envelope, promise: nil)
    }

    public func statistics() async throws -> UDPNodeStatistics {
        try await channel.eventLoop.submit { self.handler.value.currentStatistics() }.get()
    }

    /// Closes the socket; operations still running fail with `KadNodeError.shutDown`.
    public func shutdown() async {
        try? await channel.close()
    }

    private func run(_ command: Command) async throws -> OperationResult {
        try await channel.eventLoop.flatSubmit {
            self.handler.value.start(command, on: self.channel.eventLoop)
        }.get()
    }
}
