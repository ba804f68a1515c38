import Foundation
import KadChat
import KadNode
import KademliaCore
import Logging
import NIOConcurrencyHelpers
import NIOCore

/// A chat user on a real UDP socket: a DHT node of the signed store that publishes the user's presence, finds other
/// users' presence, and carries the user's chat sessions (`ChatEndpoint`) on the same socket. The endpoint lives on
/// the socket's event loop; datagrams, timer expiries and sends go in there with the monotonic clock. For hole punching
/// it registers with its first bootstrap node every `registrationInterval` and introduces others who register with it
/// (`Introducer`).
public final class ChatNode: Sendable {
    public let identity: ChatIdentity
    public let name: String
    public let node: UDPNode
    /// How the user's NAT maps the socket, from the addresses the first two bootstrap nodes saw.
    public let mapping: NATMapping
    /// What happens in the sessions: established, delivered, failed.
    public let events: AsyncStream<ChatEndpoint.Event>
    private let state: NIOLoopBound<State>
    private let reachable: NIOLockedValueBox<NodeAddress>
    private let introducer: NIOLockedValueBox<NodeAddress?>
    /// Often enough that a NAT's UDP mapping towards the introducer never lapses (Linux keeps an unanswered one 30 s).
    public static let registrationInterval: Duration = .seconds(15)

    private final class State {
        var endpoint: ChatEndpoint
        var introductions = Introducer()
        var timer: Scheduled<Void>?
        var timerDeadline: Int64?
        let continuation: AsyncStream<ChatEndpoint.Event>.Continuation
        var random = SystemRandomNumberGenerator()
        /// The address the introducer saw at the last registration.
        var seen: NodeAddress?
        var registering: RepeatedTask?

        init(endpoint: ChatEndpoint, continuation: AsyncStream<ChatEndpoint.Event>.Continuation) {
            self.endpoint = endpoint
            self.continuation = continuation
        }
    }

    private init(
        identity: ChatIdentity, name: String, node: UDPNode, reachableAddress: NodeAddress, mapping: NATMapping,
        events: AsyncStream<ChatEndpoint.Event>, state: NIOLoopBound<State>
    ) {
        self.identity = identity
        self.name = name
        self.node = node
        self.reachable = NIOLockedValueBox(reachableAddress)
        self.introducer = NIOLockedValueBox(nil)
        self.mapping = mapping
        self.events = events
        self.state = state
    }

    /// The address others reach this user at, as the first bootstrap node saw it (the socket's own without one, or
    /// when it did not answer): behind a NAT, the public mapping. A registration that sees another one moves it.
    public var reachableAddress: NodeAddress { reachable.withLockedValue { $0 } }

    /// The node that introduces others to this user (its first bootstrap node, if that answered the registration).
    public var registeredIntroducer: NodeAddress? { introducer.withLockedValue { $0 } }

    /// Binds `host:port`, joins through `bootstrap` (unless empty) and starts taking chat datagrams.
    public static func start(
        identity: ChatIdentity, name: String, host: String = "127.0.0.1", port: Int = 0, bootstrap: [NodeAddress],
        logger: Logger = Logger(label: "kadsim.chat")
    ) async throws -> ChatNode {
        var configuration = KademliaConfiguration()
        configuration.storeMode = .signed
        configuration.addressLimits = UDPNode.defaultAddressLimits
        // Sequence numbers from the wall clock (milliseconds), so a restarted chat's presence outranks its last one.
        let signer = RecordSigner(privateKey: identity.signingKey, nextSequence: UInt64(Date().timeIntervalSince1970 * 1_000))
        let node = try await UDPNode.start(host: host, port: port, configuration: configuration, signer: signer, logger: logger)
        do {
            if !bootstrap.isEmpty { try await node.join(bootstrap) }
            var seen: [NodeAddress] = []
            for observer in bootstrap.prefix(2) {
                if let address = try await node.observedAddress(via: observer) { seen.append(address) }
            }
            let (events, continuation) = AsyncStream.makeStream(of: ChatEndpoint.Event.self)
            let state = try await node.eventLoop.submit {
                NIOLoopBound(State(endpoint: ChatEndpoint(identity: identity), continuation: continuation), eventLoop: node.eventLoop)
            }.get()
            let chat = ChatNode(
                identity: identity, name: name, node: node, reachableAddress: seen.first ?? node.address,
                mapping: NATMapping.classify(local: node.address, seen: seen), events: events, state: state)
            try await node.divert(marker: ChatDatagram.marker) { bytes, source in chat.received(bytes, from: source) }
            if let first = bootstrap.first { try await chat.register(with: first) }
            return chat
        } catch {
            await node.shutdown()
            throw error
        }
    }

    /// The user's presence as published: name, reachable address, the Noise static key, introducer and NAT mapping.
    public var presence: Presence {
        Presence(
            name: name, address: reachableAddress, noiseStatic: identity.noiseStaticPublicKey,
            introducer: registeredIntroducer, mapping: mapping)
    }

    /// Registers with `introducer` (a few tries, 200 ms apart) and, if it answers, every `registrationInterval` after.
    private func register(with introducer: NodeAddress) async throws {
        try await onLoop { $0.endpoint.introducer = introducer }
        for _ in 0..<5 {
            node.send(ChatEndpoint.registration(with: introducer).datagram.bytes, to: introducer)
            try await Task.sleep(for: .milliseconds(200))
            guard try await onLoop({ $0.seen }) != nil else { continue }
            self.introducer.withLockedValue { $0 = introducer }
            try await node.eventLoop.submit {
                let interval = TimeAmount.nanoseconds(Int64(Self.registrationInterval.components.seconds) * 1_000_000_000)
                self.state.value.registering = self.node.eventLoop.scheduleRepeatedTask(initialDelay: interval, delay: interval) { _ in
                    self.node.send(ChatEndpoint.registration(with: introducer).datagram.bytes, to: introducer)
                }
            }.get()
            return
        }
    }

    /// Publishes `presence`, signed, under the user's key; returns how many nodes stored it.
    @discardableResult
    public func publishPresence() async throws -> Int {
        try await node.put(key: Presence.key(of: identity.publicKey), value: .bytes(presence.bytes)).storedAt
    }

    /// What claiming the user's name found.
    public enum NameClaimOutcome: Sendable, Equatable {
        /// The name is this user's: stored at that many nodes, and a lookup answers this key.
        case claimed(storedAt: Int)
        /// Another key held the name first: a lookup of the name answers that key.
        case takenBy(identityKey: [UInt8])
        /// No node stored the claim and no claimant was found.
        case unclaimed
    }

    /// Claims (or renews) the user's name in the DHT, so others can type it; the first key to claim a name keeps it.
    public func claimName() async throws -> NameClaimOutcome {
        let stored = try await node.put(key: NameClaim.key(for: name), value: NameClaim.value(claimingNamed: name)).storedAt
        guard let holder = try await identityKey(named: name) else { return .unclaimed }
        return holder == identity.publicKey ? .claimed(storedAt: stored) : .takenBy(identityKey: holder)
    }

    /// The identity key that holds `name` in the DHT (the claimant most of its nodes returned), if anyone claimed it.
    public func identityKey(named name: String) async throws -> [UInt8]? {
        let key = NameClaim.key(for: name)
        guard let record = try await node.get(key: key), NameClaim.isAuthentic(record, key: key),
              NameClaim.name(claimedBy: record.value) == name else { return nil }
        return record.signature?.publicKey
    }

    /// Publishes the presence and renews the name claim every `interval` (5 minutes, as the simulator's owners do)
    /// until the task is cancelled; `failed` hears of a publish that failed (the next one tries again).
    public func keepPresencePublished(every interval: Duration = .seconds(300), failed: @Sendable (Error) -> Void) async {
        while !Task.isCancelled {
            do { try await Task.sleep(for: interval) } catch { return }
            do {
                try await publishPresence()
                _ = try await claimName()
            } catch {
                failed(error)
            }
        }
    }

    /// The presence of the user with `identityKey`, when the DHT holds one that user signed.
    public func presence(of identityKey: [UInt8]) async throws -> Presence? {
        guard let record = try await node.get(key: Presence.key(of: identityKey)) else { return nil }
        return Presence.verified(record, identityKey: identityKey)
    }

    /// Sends `text` to the user with `identityKey`: on the open session with them, or on a new one at the address
    /// their presence gives.
    public func send(_ text: [UInt8], to identityKey: [UInt8]) async throws(ChatNodeError) {
        do {
            try await onLoop { state in try state.endpoint.send(text, to: identityKey, now: MonotonicClock.now) }
            return
        } catch ChatEndpoint.SendError.noSession {
            // Looked up below.
        } catch let error as ChatEndpoint.SendError {
            throw .cannotSend(error)
        } catch {
            throw .network("\(error)")
        }
        let found: Presence?
        do { found = try await presence(of: identityKey) } catch { throw .network("\(error)") }
        guard let found else { throw .notFound(identityKey: identityKey) }
        guard NATMapping.canConnect(mapping, found.mapping) else { throw .noDirectPath(ours: mapping, theirs: found.mapping) }
        do {
            try await onLoop { state in
                try state.endpoint.connect(
                    to: identityKey, at: found.address, session: state.random.next(), sending: [text], introducer: found.introducer,
                    now: MonotonicClock.now)
            }
        } catch let error as ChatEndpoint.SendError {
            throw .cannotSend(error)
        } catch {
            throw .network("\(error)")
        }
    }

    /// Chat datagrams dropped: malformed, tampered, replayed, for no session.
    public func dropped() async throws -> Int {
        try await onLoop { $0.endpoint.dropped }
    }

    /// Ends the sessions' timers and the event stream, and closes the socket.
    public func shutdown() async {
        try? await node.eventLoop.submit {
            let state = self.state.value
            state.timer?.cancel()
            state.timer = nil
            state.registering?.cancel()
            state.registering = nil
            state.continuation.finish()
        }.get()
        await node.shutdown()
    }

    // MARK: - On the event loop

    /// Runs `body` on the event loop with the state, then sends what it queued and re-arms the timer.
    private func onLoop<Result: Sendable>(_ body: @escaping @Sendable (State) throws -> Result) async throws -> Result {
        try await node.eventLoop.submit {
            let state = self.state.value
            defer { self.flush(state) }
            return try body(state)
        }.get()
    }

    private func received(_ bytes: [UInt8], from source: NodeAddress) {
        let state = self.state.value
        if let datagram = ChatDatagram(bytes: bytes), Introducer.handles(datagram) {
            for outgoing in state.introductions.receive(datagram, from: source, now: MonotonicClock.now) {
                node.send(outgoing.datagram.bytes, to: outgoing.destination)
            }
            return
        }
        state.endpoint.receive(bytes, from: source, now: MonotonicClock.now)
        flush(state)
    }

    private func flush(_ state: State) {
        while let outgoing = state.endpoint.pollOutgoing() { node.send(outgoing.datagram.bytes, to: outgoing.destination) }
        while let event = state.endpoint.pollEvent() {
            guard case .registered(let seen) = event else {
                state.continuation.yield(event)
                continue
            }
            state.seen = seen
            // The NAT gave a new public address (a new network, a rebooted router): publish where to reach us now.
            if registeredIntroducer != nil, seen != reachableAddress {
                reachable.withLockedValue { $0 = seen }
                Task { try? await self.publishPresence() }
            }
        }
        let deadline = state.endpoint.nextDeadline
        guard deadline != state.timerDeadline else { return }
        state.timer?.cancel()
        state.timerDeadline = deadline
        guard let deadline else {
            state.timer = nil
            return
        }
        state.timer = node.eventLoop.assumeIsolated().scheduleTask(deadline: MonotonicClock.deadline(deadline)) {
            let state = self.state.value
            state.timer = nil
            state.timerDeadline = nil
            state.endpoint.handleTimer(now: MonotonicClock.now)
            self.flush(state)
        }
    }
}

public enum ChatNodeError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No presence signed by that user is in the DHT.
    case notFound(identityKey: [UInt8])
    /// Both users are behind NATs and at least one of them maps a new port per destination.
    case noDirectPath(ours: NATMapping, theirs: NATMapping)
    case cannotSend(ChatEndpoint.SendError)
    case network(String)

    public var description: String {
        switch self {
        case .notFound(let key): "no presence found for \(Hex.string(key))"
        case .noDirectPath(let ours, let theirs):
            "no direct path: both of you are behind NATs and \(ours == .perDestination ? "yours" : "theirs")"
                + "\(ours == .perDestination && theirs == .perDestination ? " and theirs" : "") gives a new public port per"
                + " destination (a symmetric NAT), so no hole can be punched"
        case .cannotSend(let error): "cannot send: \(error)"
        case .network(let reason): "network error: \(reason)"
        }
    }
}
