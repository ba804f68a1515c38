/// A chat datagram's envelope: a marker byte no DHT message starts with (so chat and DHT traffic can share a port),
/// the kind, the session number the initiator chose, then the body (a Noise handshake message, a secure datagram, or an
/// address for hole punching).
public struct ChatDatagram: Sendable, Equatable {
    public enum Kind: UInt8, Sendable {
        /// Noise XX's three handshake messages.
        case hello = 1, reply = 2, confirm = 3
        /// A `SecureChannel` datagram carrying one `ChatFrame`.
        case transport = 4
        /// Hole punching (see `Introducer`): a user registers with its introducer, which answers with the address it
        /// saw; a peer asks the introducer to introduce it to a registered address (the body), the introducer passes
        /// the peer's address on, and the user punches towards it. Session numbers are the peer's new session's.
        case register = 5, registered = 6, introduce = 7, introduction = 8, punch = 9
    }

    public var kind: Kind
    public var session: UInt64
    public var body: [UInt8]

    /// Python kademlia's datagrams start with 0x00 or 0x01 (request or response), so this one cannot be mistaken.
    public static let marker: UInt8 = 0xC4
    static let headerLength = 10
    /// Larger than any handshake message or secure datagram the session writes; anything larger is refused unread.
    public static let maximumLength = 1_280

    public init(kind: Kind, session: UInt64, body: [UInt8]) {
        self.kind = kind
        self.session = session
        self.body = body
    }

    public var bytes: [UInt8] {
        [Self.marker, kind.rawValue] + withUnsafeBytes(of: session.bigEndian) { Array($0) } + body
    }

    /// Whether `bytes` claims to be a chat datagram (it may still be malformed).
    public static func isChat(_ bytes: some Collection<UInt8>) -> Bool { bytes.first == marker }

    /// nil for anything malformed: another marker, an unknown kind, a short header, an oversized datagram.
    public init?(bytes: [UInt8]) {
        guard bytes.count >= Self.headerLength, bytes.count <= Self.maximumLength, bytes[0] == Self.marker,
              let kind = Kind(rawValue: bytes[1]) else { return nil }
        self.kind = kind
        session = bytes[2..<10].reduce(0) { $0 << 8 | UInt64($1) }
        body = Array(bytes[10...])
    }
}
