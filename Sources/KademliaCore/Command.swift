/// What a user (or the simulator's workload) asks a node to do.
public enum Command: Hashable, Sendable {
    /// Join through these addresses; with none, rejoin through the contacts already in the routing table.
    case join([NodeAddress])
    case put(key: NodeID, value: Value)
    case get(key: NodeID)
    case findNode(target: NodeID)
    /// Asks the node at `via` which address this node's datagrams come from (the `stun` RPC): behind a NAT, the public
    /// mapping a peer must send to.
    case observeAddress(via: NodeAddress)
}

public struct OperationID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var rawValue: UInt64

    public init(rawValue: UInt64) {
        self.rawValue = rawValue
    }

    public static func < (lhs: OperationID, rhs: OperationID) -> Bool { lhs.rawValue < rhs.rawValue }
    public var description: String { "op\(rawValue)" }
}

public enum OperationResult: Hashable, Sendable {
    /// `contacts` is the routing table size once the join lookup ended (0: nobody answered).
    case joined(contacts: Int)
    /// `storedAt` counts the nodes that acknowledged the STORE.
    case put(Record, storedAt: Int)
    case got(Record?)
    case found([Contact])
    /// The address the asked node saw; nil when it did not answer.
    case observedAddress(NodeAddress?)
}

/// Cost of one operation, for the simulator's metrics.
public struct OperationStats: Hashable, Sendable {
    public var startedAt: Microseconds
    public var finishedAt: Microseconds
    /// Longest referral chain of the lookup.
    public var hops: Int
    /// Requests this operation sent (lookup, stores and repairs).
    public var messages: Int
    /// Lookup requests that timed out or got a malformed reply.
    public var failures: Int
    /// A get answered with the node's own stored copy: without a lookup (the plain store), or because the copy won
    /// and no node asked returned it.
    public var answeredFromOwnCopy: Bool = false
}

public enum NodeEvent: Hashable, Sendable {
    case completed(OperationID, OperationResult, OperationStats)
}
