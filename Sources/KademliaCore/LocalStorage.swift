/// What a node holds for the DHT: one record per key with the time it was last stored here.
struct LocalStorage: Sendable {
    struct Entry: Sendable {
        var record: Record
        var storedAt: Microseconds
    }

    private(set) var entries: [NodeID: Entry] = [:]

    func record(for key: NodeID, now: Microseconds, ttl: Microseconds) -> Record? {
        guard let entry = entries[key], now - entry.storedAt < ttl else { return nil }
        return entry.record
    }

    mutating func store(_ record: Record, for key: NodeID, now: Microseconds) {
        entries[key] = Entry(record: record, storedAt: now)
    }

    /// Keys in id order, so that anything done per key happens in the same order in every process.
    var sortedKeys: [NodeID] { entries.keys.sorted() }

    mutating func removeExpired(now: Microseconds, ttl: Microseconds) {
        let expired = entries.filter { now - $0.value.storedAt >= ttl }.keys
        for key in expired { entries[key] = nil }
    }

    var count: Int { entries.count }
}
