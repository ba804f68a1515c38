/// The Python kademlia 2.2.3 library's semantics: STORE overwrites; a get stops at the first round with
/// a value and takes the most common value of that round (ties to the first seen).
public struct PlainStorePolicy: StorePolicy {
    public init() {}

    public func accepts(_ incoming: Record, over existing: Record?) -> Bool { true }
    public var getStopsAtFirstValue: Bool { true }
    public var getAnswersLocally: Bool { true }
    public var putReadsFirst: Bool { false }

    public func resolve(_ found: [Record]) -> Record? {
        var best: (record: Record, count: Int)?
        for (position, record) in found.enumerated() {
            if found[..<position].contains(record) { continue }
            let count = found[position...].reduce(0) { $0 + ($1 == record ? 1 : 0) }
            if count > (best?.count ?? 0) { best = (record, count) }
        }
        return best?.record
    }

    public func needsRepair(_ returned: Record, answer: Record) -> Bool { false }

    public func recordToWrite(_ value: Value, current: Record?, writer: NodeID) -> Record {
        Record(value: value)
    }
}
