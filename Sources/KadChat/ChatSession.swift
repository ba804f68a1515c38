/// One conversation with one peer over datagrams, sans-IO: the Noise XX handshake with identity proofs, then
/// ordered, acknowledged chat messages in secure datagrams. The caller hands in datagrams, timer expiries and texts
/// with `now` (microseconds), and polls the datagrams to send to the peer and what happened.
///
/// Every handshake message is sent again until the next one arrives (the initiator's last one whenever the
/// responder repeats its reply), on the stream's schedule; a datagram that fails to authenticate, proves another
/// identity or belongs to another session is dropped and counted, and the handshake goes on.
public struct ChatSession: Sendable {
    public enum Failure: Error, Sendable, Equatable {
        /// The handshake got no valid answer: the peer is gone, moved, is not who was expected, or cannot be reached
        /// through its NAT.
        case noAnswer
        /// A message went unacknowledged through every retransmission: the peer moved or left.
        case peerSilent
    }

    public enum Event: Sendable, Equatable {
        /// The handshake is done; `peerIdentity` is the Ed25519 key the peer proved.
        case established(peerIdentity: [UInt8])
        case delivered(text: [UInt8])
        /// The session is over; `undelivered` are the texts sent and not acknowledged, oldest first, to send again
        /// on a new session once the peer is found.
        case failed(Failure, undelivered: [[UInt8]])
    }

    public enum SendError: Error, Sendable, Equatable {
        case tooLong, windowFull, closed
    }

    public let session: UInt64
    public let role: NoiseHandshake.Role
    /// Expected before the handshake (the initiator's, from the peer's verified presence), proved during it.
    public private(set) var peerIdentity: [UInt8]?
    public private(set) var isEstablished = false
    public private(set) var isClosed = false

    private let identity: ChatIdentity
    private let proof: IdentityProof
    private var handshake: NoiseHandshake
    /// The hello the responder answered: another one for the same session starts its handshake over.
    private var answeredHello: [UInt8]?
    private var channel: SecureChannel?
    private var stream = ChatStream()
    /// The handshake message this side wrote last, sent again while the answer to it is awaited.
    private var lastWritten: ChatDatagram?
    /// The responder's reply the initiator answered: the same reply again means the confirmation was lost.
    private var answeredReply: [UInt8]?
    /// When the last handshake message is due again, and how many times it was sent.
    private var retry: (at: Int64, attempts: Int)?
    /// Texts sent before the handshake finished.
    private var queued: [[UInt8]] = []
    private var droppedHere = 0
    /// Whether the hello already went again because the peer's NAT opened (once per session: punches are not trusted).
    private var helloResentOnOpening = false
    private var outbox: [ChatDatagram] = []
    private var events: [Event] = []

    /// Starts a session with the owner of `peerIdentity`: the first handshake message is ready to poll.
    public init(initiating identity: ChatIdentity, peerIdentity: [UInt8], session: UInt64, now: Int64) {
        self.session = session
        role = .initiator
        self.peerIdentity = peerIdentity
        self.identity = identity
        proof = identity.proof
        handshake = NoiseHandshake(role: .initiator, staticKey: identity.noiseStaticKey, prologue: Self.prologue(session))
        let hello = try! handshake.writeMessage()  // the first message has no payload and cannot fail
        write(ChatDatagram(kind: .hello, session: session, body: hello), now: now)
    }

    /// The responder's side of a session `hello` opens, with its reply ready to poll; nil when `hello` is not a
    /// readable first handshake message (the caller drops and counts it).
    public init?(accepting hello: ChatDatagram, identity: ChatIdentity, now: Int64) {
        guard hello.kind == .hello else { return nil }
        session = hello.session
        role = .responder
        self.identity = identity
        proof = identity.proof
        guard let (handshake, reply) = Self.answering(hello.body, identity: identity, proof: proof, session: session) else { return nil }
        self.handshake = handshake
        adopt(hello.body, reply: reply, now: now)
    }

    /// A fresh responder handshake that read `hello`, and its reply; nil when `hello` does not read.
    private static func answering(
        _ hello: [UInt8], identity: ChatIdentity, proof: IdentityProof, session: UInt64
    ) -> (NoiseHandshake, [UInt8])? {
        var handshake = NoiseHandshake(role: .responder, staticKey: identity.noiseStaticKey, prologue: prologue(session))
        guard (try? handshake.readMessage(hello)) != nil, let reply = try? handshake.writeMessage(payload: proof.bytes) else { return nil }
        return (handshake, reply)
    }

    /// Sends `reply`, the answer to `hello`, and repeats it until the confirmation comes.
    private mutating func adopt(_ hello: [UInt8], reply: [UInt8], now: Int64) {
        answeredHello = hello
        write(ChatDatagram(kind: .reply, session: session, body: reply), now: now)
    }

    static func prologue(_ session: UInt64) -> [UInt8] {
        Array("kadsim chat 1".utf8) + withUnsafeBytes(of: session.bigEndian) { Array($0) }
    }

    /// Datagrams refused: malformed, tampered, replayed, for another session, proving the wrong identity.
    public var dropped: Int { droppedHere + (channel?.dropped ?? 0) }

    public mutating func pollDatagram() -> ChatDatagram? { outbox.isEmpty ? nil : outbox.removeFirst() }
    public mutating func pollEvent() -> Event? { events.isEmpty ? nil : events.removeFirst() }

    /// When `handleTimer` next has something to do, if ever.
    public var nextDeadline: Int64? {
        guard !isClosed else { return nil }
        return [retry?.at, stream.nextDeadline].compactMap { $0 }.min()
    }

    /// Sends `text`, at once or when the handshake is done.
    public mutating func send(_ text: [UInt8], now: Int64) throws(SendError) {
        guard !isClosed else { throw .closed }
        guard text.count <= ChatStream.maximumText else { throw .tooLong }
        guard isEstablished else {
            guard queued.count < ChatStream.window else { throw .windowFull }
            queued.append(text)
            return
        }
        do {
            seal(try stream.send(text, now: now))
        } catch {
            throw error == .tooLong ? .tooLong : .windowFull
        }
    }

    /// Takes a datagram from the peer. Returns true when it authenticated as the peer's (the caller may then take
    /// its source as the peer's current address: a peer that moved is followed).
    @discardableResult
    public mutating func receive(_ datagram: ChatDatagram, now: Int64) -> Bool {
        guard !isClosed, datagram.session == session else { return refuse() }
        switch (datagram.kind, role) {
        case (.hello, .responder):
            guard !isEstablished, let lastWritten else { return refuse() }
            if datagram.body == answeredHello {
                outbox.append(lastWritten)  // our reply was lost: the initiator asks again
                return false
            }
            // Not the hello answered (which may have been forged or damaged): neither can be told genuine, so the
            // latest is answered; the initiator completes only with the reply to its own.
            guard let (handshake, reply) = Self.answering(datagram.body, identity: identity, proof: proof, session: session) else {
                return refuse()
            }
            self.handshake = handshake
            adopt(datagram.body, reply: reply, now: now)
            return false
        case (.reply, .initiator):
            return isEstablished ? answerRepeated(datagram.body) : finishAsInitiator(datagram.body, now: now)
        case (.confirm, .responder):
            return isEstablished ? refuse() : finishAsResponder(datagram.body, now: now)
        case (.transport, _):
            return receiveTransport(datagram.body, now: now)
        default:
            return refuse()
        }
    }

    /// The peer's NAT has just opened towards this side (its punch arrived): the hello, very likely dropped there
    /// before, goes again now instead of at its next retry, once, without using up an attempt.
    public mutating func peerOpened() {
        guard !isEstablished, !isClosed, !helloResentOnOpening, let lastWritten, lastWritten.kind == .hello else { return }
        helloResentOnOpening = true
        outbox.append(lastWritten)
    }

    /// Sends what is due again; ends the session when the peer stopped answering.
    public mutating func handleTimer(now: Int64) {
        guard !isClosed else { return }
        if let pending = retry, pending.at <= now, let lastWritten {
            guard pending.attempts < stream.maximumAttempts else {
                close(.noAnswer, undelivered: queued)
                return
            }
            outbox.append(lastWritten)
            retry = (now + backoff(after: pending.attempts + 1), pending.attempts + 1)
        }
        guard isEstablished else { return }
        let (resend, failed) = stream.frames(dueAt: now)
        for frame in resend { seal(frame) }
        if !failed.isEmpty {
            let stillPending = stream.unacknowledged.keys.sorted().compactMap { stream.unacknowledged[$0]?.text }
            close(.peerSilent, undelivered: failed + stillPending)
        }
    }

    // MARK: - Handshake

    private mutating func finishAsInitiator(_ reply: [UInt8], now: Int64) -> Bool {
        var attempt = handshake
        guard let payload = try? attempt.readMessage(reply), let remoteStatic = attempt.remoteStatic,
              let peerProof = IdentityProof(bytes: payload), peerProof.verifies(remoteStatic: remoteStatic),
              peerProof.identityKey == peerIdentity,
              let confirm = try? attempt.writeMessage(payload: proof.bytes),
              let transport = try? attempt.transport() else { return refuse() }
        handshake = attempt
        answeredReply = reply
        lastWritten = ChatDatagram(kind: .confirm, session: session, body: confirm)
        outbox.append(lastWritten!)
        retry = nil
        establish(transport, peer: peerProof.identityKey, now: now)
        return true
    }

    private mutating func finishAsResponder(_ confirm: [UInt8], now: Int64) -> Bool {
        var attempt = handshake
        guard let payload = try? attempt.readMessage(confirm), let remoteStatic = attempt.remoteStatic,
              let peerProof = IdentityProof(bytes: payload), peerProof.verifies(remoteStatic: remoteStatic),
              let transport = try? attempt.transport() else { return refuse() }
        handshake = attempt
        lastWritten = nil
        retry = nil
        establish(transport, peer: peerProof.identityKey, now: now)
        return true
    }

    /// The responder repeated its reply, so our confirmation was lost: send it again.
    private mutating func answerRepeated(_ reply: [UInt8]) -> Bool {
        guard reply == answeredReply, let lastWritten else { return refuse() }
        outbox.append(lastWritten)
        return false
    }

    private mutating func establish(_ transport: NoiseTransport, peer: [UInt8], now: Int64) {
        channel = SecureChannel(transport)
        peerIdentity = peer
        isEstablished = true
        events.append(.established(peerIdentity: peer))
        let waiting = queued
        queued = []
        for text in waiting { try? send(text, now: now) }
    }

    // MARK: - Transport

    private mutating func receiveTransport(_ body: [UInt8], now: Int64) -> Bool {
        guard isEstablished, var channel = self.channel else { return refuse() }
        let plaintext = channel.open(body)
        self.channel = channel
        guard let plaintext else { return false }  // counted by the channel
        guard let frame = ChatFrame(bytes: plaintext) else { return refuse() }
        let (delivered, reply) = stream.receive(frame)
        for text in delivered { events.append(.delivered(text: text)) }
        if let reply { seal(reply) }
        return true
    }

    private mutating func seal(_ frame: ChatFrame) {
        guard var channel = self.channel, let sealed = try? channel.seal(frame.bytes) else { return }
        self.channel = channel
        outbox.append(ChatDatagram(kind: .transport, session: session, body: sealed))
    }

    // MARK: - Bookkeeping

    private mutating func write(_ datagram: ChatDatagram, now: Int64) {
        lastWritten = datagram
        outbox.append(datagram)
        retry = (now + backoff(after: 1), 1)
    }

    /// The wait after the `attempts`-th sending: the stream's schedule, doubling up to its longest interval.
    private func backoff(after attempts: Int) -> Int64 {
        min(stream.maximumInterval, stream.retransmitAfter << Int64(min(attempts - 1, 20)))
    }

    private mutating func refuse() -> Bool {
        droppedHere += 1
        return false
    }

    private mutating func close(_ failure: Failure, undelivered: [[UInt8]]) {
        isClosed = true
        retry = nil
        queued = []
        events.append(.failed(failure, undelivered: undelivered))
    }
}
