/// The semantics that distinguish one store mode from another; the node's RPC and lookup code is shared.
public protocol StorePolicy: Sendable {
    /// Whether a STORE of `incoming` replaces `existing` on a storing node.
    func accepts(_ incoming: Record, over existing: Record?) -> Bool
    /// Whether a get ends with the first requests that return a value, or runs the whole lookup.
    var getStopsAtFirstValue: Bool { get }
    /// Whether a get answers from the local copy without asking the network.
    var getAnswersLocally: Bool { get }
    /// Whether a put first reads the current record.
    var putReadsFirst: Bool { get }
    /// The answer to a get from the records found, in order of arrival.
    func resolve(_ found: [Record]) -> Record?
    /// Whether a responder that returned `returned` should be sent the answer.
    func needsRepair(_ returned: Record, answer: Record) -> Bool
    /// The record a put writes, given the current one (nil when none was found or none was read).
    func recordToWrite(_ value: Value, current: Record?, writer: NodeID) -> Record

    /// `accepts(_:over:)` for a record stored under `key`; policies that authenticate records check it here.
    func accepts(_ incoming: Record, over existing: Record?, key: NodeID) -> Bool
    /// Whether a reader keeps `record`, returned for `key`, at all (false drops it before `resolve`).
    func admits(_ record: Record, key: NodeID) -> Bool
    /// Whether `accepts(_:over:key:)` and `admits(_:key:)` verify a signature (the node counts them).
    var verifiesSignatures: Bool { get }
}

extension StorePolicy {
    public func accepts(_ incoming: Record, over existing: Record?, key: NodeID) -> Bool {
        accepts(incoming, over: existing)
    }

    public func admits(_ record: Record, key: NodeID) -> Bool { true }
    public var verifiesSignatures: Bool { false }
}

extension StoreMode {
    public var policy: any StorePolicy {
        switch self {
        case .plain: return PlainStorePolicy()
        case .timestamped: return TimestampedStorePolicy()
        case .signed: return SignedStorePolicy()
        }
    }
}
