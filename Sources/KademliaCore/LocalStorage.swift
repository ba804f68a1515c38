/// What a node holds for the DHT: one record per key with the time it was last stored here.
///
/// One array sorted by key: a look-up is a binary search over a few hundred keys at most, every pass over the
/// keys happens in the same order in every process, and an entry costs its 40 bytes rather than a hash-table
/// slot plus a second sorted copy of its key.
struct LocalStorage: Sendable {
    struct Entry: Sendable {
        var key: NodeID
        var record: Record
        var storedAt: Microseconds
    }

    private(set) var entries: [Entry] = []

    var count: Int { entries.count }

    mutating func prefetchHeaders() { entries.prefetchHeader() }

    /// Keys in id order (a copy: safe to iterate while storing and removing).
    var sortedKeys: [NodeID] { entries.map(\.key) }

    func key(at position: Int) -> NodeID { entries[position].key }

    func entry(for key: NodeID) -> Entry? {
        let position = insertionIndex(of: key)
        return position < entries.count && entries[position].key == key ? entries[position] : nil
    }

    func record(for key: NodeID, now: Microseconds, ttl: Microseconds) -> Record? {
        guard let entry = entry(for: key), now - entry.storedAt < ttl else { return nil }
        return entry.record
    }

    mutating func store(_ record: Record, for key: NodeID, now: Microseconds) {
        let position = insertionIndex(of: key)
        let entry = Entry(key: key, record: record, storedAt: now)
        if position < entries.count && entries[position].key == key {
            entries[position] = entry
        } else {
            entries.insert(entry, at: position)
        }
    }

    mutating func remove(_ key: NodeID) {
        let position = insertionIndex(of: key)
        guard position < entries.count && entries[position].key == key else { return }
        entries.remove(at: position)
    }

    mutating func removeExpired(now: Microseconds, ttl: Microseconds) {
        entries.removeAll { now - $0.storedAt >= ttl }
    }

    /// Positions of the keys between `lowest` and `highest`, both included.
    func keyPositions(from lowest: NodeID, through highest: NodeID) -> Range<Int> {
        let start = insertionIndex(of: lowest)
        var end = start
        while end < entries.count && entries[end].key <= highest { end += 1 }
        return start..<end
    }

    private func insertionIndex(of key: NodeID) -> Int {
        var low = 0
        var high = entries.count
        while low < high {
            let middle = (low + high) / 2
            if entries[middle].key < key { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
