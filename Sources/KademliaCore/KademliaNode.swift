/// The Kademlia protocol engine for one node, with no I/O of its own.
///
/// Inputs come in with `now`: `handle(_:from:now:)` for datagrams, `handleTimeout(now:)` when
/// `nextDeadline` passes, `start(_:now:)` for commands. Outputs are values: `drainTransmits()` (or
/// `pollTransmit()`) for datagrams to send, `drainEvents()` (or `pollEvent()`) for finished operations.
/// Randomness comes from the seed.
public struct KademliaNode: Sendable {
    public let id: NodeID
    /// The address this node sends from; the driver changes it when the host moves.
    public var address: NodeAddress
    private let shared: SharedConfiguration
    /// Spare buffers shared with the other nodes of a simulation: where the contact lists of this node's answers
    /// come from (its driver hands consumed lists back) and its queues' room.
    let buffers: NodeBuffers?
    public var configuration: KademliaConfiguration { shared.configuration }
    public internal(set) var routingTable: RoutingTable
    var policy: any StorePolicy { shared.policy }
    var storage = LocalStorage()
    var generator: SeededGenerator
    var pending: PendingTable
    var timeouts: TimeoutQueue
    /// The earliest deadline armed since the next deadline was last read (`.max`: none); see `takeNewlyArmedDeadline()`.
    var newlyArmedDeadline: Microseconds = .max
    var operations = OperationTable()
    var nextOperationNumber: UInt64 = 1
    var transmits: OutputQueue<Transmit>
    var events = OutputQueue<NodeEvent>()
    /// Reused by every lookup step for the contacts it queries next.
    var requestBuffer: [Contact] = []
    var nextRefreshCheck: Microseconds
    var nextRepublishCheck: Microseconds
    /// The owner's signing identity for signed mode; a put of `signer.key` is signed with its next sequence.
    public var signer: RecordSigner?
    /// Signatures this node verified (STOREs received, records read, its own writes), for the CPU cost.
    public internal(set) var signaturesVerified = 0
    /// Records the store policy kept out: STOREs refused (forged, rolled back, an older version, a name another key
    /// holds) and records a lookup returned that the reader dropped (forged, at a key not theirs).
    public internal(set) var recordsRefused: UInt32 = 0
    public internal(set) var recordsDropped: UInt32 = 0
    /// Requests sent, by what they were for.
    public private(set) var requestsSent = RequestTally()

    /// `directory` interns the routing table's contacts; a simulator passes one shared by all its nodes.
    public init(
        id: NodeID, address: NodeAddress, configuration: KademliaConfiguration, seed: UInt64, now: Microseconds = 0,
        directory: ContactDirectory = ContactDirectory()
    ) {
        self.init(id: id, address: address, configuration: SharedConfiguration(configuration), seed: seed, now: now, directory: directory)
    }

    /// A node whose configuration is shared with others (a simulator passes one to all its nodes, with the spare
    /// buffers they share).
    public init(
        id: NodeID, address: NodeAddress, configuration shared: SharedConfiguration, seed: UInt64, now: Microseconds = 0,
        directory: ContactDirectory = ContactDirectory(), buffers: NodeBuffers? = nil
    ) {
        let configuration = shared.configuration
        self.id = id
        self.address = address
        self.shared = shared
        self.buffers = buffers
        self.pending = PendingTable(spares: buffers.map { ($0.pendingRPCs, $0.messageIDs) })
        self.timeouts = TimeoutQueue(spares: buffers?.deadlines)
        self.transmits = OutputQueue(spares: buffers?.transmits)
        self.routingTable = RoutingTable(
            ownID: id, bucketSize: configuration.k, replacementCacheSize: configuration.replacementCacheSize,
            headCheckAfter: configuration.headCheckAfter, addressLimits: configuration.addressLimits,
            leastRecentlySeenOrder: configuration.leastRecentlySeenOrder, repeatsHeadChecks: configuration.repeatsHeadChecks,
            neighboursByBucketWalk: configuration.neighboursByBucketWalk, relaxedSplit: configuration.relaxedBucketSplit,
            now: now, directory: directory)
        self.generator = SeededGenerator(seed: seed)
        self.nextRefreshCheck = now + configuration.bucketRefreshInterval
        self.nextRepublishCheck = now + configuration.republishInterval
    }

    // MARK: Outputs

    /// The next datagram to send, oldest first; nil when there is none. Allocation-free, for hot loops.
    public mutating func pollTransmit() -> Transmit? { transmits.poll() }

    public mutating func drainTransmits() -> [Transmit] { transmits.drain() }

    /// The next finished operation, oldest first; nil when there is none. Allocation-free, for hot loops.
    public mutating func pollEvent() -> NodeEvent? { events.poll() }

    public mutating func drainEvents() -> [NodeEvent] { events.drain() }

    public var hasOutput: Bool { transmits.hasPending || events.hasPending }

    /// The earliest time `handleTimeout(now:)` has work to do.
    public var nextDeadline: Microseconds? {
        mutating get {
            newlyArmedDeadline = .max
            while let first = timeouts.first, !pending.contains(first.id) { timeouts.removeFirst() }
            let maintenance = min(nextRefreshCheck, nextRepublishCheck)
            return timeouts.first.map { min($0.deadline, maintenance) } ?? maintenance
        }
    }

    /// The earliest deadline armed since `nextDeadline` or this was last read, if any. Deadlines otherwise only
    /// move later (answered RPCs), so a driver whose timer is no later than the deadline it last read stays right by
    /// reading only this after each input, without touching the timeout queue.
    public mutating func takeNewlyArmedDeadline() -> Microseconds? {
        defer { newlyArmedDeadline = .max }
        return newlyArmedDeadline == .max ? nil : newlyArmedDeadline
    }

    // MARK: Inspection

    public var storedKeys: [NodeID] { storage.sortedKeys }

    public var storedRecordCount: Int { storage.count }

    public func storedRecord(for key: NodeID, now: Microseconds) -> Record? {
        storage.record(for: key, now: now, ttl: configuration.recordTTL)
    }

    public var pendingRPCCount: Int { pending.count }
    public var activeOperationCount: Int { operations.count }

    // MARK: Inputs

    public mutating func start(_ command: Command, now: Microseconds) -> OperationID {
        let operationID = makeOperationID()
        switch command {
        case .join(let addresses):
            startJoin(operationID, addresses: addresses, now: now)
        case .findNode(let target):
            startLookup(operationID, kind: .findNode, target: target, findValue: false, now: now)
        case .get(let key):
            if policy.getAnswersLocally, configuration.quorum <= 1, let local = storedRecord(for: key, now: now) {
                emit(operationID, .got(local), Operation(kind: .get(key: key), startedAt: now, answeredFromOwnCopy: true), now: now)
            } else {
                startLookup(operationID, kind: .get(key: key), target: key, findValue: true, now: now)
            }
        case .put(let key, let value):
            startLookup(
                operationID, kind: .put(key: key, value: value), target: key, findValue: policy.putReadsFirst,
                prepared: signedRecord(value, key: key), now: now)
        case .observeAddress(let via):
            operations.put(Operation(kind: .observeAddress, startedAt: now), for: operationID)
            send(.stun, to: via, contactID: nil, purpose: .operation(operationID), now: now)
        }
        return operationID
    }

    public mutating func handleTimeout(now: Microseconds) {
        while let first = timeouts.first, first.deadline <= now {
            timeouts.removeFirst()
            if let rpc = pending.remove(first.id) {
                handleFailure(of: rpc, now: now)
            }
        }
        if now >= nextRepublishCheck {
            nextRepublishCheck = now + configuration.republishInterval
            newlyArmedDeadline = min(newlyArmedDeadline, nextRepublishCheck)
            republishAndExpire(now: now)
        }
        if now >= nextRefreshCheck {
            nextRefreshCheck = now + configuration.bucketRefreshInterval
            newlyArmedDeadline = min(newlyArmedDeadline, nextRefreshCheck)
            refreshBuckets(untouchedSince: now - configuration.bucketRefreshInterval, now: now)
        }
    }

    /// The host lost its network: every RPC and operation in flight is abandoned without blaming any contact,
    /// and nothing is reported. Routing table and stored records are kept (they go stale while away).
    public mutating func disconnect() {
        pending.removeAll()
        timeouts.removeAll()
        operations.removeAll()
        transmits.removeAll()
    }

    /// `senderHint` is what a driver sharing this node's contact directory knows of the sender: its contact
    /// interned beforehand. It is used only when it is the contact the message shows (its id at `source`), and
    /// saves hashing that contact again.
    public mutating func handle(
        _ message: Message, from source: NodeAddress, senderHint: ContactDirectory.Interned? = nil, now: Microseconds
    ) {
        switch message.body {
        case .request(let request, let sender):
            answer(request, sender: sender, messageID: message.id, from: source, senderHint: senderHint, now: now)
        case .response(let response):
            guard let rpc = pending.remove(message.id) else { return }
            handleResponse(response, to: rpc, from: source, senderHint: senderHint, now: now)
        }
    }

    // MARK: Sending

    mutating func makeOperationID() -> OperationID {
        defer { nextOperationNumber += 1 }
        return OperationID(rawValue: nextOperationNumber)
    }

    mutating func send(_ request: Request, to destination: NodeAddress, contactID: NodeID?, purpose: PendingRPC.Purpose, now: Microseconds) {
        let messageID = pending.insert(
            PendingRPC(contactID: contactID, destination: destination, asked: PendingRPC.Asked(request), purpose: purpose),
            randomBits: NodeID.random(using: &generator))
        let deadline = now + configuration.rpcTimeout
        timeouts.append(messageID, deadline: deadline)
        newlyArmedDeadline = min(newlyArmedDeadline, deadline)
        transmits.append(Transmit(destination: destination, message: Message(id: messageID, body: .request(request, sender: id))))
        switch purpose {
        case .operation(let operationID):
            let origin = operations.update(operationID) {
                $0.messages += 1
                return RequestOrigin($0.kind)
            }
            if let origin { requestsSent.count(origin) }
        case .headCheck: requestsSent.count(.headCheck)
        case .unattended(let origin): requestsSent.count(origin)
        }
    }

    mutating func emit(_ operationID: OperationID, _ result: OperationResult, _ operation: Operation, now: Microseconds) {
        guard !operation.isInternal else { return }
        let stats = OperationStats(
            startedAt: operation.startedAt, finishedAt: now, hops: operation.lookup?.hops ?? 0,
            messages: operation.messages, failures: operation.lookup?.failures ?? 0,
            answeredFromOwnCopy: operation.answeredFromOwnCopy)
        events.append(.completed(operationID, result, stats))
    }
}
