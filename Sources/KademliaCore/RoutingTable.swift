/// The k-bucket routing table. Bucket `i` holds contacts sharing exactly `i` leading bits with the own id;
/// the last bucket holds everything closer and is the only one that splits, as in the paper.
public struct RoutingTable: Sendable {
    /// What observing a contact did to the table.
    public enum Observation: Equatable, Sendable {
        case inserted
        /// Already known: moved to the tail; `addressChanged` when it came from a new address.
        case refreshed(addressChanged: Bool)
        /// The bucket is full; the contact waits in the replacement cache. Ping `pingHead` (if any) and evict
        /// it only if it fails. No head to ping while one is under check or was heard from within `headCheckAfter`.
        case cached(pingHead: Contact?)
        case ignoredSelf
    }

    public let ownID: NodeID
    public let bucketSize: Int
    public let replacementCacheSize: Int
    /// A head heard from more recently than this is taken to be alive: a newcomer then waits without a ping.
    public let headCheckAfter: Microseconds
    var buckets: [KBucket]

    public init(
        ownID: NodeID, bucketSize: Int = 20, replacementCacheSize: Int = 100, headCheckAfter: Microseconds = 0, now: Microseconds = 0
    ) {
        self.ownID = ownID
        self.bucketSize = bucketSize
        self.replacementCacheSize = replacementCacheSize
        self.headCheckAfter = headCheckAfter
        self.buckets = [KBucket(lastTouched: now)]
    }

    public var bucketCount: Int { buckets.count }
    public var count: Int { buckets.reduce(0) { $0 + $1.entries.count } }

    /// All contacts, bucket by bucket, least-recently seen first within a bucket.
    public var contacts: [Contact] { buckets.flatMap { $0.entries.map(\.contact) } }

    /// Contacts of bucket `index`, least-recently seen first.
    public func contacts(inBucket index: Int) -> [Contact] { buckets[index].entries.map(\.contact) }
    public func replacements(inBucket index: Int) -> [Contact] { buckets[index].replacements.entries.map(\.contact) }

    public func bucketIndex(for id: NodeID) -> Int {
        min(ownID.commonPrefixLength(with: id), buckets.count - 1)
    }

    public func contains(_ id: NodeID) -> Bool {
        buckets[bucketIndex(for: id)].index(of: id) != nil
    }

    public func contact(for id: NodeID) -> Contact? {
        let bucket = buckets[bucketIndex(for: id)]
        return bucket.index(of: id).map { bucket.entries[$0].contact }
    }

    /// Records that `contact` was heard from: the paper's least-recently-seen update with bucket splitting.
    public mutating func observe(_ contact: Contact, now: Microseconds) -> Observation {
        guard contact.id != ownID else { return .ignoredSelf }
        while true {
            let index = bucketIndex(for: contact.id)
            if let position = buckets[index].index(of: contact.id) {
                var entry = buckets[index].entries.remove(at: position)
                let moved = entry.contact.address != contact.address
                entry.contact.address = contact.address
                entry.lastSeen = now
                entry.failures = 0
                buckets[index].entries.append(entry)
                if buckets[index].headUnderCheck == contact.id { buckets[index].headUnderCheck = nil }
                return .refreshed(addressChanged: moved)
            }
            let entry = RoutingEntry(contact: contact, lastSeen: now, failures: 0)
            if buckets[index].entries.count < bucketSize {
                // A bucket that fills holds k entries for good: room for exactly k, not the next power of two.
                if buckets[index].entries.capacity == 0 { buckets[index].entries.reserveCapacity(bucketSize) }
                buckets[index].entries.append(entry)
                buckets[index].replacements.remove(contact.id)
                buckets[index].lastTouched = now
                return .inserted
            }
            if index == buckets.count - 1 && buckets.count < NodeID.bitCount {
                splitLastBucket()
                continue
            }
            buckets[index].replacements.add(entry, capacity: replacementCacheSize)
            guard buckets[index].headUnderCheck == nil, let head = buckets[index].entries.first,
                  now - head.lastSeen >= headCheckAfter else {
                return .cached(pingHead: nil)
            }
            buckets[index].headUnderCheck = head.contact.id
            return .cached(pingHead: head.contact)
        }
    }

    /// Counts a failed RPC; at `limit` failures the contact is removed and the freshest replacement promoted.
    /// Returns true when the contact was removed.
    @discardableResult
    public mutating func recordFailure(of id: NodeID, limit: Int) -> Bool {
        let index = bucketIndex(for: id)
        guard let position = buckets[index].index(of: id) else {
            buckets[index].replacements.remove(id)
            return false
        }
        if buckets[index].headUnderCheck == id { buckets[index].headUnderCheck = nil }
        let failures = buckets[index].entries[position].failures
        if failures < .max { buckets[index].entries[position].failures = failures + 1 }
        guard Int(failures) + 1 >= limit else { return false }
        buckets[index].entries.remove(at: position)
        if let promoted = buckets[index].replacements.popNewest() {
            buckets[index].entries.append(promoted)
        }
        return true
    }

    /// Marks the bucket that covers `target` as recently used (a lookup went there).
    public mutating func touch(bucketFor target: NodeID, now: Microseconds) {
        buckets[bucketIndex(for: target)].lastTouched = now
    }

    /// Whether bucket `index` is empty or was not touched since `cutoff`.
    public func bucketNeedsRefresh(_ index: Int, untouchedSince cutoff: Microseconds) -> Bool {
        buckets[index].entries.isEmpty || buckets[index].lastTouched < cutoff
    }

    /// Buckets not touched since `cutoff`, lowest index first.
    public func bucketsUntouched(since cutoff: Microseconds) -> [Int] {
        buckets.indices.filter { buckets[$0].lastTouched < cutoff }
    }

    /// The exact `count` closest contacts to `target` by XOR distance, closest first.
    ///
    /// Bucket order relative to the target is known from the common prefix `c` of target and own id:
    /// bucket `c` is closest, buckets above `c` come next (all share the distance's top bit), then
    /// buckets `c-1` down to 0, each farther than the last. Only the groups needed are sorted.
    public func closest(to target: NodeID, count wanted: Int, excluding excludedAddress: NodeAddress? = nil) -> [Contact] {
        guard wanted > 0 else { return [] }
        // Candidates are ranked in a small stack buffer (distance and place, 24 bytes each) with their distances
        // computed once; the answer is copied out once.
        return withUnsafeTemporaryAllocation(of: RankedContact.self, capacity: wanted) { ranked in
            var count = 0
            // Each group goes into the tail of `ranked` by bounded insertion: every member of a group is farther
            // than every member of the groups before it, so only the tail is ever searched or shifted.
            func take(bucket index: Int, groupStart: Int) {
                for (position, entry) in buckets[index].entries.enumerated()
                where entry.contact.address != excludedAddress && entry.contact.id != target {
                    let distance = entry.contact.id.distance(to: target)
                    let place = RankedContact.Place(bucket: UInt16(index), entry: UInt16(position))
                    var slot = count
                    if count == wanted {
                        guard distance < ranked[wanted - 1].distance else { continue }
                        slot = wanted - 1
                    } else {
                        count += 1
                    }
                    while slot > groupStart && distance < ranked[slot - 1].distance {
                        ranked[slot] = ranked[slot - 1]
                        slot -= 1
                    }
                    ranked[slot] = RankedContact(distance: distance, place: place)
                }
            }
            let last = buckets.count - 1
            let prefix = min(ownID.commonPrefixLength(with: target), last)
            take(bucket: prefix, groupStart: 0)
            if count < wanted && prefix < last {
                let groupStart = count
                for index in (prefix + 1)...last { take(bucket: index, groupStart: groupStart) }
            }
            var index = prefix - 1
            while count < wanted && index >= 0 {
                take(bucket: index, groupStart: count)
                index -= 1
            }
            return Array(unsafeUninitializedCapacity: count) { contacts, initialized in
                for slot in 0..<count {
                    let place = ranked[slot].place
                    (contacts.baseAddress! + slot).initialize(to: buckets[Int(place.bucket)].entries[Int(place.entry)].contact)
                }
                initialized = count
            }
        }
    }

    private struct RankedContact {
        struct Place {
            var bucket: UInt16
            var entry: UInt16
        }

        var distance: NodeID
        var place: Place
    }

    /// Whether any contact other than `excluded` is closer to `target` than the own id. Only bucket
    /// `c = commonPrefix(own, target)` can hold such contacts (all of it, below the last bucket), so this
    /// costs one bucket, not the table.
    public func hasContactCloserThanSelf(to target: NodeID, excluding excluded: NodeID) -> Bool {
        let last = buckets.count - 1
        let prefix = ownID.commonPrefixLength(with: target)
        guard prefix >= last else { return bucket(prefix, holdsContactOtherThan: excluded) }
        let ownDistance = ownID.distance(to: target)
        return buckets[last].entries.contains { $0.contact.id != excluded && $0.contact.id.distance(to: target) < ownDistance }
    }

    /// Whether bucket `index` holds any contact but `excluded`.
    public func bucket(_ index: Int, holdsContactOtherThan excluded: NodeID) -> Bool {
        buckets[index].entries.contains { $0.contact.id != excluded }
    }

    /// Splits the own-id bucket into "shares exactly `n` bits" and "shares more".
    private mutating func splitLastBucket() {
        let splitIndex = buckets.count - 1
        let old = buckets[splitIndex]
        var near = KBucket(lastTouched: old.lastTouched)
        var far = KBucket(lastTouched: old.lastTouched)
        near.entries.reserveCapacity(bucketSize)
        far.entries.reserveCapacity(bucketSize)
        for entry in old.entries {
            if ownID.commonPrefixLength(with: entry.contact.id) == splitIndex { far.entries.append(entry) } else { near.entries.append(entry) }
        }
        for entry in old.replacements.entries {
            if ownID.commonPrefixLength(with: entry.contact.id) == splitIndex {
                far.replacements.add(entry, capacity: replacementCacheSize)
            } else {
                near.replacements.add(entry, capacity: replacementCacheSize)
            }
        }
        buckets[splitIndex] = far
        buckets.append(near)
    }
}
