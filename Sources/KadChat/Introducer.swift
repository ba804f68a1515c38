import KademliaCore

/// A publicly reachable node's part in UDP hole punching, sans-IO. A user behind a NAT registers every few seconds,
/// which keeps its NAT's mapping towards this node open and tells it that mapping (`registered`). A peer that wants to
/// reach a registered user asks for an introduction; this node passes on the asker's address, and the user sends a
/// punch towards it, which opens the user's NAT to the asker's handshake. Only registered addresses are introduced
/// to, one datagram for one datagram, so the node cannot be used to reach or flood anyone else.
public struct Introducer: Sendable {
    /// How long a registration lasts without renewal (NATs keep an active UDP mapping about this long or longer).
    public static let registrationLifetime: Int64 = 120_000_000
    /// Registrations kept at once; further ones are refused until some expire.
    public static let maximumRegistrations = 4_096

    private var registrations: [NodeAddress: Int64] = [:]

    public init() {}

    /// Whether `datagram` is for an introducer (a registration or a request for an introduction).
    public static func handles(_ datagram: ChatDatagram) -> Bool {
        datagram.kind == .register || datagram.kind == .introduce
    }

    /// The datagrams to send for `datagram` from `source`: the registration's answer, or the introduction.
    public mutating func receive(_ datagram: ChatDatagram, from source: NodeAddress, now: Int64) -> [ChatEndpoint.Outgoing] {
        switch datagram.kind {
        case .register:
            guard register(source, now: now) else { return [] }
            return [ChatEndpoint.Outgoing(destination: source, datagram: ChatDatagram(kind: .registered, session: 0, body: source.chatBytes))]
        case .introduce:
            guard let target = NodeAddress(chatBytes: datagram.body), let seen = registrations[target],
                  now - seen <= Self.registrationLifetime else { return [] }
            let introduction = ChatDatagram(kind: .introduction, session: datagram.session, body: source.chatBytes)
            return [ChatEndpoint.Outgoing(destination: target, datagram: introduction)]
        default:
            return []
        }
    }

    private mutating func register(_ source: NodeAddress, now: Int64) -> Bool {
        if registrations[source] == nil, registrations.count >= Self.maximumRegistrations {
            registrations = registrations.filter { now - $0.value <= Self.registrationLifetime }
            guard registrations.count < Self.maximumRegistrations else { return false }
        }
        registrations[source] = now
        return true
    }
}
