import KademliaCore

/// All of one user's chat sessions on one socket, sans-IO: datagrams come in with their source address and go out
/// with their destination, sessions are found by their number, a hello for a new number opens a responder session,
/// and a peer whose authentic datagrams come from a new address is followed there.
public struct ChatEndpoint: Sendable {
    public struct Outgoing: Sendable, Equatable {
        public var destination: NodeAddress
        public var datagram: ChatDatagram
    }

    public enum Event: Sendable, Equatable {
        case established(session: UInt64, peer: [UInt8], address: NodeAddress)
        case delivered(session: UInt64, peer: [UInt8], text: [UInt8])
        /// The session with the peer last heard at `address` is over (see `ChatSession.Failure`); `peer` is nil when
        /// the handshake never told who it was.
        case failed(session: UInt64, peer: [UInt8]?, address: NodeAddress, failure: ChatSession.Failure, undelivered: [[UInt8]])
    }

    public enum SendError: Error, Sendable, Equatable {
        /// No open session with that identity: look its presence up and `connect`.
        case noSession
        /// `maximumSessions` are open, or the number is taken.
        case cannotOpen
        case session(ChatSession.SendError)
    }

    /// Sessions kept at once; a hello beyond it is refused, so a flood of hellos holds bounded state.
    public static let maximumSessions = 64

    private struct Entry: Sendable {
        var session: ChatSession
        var address: NodeAddress
        /// Order of opening: sending to a peer uses its newest session.
        var opened: Int
    }

    private let identity: ChatIdentity
    private var sessions: [UInt64: Entry] = [:]
    private var sessionsOpened = 0
    private var outgoing: [Outgoing] = []
    private var events: [Event] = []
    /// Datagrams refused before reaching a session: malformed, for no session, a hello beyond the limit.
    private var refused = 0
    private var closedSessionsDropped = 0

    public init(identity: ChatIdentity) {
        self.identity = identity
    }

    /// Datagrams dropped, by the endpoint and by its sessions (including sessions since closed).
    public var dropped: Int { refused + closedSessionsDropped + sessions.values.reduce(0) { $0 + $1.session.dropped } }

    public var sessionCount: Int { sessions.count }

    /// Opens a session with the owner of `peerIdentity` at `address` (from its verified presence), numbered
    /// `session` (random, from the caller), carrying `texts` once the handshake is done.
    public mutating func connect(
        to peerIdentity: [UInt8], at address: NodeAddress, session number: UInt64, sending texts: [[UInt8]] = [], now: Int64
    ) throws(SendError) {
        guard sessions[number] == nil, sessions.count < Self.maximumSessions else { throw .cannotOpen }
        var session = ChatSession(initiating: identity, peerIdentity: peerIdentity, session: number, now: now)
        for text in texts {
            do { try session.send(text, now: now) } catch { throw .session(error) }
        }
        open(session, number: number, address: address)
    }

    /// Sends `text` on the newest open session with `peerIdentity`.
    public mutating func send(_ text: [UInt8], to peerIdentity: [UInt8], now: Int64) throws(SendError) {
        let open = sessions.filter { $0.value.session.peerIdentity == peerIdentity && !$0.value.session.isClosed }
        guard let number = open.max(by: { $0.value.opened < $1.value.opened })?.key else { throw .noSession }
        do { try sessions[number]!.session.send(text, now: now) } catch { throw .session(error) }
        collect(number)
    }

    public mutating func receive(_ bytes: [UInt8], from source: NodeAddress, now: Int64) {
        guard let datagram = ChatDatagram(bytes: bytes) else {
            refused += 1
            return
        }
        let number = datagram.session
        guard sessions[number] != nil else {
            guard datagram.kind == .hello, sessions.count < Self.maximumSessions,
                  let session = ChatSession(accepting: datagram, identity: identity, now: now) else {
                refused += 1
                return
            }
            open(session, number: number, address: source)
            return
        }
        if sessions[number]!.session.receive(datagram, now: now) { sessions[number]!.address = source }
        collect(number)
    }

    public mutating func handleTimer(now: Int64) {
        for number in sessions.keys.sorted() where (sessions[number]!.session.nextDeadline ?? .max) <= now {
            sessions[number]!.session.handleTimer(now: now)
            collect(number)
        }
    }

    public var nextDeadline: Int64? { sessions.values.compactMap(\.session.nextDeadline).min() }

    public mutating func pollOutgoing() -> Outgoing? { outgoing.isEmpty ? nil : outgoing.removeFirst() }
    public mutating func pollEvent() -> Event? { events.isEmpty ? nil : events.removeFirst() }

    private mutating func open(_ session: ChatSession, number: UInt64, address: NodeAddress) {
        sessionsOpened += 1
        sessions[number] = Entry(session: session, address: address, opened: sessionsOpened)
        collect(number)
    }

    /// Moves session `number`'s datagrams and events out, and forgets it once closed.
    private mutating func collect(_ number: UInt64) {
        guard var entry = sessions[number] else { return }
        while let datagram = entry.session.pollDatagram() {
            outgoing.append(Outgoing(destination: entry.address, datagram: datagram))
        }
        while let event = entry.session.pollEvent() {
            switch event {
            case .established(let peer):
                events.append(.established(session: number, peer: peer, address: entry.address))
            case .delivered(let text):
                events.append(.delivered(session: number, peer: entry.session.peerIdentity ?? [], text: text))
            case .failed(let failure, let undelivered):
                events.append(.failed(
                    session: number, peer: entry.session.peerIdentity, address: entry.address, failure: failure, undelivered: undelivered))
            }
        }
        if entry.session.isClosed {
            closedSessionsDropped += entry.session.dropped
            sessions[number] = nil
        } else {
            sessions[number] = entry
        }
    }
}
