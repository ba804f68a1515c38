/// An operation in progress: a lookup and what to do when it ends.
struct Operation: Sendable {
    enum Kind: Sendable {
        /// Pinging bootstrap addresses, then a lookup of the own id.
        case join(pingsOutstanding: Int)
        case findNode
        case get(key: NodeID)
        case put(key: NodeID, value: Value)
        /// A holder pushing a record it keeps to the current k closest (internal, reports nothing).
        case republish(key: NodeID, record: Record)
        /// A bucket refresh (internal, reports nothing).
        case refresh
        /// One `stun` request, waiting for its answer.
        case observeAddress
    }

    enum Phase: Sendable {
        case looking
        /// STOREs sent; waiting for acknowledgements.
        case storing(record: Record, outstanding: Int, acknowledged: Int)
    }

    var kind: Kind
    var phase: Phase = .looking
    var lookup: DisjointLookup?
    /// The lookup asks FIND_VALUE rather than FIND_NODE.
    var findsValue = false
    var startedAt: Microseconds
    var messages = 0
    /// A record returned by FIND_VALUE, with who returned it.
    typealias Answer = (responder: Contact, record: Record)

    /// Records returned by FIND_VALUE, in arrival order.
    var found: [Answer] = []
    /// The record a put writes when it was fixed before the lookup (a signed write).
    var prepared: Record?
    /// A get's answer is the node's own stored copy, which no node asked returned.
    var answeredFromOwnCopy = false

    /// What `KademliaNode.advance` does next.
    enum Step {
        /// Join pings or STORE acknowledgements are still out.
        case waiting
        /// Every join ping is answered: the lookup of the own id starts.
        case startJoinLookup
        /// The lookup sends its next requests.
        case lookup
        /// Every STORE is answered or failed.
        case stored(record: Record, acknowledged: Int)
    }

    var nextStep: Step {
        if case .join(let outstanding) = kind, lookup == nil { return outstanding <= 0 ? .startJoinLookup : .waiting }
        switch phase {
        case .looking:
            return lookup == nil ? .waiting : .lookup
        case .storing(let record, let outstanding, let acknowledged):
            return outstanding <= 0 ? .stored(record: record, acknowledged: acknowledged) : .waiting
        }
    }

    var isInternal: Bool {
        switch kind {
        case .republish, .refresh: return true
        case .join, .findNode, .get, .put, .observeAddress: return false
        }
    }
}

/// An RPC awaiting its reply.
struct PendingRPC: Sendable {
    enum Purpose: Sendable {
        case operation(OperationID)
        /// Ping-before-evict of a bucket head.
        case headCheck
        /// A STORE with nobody waiting for the answer.
        case unattended(RequestOrigin)
    }

    /// What was asked, without what the reply does not need (a STORE's record): a pending RPC holds no reference,
    /// so filing, copying and dropping one costs no reference counting.
    enum Asked: Equatable, Sendable {
        case ping, store, findNode, stun
        case findValue(key: NodeID)

        init(_ request: Request) {
            switch request {
            case .ping: self = .ping
            case .store: self = .store
            case .findNode: self = .findNode
            case .findValue(let key): self = .findValue(key: key)
            case .stun: self = .stun
            }
        }
    }

    /// Nil for a bootstrap ping to an address whose node id we don't know yet.
    var contactID: NodeID?
    var destination: NodeAddress
    var asked: Asked
    var purpose: Purpose
}
