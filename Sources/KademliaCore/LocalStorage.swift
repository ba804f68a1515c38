/// What a node holds for the DHT: one record per key with the time it was last stored here.
struct LocalStorage: Sendable {
    struct Entry: Sendable {
        var record: Record
        var storedAt: Microseconds
    }

    private(set) var entries: [NodeID: Entry] = [:]
    /// Keys in id order, kept up to date on insertion and expiry rather than sorted on every pass, so that
    /// anything done per key happens in the same order in every process.
    private(set) var sortedKeys: [NodeID] = []

    func record(for key: NodeID, now: Microseconds, ttl: Microseconds) -> Record? {
        guard let entry = entries[key], now - entry.storedAt < ttl else { return nil }
        return entry.record
    }

    mutating func store(_ record: Record, for key: NodeID, now: Microseconds) {
        if entries.updateValue(Entry(record: record, storedAt: now), forKey: key) == nil {
            sortedKeys.insert(key, at: insertionIndex(of: key))
        }
    }

    mutating func remove(_ key: NodeID) {
        guard entries.removeValue(forKey: key) != nil else { return }
        sortedKeys.remove(at: insertionIndex(of: key))
    }

    mutating func removeExpired(now: Microseconds, ttl: Microseconds) {
        let before = sortedKeys.count
        sortedKeys.removeAll { now - entries[$0]!.storedAt >= ttl }
        guard sortedKeys.count != before else { return }
        entries = entries.filter { now - $0.value.storedAt < ttl }
    }

    var count: Int { sortedKeys.count }

    private func insertionIndex(of key: NodeID) -> Int {
        var low = 0
        var high = sortedKeys.count
        while low < high {
            let middle = (low + high) / 2
            if sortedKeys[middle] < key { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
