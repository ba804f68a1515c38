import KademliaCore

/// How the user's NAT maps the chat's socket, told apart by the addresses two DHT nodes saw (`stun`).
public enum NATMapping: UInt8, Sendable, Equatable, CustomStringConvertible {
    /// Only one node answered: whether the port depends on the destination is not known.
    case unknown = 0
    /// The nodes saw the socket's own address: no NAT.
    case none = 1
    /// One public address for every destination (a cone NAT): hole punching can open it.
    case endpointIndependent = 2
    /// A new public port per destination (a symmetric NAT): the address a peer learns is the one towards the DHT node,
    /// not towards the peer, so a hole cannot be punched to another NAT.
    case perDestination = 3

    /// `seen`: the socket's address as each answering DHT node saw it, in the order asked.
    public static func classify(local: NodeAddress, seen: [NodeAddress]) -> NATMapping {
        guard let first = seen.first else { return .unknown }
        if seen.allSatisfy({ $0 == local }) { return .none }
        guard seen.count > 1 else { return .unknown }
        return seen.allSatisfy { $0 == first } ? .endpointIndependent : .perDestination
    }

    /// Whether a direct session between users with these mappings can be set up: unless both are behind NATs and
    /// one of them is symmetric (a public side learns a symmetric peer's real port from its punch).
    public static func canConnect(_ one: NATMapping, _ other: NATMapping) -> Bool {
        one == .none || other == .none || (one != .perDestination && other != .perDestination)
    }

    public var description: String {
        switch self {
        case .unknown: "unknown (give two --bootstrap nodes to tell)"
        case .none: "none (a public address)"
        case .endpointIndependent: "one public port for every destination (hole punching can work)"
        case .perDestination: "a new public port per destination (symmetric: peers behind NATs cannot reach you directly)"
        }
    }
}
