/// The versioned store: a put reads the current version and writes version + 1; storing nodes keep the
/// highest stamp and refuse older ones; a get runs the whole lookup, returns the highest stamp seen and
/// pushes it to responders that returned an older one. Unstamped records rank below every stamped one.
public struct TimestampedStorePolicy: StorePolicy {
    public init() {}

    public func accepts(_ incoming: Record, over existing: Record?) -> Bool {
        guard let existing else { return true }
        return Self.ranks(incoming, above: existing)
    }

    public var getStopsAtFirstValue: Bool { false }
    public var getAnswersLocally: Bool { false }
    public var putReadsFirst: Bool { true }

    public func resolve(_ found: [Record]) -> Record? {
        found.reduce(nil) { best, record in
            guard let best else { return record }
            return Self.ranks(record, above: best) ? record : best
        }
    }

    public func needsRepair(_ returned: Record, answer: Record) -> Bool {
        Self.ranks(answer, above: returned)
    }

    public func recordToWrite(_ value: Value, current: Record?, writer: NodeID) -> Record {
        let version = current?.stamp.map { $0.version &+ 1 } ?? 0
        return Record(value: value, stamp: Stamp(version: version, writer: writer))
    }

    /// Strictly newer: a higher stamp, or any stamp over none.
    static func ranks(_ record: Record, above other: Record) -> Bool {
        switch (record.stamp, other.stamp) {
        case let (mine?, theirs?): return theirs < mine
        case (.some, .none): return true
        case (.none, _): return false
        }
    }
}
