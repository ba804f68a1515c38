extension RoutingTable {
    /// Observes `contacts` in turn at `now`, each interned in this table's directory beforehand.
    ///
    /// An empty table given distinct contacts in order of the prefix length they share with the own id, at most k of
    /// each length (the way a simulator's global view fills a table), is laid out in one pass: the same buckets, in
    /// the same order, as observing one by one, without splitting the last bucket once per bucket (each split reads
    /// every entry's id from the directory and grows the slot block again). Any other input is observed one by one.
    mutating func observe(all contacts: ArraySlice<ContactDirectory.Interned>, now: Microseconds) {
        let isEmpty = buckets.count == 1 && buckets[0].count == 0 && buckets[0].replacements.count == 0
        guard !contacts.isEmpty, isEmpty, !addressLimits.isActive, !relaxedSplit, let layout = bulkLayout(of: contacts) else {
            for contact in contacts { _ = observe(contact, now: now) }
            return
        }
        let last = layout.count - 1
        buckets = layout.map { _ in KBucket(lastTouched: now) }
        slots = Array(repeating: .vacant, count: layout.count * bucketSize)
        for contact in contacts {
            assert(directory[contact.handle] == contact.contact, "an interned contact comes from the table's own directory")
            let index = min(ownID.commonPrefixLength(with: contact.contact.id), last)
            slots[index * bucketSize + buckets[index].count] =
                RoutingEntry(contact: contact.handle, id: contact.idHandle, lastSeen: now, failures: 0)
            buckets[index].count += 1
        }
        assert(zip(buckets, layout).allSatisfy { $0.count == $1 }, "the bulk layout counts every contact")
    }

    /// The number of contacts each bucket ends with when `contacts` are observed in turn by this empty table, if each
    /// is inserted (none is the own id, none waits in a replacement cache) and their shared prefix lengths never
    /// decrease; nil otherwise.
    ///
    /// With non-decreasing prefix lengths every bucket but the last holds exactly the contacts of its own length, and
    /// the last holds all of its length or longer: counts per length decide every split.
    private func bulkLayout(of contacts: ArraySlice<ContactDirectory.Interned>) -> [Int]? {
        var perLength = [Int](repeating: 0, count: NodeID.bitCount)
        var last = 0, inLast = 0, previous = 0
        for contact in contacts {
            guard contact.contact.id != ownID else { return nil }
            let length = ownID.commonPrefixLength(with: contact.contact.id)
            guard length >= previous else { return nil }
            previous = length
            while true {
                let index = min(length, last)
                let held = index == last ? inLast : perLength[index]
                if held < bucketSize {
                    perLength[length] += 1
                    if index == last { inLast += 1 }
                    break
                }
                guard index == last, last + 1 < NodeID.bitCount else { return nil }
                inLast -= perLength[last]
                last += 1
            }
        }
        return (0...last).map { $0 == last ? inLast : perLength[$0] }
    }
}
