/// The Python library's table layout (`KademliaConfiguration.relaxedBucketSplit`): buckets are ranges of the id
/// space in id order, starting from one range over everything. A full bucket splits at its midpoint when it covers
/// the own id or when the ids it holds share a prefix whose length is not a multiple of 5, so far from the own id a
/// table keeps up to 2^4 buckets where the paper's keeps one.
extension RoutingTable {
    /// The ids sharing the first `depth` bits of `lower`, whose remaining bits are all 0.
    struct BucketRange: Sendable, Equatable {
        var lower: NodeID
        var depth: Int

        func contains(_ id: NodeID) -> Bool { lower.commonPrefixLength(with: id) >= depth }
    }

    /// The bucket whose range holds `id`: ranges are in id order and cover the whole space.
    func rangeIndex(for id: NodeID) -> Int {
        var low = 0, high = ranges.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if ranges[middle].lower <= id { low = middle } else { high = middle - 1 }
        }
        return low
    }

    /// Whether a full bucket `index` splits rather than ping its head, as the library decides.
    func splitsWhenFull(_ index: Int) -> Bool {
        let range = ranges[index]
        guard range.depth < NodeID.bitCount - 1 else { return false }
        return range.contains(ownID) || sharedPrefixOfContacts(inBucket: index) % 5 != 0
    }

    /// The length of the prefix every contact of bucket `index` shares (the library's `KBucket.depth`).
    private func sharedPrefixOfContacts(inBucket index: Int) -> Int {
        let members = slots[range(of: index)]
        guard let first = members.first.map({ directory[$0.contact].id }) else { return 0 }
        return members.dropFirst().reduce(NodeID.bitCount) { min($0, first.commonPrefixLength(with: directory[$1.contact].id)) }
    }

    /// Splits bucket `index` at its midpoint, as the library does: both halves are new (touched `now`), the contacts
    /// go to their half in order and then the replacements, each to its half's contacts while there is room there.
    mutating func splitRange(_ index: Int, now: Microseconds) {
        let range = ranges[index]
        let upperLower = range.lower.flippingBit(range.depth)
        let old = buckets[index]
        let oldEntries = Array(slots[self.range(of: index)])
        var halves = [KBucket(lastTouched: now), KBucket(lastTouched: now)]
        var entries: [[RoutingEntry]] = [[], []]
        for entry in oldEntries + old.replacements.entries {
            let half = directory[entry.contact].id.bit(range.depth) ? 1 : 0
            if entries[half].count < bucketSize {
                entries[half].append(entry)
            } else {
                halves[half].replacements.add(entry, capacity: replacementCacheSize)
            }
        }
        slots.insert(contentsOf: repeatElement(RoutingEntry.vacant, count: bucketSize), at: (index + 1) * bucketSize)
        for half in 0..<2 {
            let base = (index + half) * bucketSize
            for (offset, entry) in entries[half].enumerated() { slots[base + offset] = entry }
            for offset in entries[half].count..<bucketSize { slots[base + offset] = .vacant }
            halves[half].count = entries[half].count
        }
        buckets[index] = halves[0]
        buckets.insert(halves[1], at: index + 1)
        ranges[index] = BucketRange(lower: range.lower, depth: range.depth + 1)
        ranges.insert(BucketRange(lower: upperLower, depth: range.depth + 1), at: index + 1)
    }

    /// How many leading bits every id of bucket `index` shares with the own id.
    func sharedPrefixWithOwnID(ofBucket index: Int) -> Int {
        guard relaxedSplit else { return index }
        return min(ranges[index].depth, ownID.commonPrefixLength(with: ranges[index].lower))
    }
}
