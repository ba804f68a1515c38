import KademliaCore

/// All of one user's chat sessions on one socket, sans-IO: datagrams come in with their source address and go out
/// with their destination, sessions are found by their number, a hello for a new number opens a responder session,
/// and a peer whose authentic datagrams come from a new address is followed there. Hole punching (see `Introducer`):
/// every hello to a peer with an introducer goes with a request for an introduction, an introduction from this
/// user's own introducer is answered with a punch, and a punch for a session being opened moves it to the punch's
/// source (a symmetric NAT's port towards this user) and sends the hello again at once.
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
        /// The introducer answered a registration with the address it saw this user at.
        case registered(seen: NodeAddress)
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
        /// The peer's introducer and the address it knows the peer by: asked to introduce this user with every hello.
        var introduction: (introducer: NodeAddress, peer: NodeAddress)?
    }

    private let identity: ChatIdentity
    private var sessions: [UInt64: Entry] = [:]
    private var sessionsOpened = 0
    private var outgoing: [Outgoing] = []
    private var events: [Event] = []
    /// Datagrams refused before reaching a session: malformed, for no session, a hello beyond the limit.
    private var refused = 0
    private var closedSessionsDropped = 0

    /// The node this user registers with; introductions and registration answers from anyone else are refused.
    public var introducer: NodeAddress?

    public init(identity: ChatIdentity) {
        self.identity = identity
    }

    /// A registration for `introducer` (sent again every few seconds: it keeps the NAT's mapping open).
    public static func registration(with introducer: NodeAddress) -> Outgoing {
        Outgoing(destination: introducer, datagram: ChatDatagram(kind: .register, session: 0, body: []))
    }

    /// Datagrams dropped, by the endpoint and by its sessions (including sessions since closed).
    public var dropped: Int { refused + closedSessionsDropped + sessions.values.reduce(0) { $0 + $1.session.dropped } }

    public var sessionCount: Int { sessions.count }

    /// Opens a session with the owner of `peerIdentity` at `address` (from its verified presence), numbered
    /// `session` (random, from the caller), carrying `texts` once the handshake is done; `introducer` is the peer's.
    public mutating func connect(
        to peerIdentity: [UInt8], at address: NodeAddress, session number: UInt64, sending texts: [[UInt8]] = [],
        introducer: NodeAddress? = nil, now: Int64
    ) throws(SendError) {
        guard sessions[number] == nil, sessions.count < Self.maximumSessions else { throw .cannotOpen }
        var session = ChatSession(initiating: identity, peerIdentity: peerIdentity, session: number, now: now)
        for text in texts {
            do { try session.send(text, now: now) } catch { throw .session(error) }
        }
        open(session, number: number, address: address, introducer: introducer)
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
        switch datagram.kind {
        case .registered, .introduction, .punch, .register, .introduce:
            receivePunching(datagram, from: source)
            return
        case .hello, .reply, .confirm, .transport:
            break
        }
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

    private mutating func receivePunching(_ datagram: ChatDatagram, from source: NodeAddress) {
        switch datagram.kind {
        case .registered where source == introducer:
            guard let seen = NodeAddress(chatBytes: datagram.body) else { break }
            events.append(.registered(seen: seen))
            return
        case .introduction where source == introducer:
            guard let asker = NodeAddress(chatBytes: datagram.body) else { break }
            outgoing.append(Outgoing(destination: asker, datagram: ChatDatagram(kind: .punch, session: datagram.session, body: [])))
            return
        case .punch:
            // Only the introducer and the peer know the number; the handshake still proves who is there.
            if let entry = sessions[datagram.session], !entry.session.isEstablished, entry.introduction != nil {
                sessions[datagram.session]!.address = source
                sessions[datagram.session]!.session.peerOpened()
                collect(datagram.session)
            }
            return
        default:
            break
        }
        refused += 1
    }

    private mutating func open(_ session: ChatSession, number: UInt64, address: NodeAddress, introducer: NodeAddress? = nil) {
        sessionsOpened += 1
        sessions[number] = Entry(
            session: session, address: address, opened: sessionsOpened, introduction: introducer.map { ($0, address) })
        collect(number)
    }

    /// Moves session `number`'s datagrams and events out, and forgets it once closed.
    private mutating func collect(_ number: UInt64) {
        guard var entry = sessions[number] else { return }
        while let datagram = entry.session.pollDatagram() {
            if datagram.kind == .hello, let introduction = entry.introduction {
                let request = ChatDatagram(kind: .introduce, session: number, body: introduction.peer.chatBytes)
                outgoing.append(Outgoing(destination: introduction.introducer, datagram: request))
            }
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
