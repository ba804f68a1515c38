/// Why a node sent a request: the work its traffic pays for.
public enum RequestOrigin: Int, CaseIterable, Sendable {
    case join, findNode, get, put
    /// A holder pushing a record nobody re-stored here within the republish interval.
    case republish
    case refresh
    /// Ping-before-evict of a bucket head, for an unknown sender that found the bucket full.
    case headCheck
    /// Records handed to a newcomer that should hold them.
    case recordTransfer
    /// A get's STOREs to responders with an older record and to the closest node without one.
    case readRepair
    /// A `stun` request: which address the asked node sees.
    case observeAddress

    init(_ kind: Operation.Kind) {
        switch kind {
        case .join: self = .join
        case .findNode: self = .findNode
        case .get: self = .get
        case .put: self = .put
        case .republish: self = .republish
        case .refresh: self = .refresh
        case .observeAddress: self = .observeAddress
        }
    }
}

/// Requests a node sent, per origin (datagrams the network lost included).
public struct RequestTally: Sendable, Hashable {
    private var counts = [Int](repeating: 0, count: RequestOrigin.allCases.count)

    public init() {}

    public subscript(origin: RequestOrigin) -> Int { counts[origin.rawValue] }

    mutating func count(_ origin: RequestOrigin) { counts[origin.rawValue] += 1 }

    public static func + (left: RequestTally, right: RequestTally) -> RequestTally {
        var sum = left
        for origin in RequestOrigin.allCases { sum.counts[origin.rawValue] += right[origin] }
        return sum
    }
}
