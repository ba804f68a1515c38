import CachePrefetch

/// The k-bucket routing table. Bucket `i` holds contacts sharing exactly `i` leading bits with the own id;
/// the last bucket holds everything closer and is the only one that splits, as in the paper. With `relaxedSplit`
/// buckets are id ranges instead, split the Python library's way (`RoutingTable+RelaxedSplit.swift`).
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
    public let addressLimits: AddressLimits
    /// See `KademliaConfiguration.leastRecentlySeenOrder`.
    public let leastRecentlySeenOrder: Bool
    /// Every message from a contact waiting for a full bucket pings its head, even while an earlier ping is in flight
    /// (`KademliaConfiguration.repeatsHeadChecks`).
    public let repeatsHeadChecks: Bool
    /// Neighbours are gathered by walking buckets outward from the target's, as the Python library does
    /// (`KademliaConfiguration.neighboursByBucketWalk`), instead of being the exact closest.
    public let neighboursByBucketWalk: Bool
    /// Buckets are id ranges that split as the Python library's do (`KademliaConfiguration.relaxedBucketSplit`).
    public let relaxedSplit: Bool
    /// With `relaxedSplit`, the range of each bucket, in id order; empty otherwise.
    var ranges: [BucketRange]
    /// Where the entries' contacts are interned; shared by every node of a simulation.
    private(set) var directory: ContactDirectory
    /// The directory size at which a directory of this table's own is next rebuilt (see `intern`).
    private var directoryLimit = RoutingTable.smallestDirectoryLimit
    var buckets: [KBucket]
    /// The entries of every bucket in one block: bucket `i` owns `slots[i*k ..< i*k + buckets[i].count]`.
    var slots: [RoutingEntry]

    public init(
        ownID: NodeID, bucketSize: Int = 20, replacementCacheSize: Int = 100, headCheckAfter: Microseconds = 0,
        addressLimits: AddressLimits = .none, leastRecentlySeenOrder: Bool = true, repeatsHeadChecks: Bool = false,
        neighboursByBucketWalk: Bool = false, relaxedSplit: Bool = false, now: Microseconds = 0,
        directory: ContactDirectory = ContactDirectory()
    ) {
        self.ownID = ownID
        self.relaxedSplit = relaxedSplit
        self.ranges = relaxedSplit ? [BucketRange(lower: .zero, depth: 0)] : []
        self.neighboursByBucketWalk = neighboursByBucketWalk
        self.leastRecentlySeenOrder = leastRecentlySeenOrder
        self.repeatsHeadChecks = repeatsHeadChecks
        self.bucketSize = bucketSize
        self.replacementCacheSize = replacementCacheSize
        self.headCheckAfter = headCheckAfter
        self.addressLimits = addressLimits
        self.directory = directory
        self.buckets = [KBucket(lastTouched: now)]
        self.slots = Array(repeating: .vacant, count: bucketSize)
    }

    public var bucketCount: Int { buckets.count }
    public var count: Int { buckets.reduce(0) { $0 + $1.count } }
    /// Contacts waiting in the replacement caches.
    public var waitingCount: Int { buckets.reduce(0) { $0 + $1.replacements.count } }

    /// All contacts, bucket by bucket, least-recently seen first within a bucket.
    public var contacts: [Contact] { buckets.indices.flatMap { contacts(inBucket: $0) } }

    /// Contacts of bucket `index`, least-recently seen first.
    public func contacts(inBucket index: Int) -> [Contact] { slots[range(of: index)].map { directory[$0.contact] } }
    public func replacements(inBucket index: Int) -> [Contact] {
        buckets[index].replacements.entries.map { directory[$0.contact] }
    }

    public func bucketIndex(for id: NodeID) -> Int {
        relaxedSplit ? rangeIndex(for: id) : min(ownID.commonPrefixLength(with: id), buckets.count - 1)
    }

    public func contains(_ id: NodeID) -> Bool {
        slot(of: directory.idHandle(of: id), inBucket: bucketIndex(for: id)) != nil
    }

    public func contact(for id: NodeID) -> Contact? {
        slot(of: directory.idHandle(of: id), inBucket: bucketIndex(for: id)).map { directory[slots[$0].contact] }
    }

    static let smallestDirectoryLimit = 4_096

    /// Interns `contact`. A directory that only this table uses (a node on its own, facing whatever ids the network
    /// sends it) is rebuilt from the table's own contacts once it holds four times what the table keeps, so a flood
    /// of fabricated ids cannot grow it without bound. A shared directory (a simulation's) only grows.
    private mutating func intern(_ contact: Contact) -> (contact: ContactDirectory.Handle, id: ContactDirectory.IDHandle) {
        if directory.count >= directoryLimit {
            if isKnownUniquelyReferenced(&directory) { compactDirectory() }
            let kept = buckets.reduce(0) { $0 + $1.count + $1.replacements.count }
            directoryLimit = max(Self.smallestDirectoryLimit, 4 * kept, directory.count + directory.count / 2)
        }
        return directory.intern(contact)
    }

    /// Moves the table into a new directory holding only the contacts it keeps.
    private mutating func compactDirectory() {
        let old = directory
        let fresh = ContactDirectory()
        func moved(_ entry: RoutingEntry) -> RoutingEntry {
            let handles = fresh.intern(old[entry.contact])
            var copy = entry
            copy.contact = handles.contact
            copy.id = handles.id
            return copy
        }
        for index in buckets.indices {
            let head = buckets[index].headUnderCheck
            buckets[index].headUnderCheck = .none
            for slot in range(of: index) {
                let entry = slots[slot]
                slots[slot] = moved(entry)
                if entry.id == head { buckets[index].headUnderCheck = slots[slot].id }
            }
            buckets[index].replacements.remap(moved)
        }
        directory = fresh
    }

    /// The slots bucket `index` fills.
    func range(of index: Int) -> Range<Int> {
        let first = index * bucketSize
        return first..<(first + buckets[index].count)
    }

    /// The slot holding `id` in bucket `index`, if any.
    /// Starts loading the bucket of `id` (see `KademliaNode.prefetchBucket`). The bucket is the prefix's even when
    /// the table has fewer buckets: the count is not read, as waiting for it would defeat the hint.
    mutating func prefetchBucket(of id: NodeID) {
        guard !relaxedSplit else { return }
        let index = ownID.commonPrefixLength(with: id)
        buckets.prefetchElements(index..<(index + 1))
        slots.prefetchElements((index * bucketSize)..<((index + 1) * bucketSize))
    }

    func slot(of id: ContactDirectory.IDHandle, inBucket index: Int) -> Int? {
        range(of: index).first { slots[$0].id == id }
    }

    /// Takes the entry at `slot` out of bucket `index`, closing the gap (the order of the rest is kept).
    private mutating func removeEntry(at slot: Int, inBucket index: Int) {
        let end = range(of: index).upperBound
        for position in slot..<(end - 1) { slots[position] = slots[position + 1] }
        buckets[index].count -= 1
    }

    private mutating func appendEntry(_ entry: RoutingEntry, toBucket index: Int) {
        slots[range(of: index).upperBound] = entry
        buckets[index].count += 1
    }

    /// Records that `contact` was heard from: the paper's least-recently-seen update with bucket splitting.
    public mutating func observe(_ contact: Contact, now: Microseconds) -> Observation {
        guard contact.id != ownID else { return .ignoredSelf }
        return observe(contact, interned: intern(contact), now: now)
    }

    /// `observe` for a contact interned in this table's directory beforehand.
    mutating func observe(_ contact: ContactDirectory.Interned, now: Microseconds) -> Observation {
        guard contact.contact.id != ownID else { return .ignoredSelf }
        assert(directory[contact.handle] == contact.contact, "an interned contact comes from the table's own directory")
        return observe(contact.contact, interned: (contact.handle, contact.idHandle), now: now)
    }

    private mutating func observe(
        _ contact: Contact, interned: (contact: ContactDirectory.Handle, id: ContactDirectory.IDHandle), now: Microseconds
    ) -> Observation {
        while true {
            let index = bucketIndex(for: contact.id)
            if let slot = slot(of: interned.id, inBucket: index) {
                if buckets[index].headUnderCheck == interned.id { buckets[index].headUnderCheck = .none }
                // Without least-recently-seen order a known id keeps its place and its first address.
                guard leastRecentlySeenOrder else { return .refreshed(addressChanged: false) }
                var entry = slots[slot]
                let moved = entry.contact != interned.contact
                entry.markSeen(at: now, contact: interned.contact)
                removeEntry(at: slot, inBucket: index)
                appendEntry(entry, toBucket: index)
                return .refreshed(addressChanged: moved)
            }
            let entry = RoutingEntry(contact: interned.contact, id: interned.id, lastSeen: now, failures: 0)
            if addressLimits.isActive, let held = heldBack(entry, address: contact.address, bucket: index) { return held }
            if buckets[index].count < bucketSize {
                appendEntry(entry, toBucket: index)
                buckets[index].replacements.remove(interned.id)
                buckets[index].lastTouched = now
                return .inserted
            }
            if relaxedSplit {
                if splitsWhenFull(index) {
                    // The library caches the newcomer first, so replacements already waiting get free places first.
                    buckets[index].replacements.add(entry, capacity: replacementCacheSize)
                    splitRange(index, now: now)
                    if slot(of: interned.id, inBucket: bucketIndex(for: contact.id)) != nil { return .inserted }
                    continue
                }
            } else if index == buckets.count - 1 && buckets.count < NodeID.bitCount {
                splitLastBucket()
                continue
            }
            buckets[index].replacements.add(entry, capacity: replacementCacheSize)
            let head = slots[index * bucketSize]
            guard repeatsHeadChecks || buckets[index].headUnderCheck == .none, buckets[index].count > 0,
                  now - head.lastSeen >= headCheckAfter else {
                return .cached(pingHead: nil)
            }
            buckets[index].headUnderCheck = head.id
            return .cached(pingHead: directory[head.contact])
        }
    }

    /// Counts a failed RPC; at `limit` failures the contact is removed and the freshest replacement promoted.
    /// Returns true when the contact was removed.
    @discardableResult
    public mutating func recordFailure(of id: NodeID, limit: Int) -> Bool {
        let index = bucketIndex(for: id)
        let handle = directory.idHandle(of: id)
        guard let slot = slot(of: handle, inBucket: index) else {
            buckets[index].replacements.remove(handle)
            return false
        }
        if buckets[index].headUnderCheck == handle { buckets[index].headUnderCheck = .none }
        let failures = slots[slot].failures
        if failures < .max { slots[slot].failures = failures + 1 }
        guard Int(failures) + 1 >= limit else { return false }
        removeEntry(at: slot, inBucket: index)
        let promoted: RoutingEntry?
        if addressLimits.isActive {
            // Out of the table while it is searched, so the admissibility check can read the table.
            var replacements = ReplacementCache()
            swap(&replacements, &buckets[index].replacements)
            promoted = replacements.popNewest { isAdmissible($0, in: index) }
            swap(&replacements, &buckets[index].replacements)
        } else {
            promoted = buckets[index].replacements.popNewest()
        }
        if let promoted { appendEntry(promoted, toBucket: index) }
        return true
    }

    /// Where address limits keep a new contact out of bucket `index`: it then waits in the replacement cache, and
    /// when another contact holds its address, that one is pinged and gives its place up only if it fails.
    private mutating func heldBack(_ entry: RoutingEntry, address: NodeAddress, bucket index: Int) -> Observation? {
        if addressLimits.oneContactPerAddress, let holder = slotHolding(address) {
            buckets[index].replacements.add(entry, capacity: replacementCacheSize)
            guard buckets[holder.bucket].headUnderCheck == .none else { return .cached(pingHead: nil) }
            buckets[holder.bucket].headUnderCheck = slots[holder.slot].id
            return .cached(pingHead: directory[slots[holder.slot].contact])
        }
        if !isAdmissibleBySubnet(address, in: index) {
            buckets[index].replacements.add(entry, capacity: replacementCacheSize)
            return .cached(pingHead: nil)
        }
        return nil
    }

    /// Whether a cached `entry` may take a free place in bucket `index` under the address limits.
    private func isAdmissible(_ entry: RoutingEntry, in index: Int) -> Bool {
        let address = directory[entry.contact].address
        if addressLimits.oneContactPerAddress && slotHolding(address) != nil { return false }
        return isAdmissibleBySubnet(address, in: index)
    }

    private func isAdmissibleBySubnet(_ address: NodeAddress, in index: Int) -> Bool {
        let limit = addressLimits.contactsPerSubnetPerBucket
        guard limit > 0 else { return true }
        let sameSubnet = slots[range(of: index)].count { AddressLimits.sameSubnet(directory[$0.contact].address, address) }
        return sameSubnet < limit
    }

    /// The bucket and slot of the contact at `address`, if the table holds one.
    private func slotHolding(_ address: NodeAddress) -> (bucket: Int, slot: Int)? {
        for bucket in buckets.indices {
            if let slot = range(of: bucket).first(where: { directory[slots[$0].contact].address == address }) {
                return (bucket, slot)
            }
        }
        return nil
    }

    /// Marks the bucket that covers `target` as recently used (a lookup went there).
    public mutating func touch(bucketFor target: NodeID, now: Microseconds) {
        buckets[bucketIndex(for: target)].lastTouched = now
    }

    /// Whether bucket `index` is empty or was not touched since `cutoff`.
    public func bucketNeedsRefresh(_ index: Int, untouchedSince cutoff: Microseconds) -> Bool {
        buckets[index].count == 0 || buckets[index].lastTouched < cutoff
    }

    /// Buckets not touched since `cutoff`, lowest index first.
    public func bucketsUntouched(since cutoff: Microseconds) -> [Int] {
        buckets.indices.filter { buckets[$0].lastTouched < cutoff }
    }

    /// Buckets whose ids share fewer leading bits with the own id than `id` does (farther than it), lowest first.
    public func bucketsFarther(than id: NodeID) -> [Int] {
        guard relaxedSplit else { return Array(0..<bucketIndex(for: id)) }
        let length = ownID.commonPrefixLength(with: id)
        return buckets.indices.filter { sharedPrefixWithOwnID(ofBucket: $0) < length }
    }

    /// A random id in bucket `index`'s range, to refresh it; nil for the paper's own-id bucket, which is not refreshed.
    public func refreshTarget<G: RandomNumberGenerator>(ofBucket index: Int, using generator: inout G) -> NodeID? {
        guard relaxedSplit else {
            return index < buckets.count - 1 ? ownID.randomID(sharingPrefix: index, using: &generator) : nil
        }
        let range = ranges[index]
        guard range.depth > 0 else { return NodeID.random(using: &generator) }
        return range.lower.flippingBit(range.depth - 1).randomID(sharingPrefix: range.depth - 1, using: &generator)
    }

    /// The exact `count` closest contacts to `target` by XOR distance, closest first.
    ///
    /// Bucket order relative to the target is known from the common prefix `c` of target and own id:
    /// bucket `c` is closest, buckets above `c` come next (all share the distance's top bit), then
    /// buckets `c-1` down to 0, each farther than the last. Only the groups needed are sorted.
    public func closest(to target: NodeID, count wanted: Int, excluding excludedAddress: NodeAddress? = nil) -> [Contact] {
        var contacts: [Contact] = []
        closest(to: target, count: wanted, excluding: excludedAddress, into: &contacts)
        return contacts
    }

    /// `closest(to:count:excluding:)` written into `contacts` (emptied first), whose room is reused.
    public func closest(to target: NodeID, count wanted: Int, excluding excludedAddress: NodeAddress? = nil, into contacts: inout [Contact]) {
        contacts.removeAll(keepingCapacity: true)
        guard wanted > 0 else { return }
        // The closure captures the directory alone: capturing `self` copied the whole table (a retain and a release
        // of each of its arrays) on every call.
        withClosest(to: target, count: wanted, excludingAddress: excludedAddress) { [directory] ranked in
            contacts.reserveCapacity(ranked.count)
            for entry in ranked { contacts.append(directory[entry.handle]) }
        }
    }

    /// The ids of the nearest and the farthest of the `count` contacts closest to `target` other than `excludedID`,
    /// without building the list; nil when the table has none.
    public func closestRange(to target: NodeID, count wanted: Int, excluding excludedID: NodeID) -> (nearest: NodeID, farthest: NodeID)? {
        guard wanted > 0 else { return nil }
        return withClosest(to: target, count: wanted, excludingID: excludedID) { [directory] ranked in
            guard let nearest = ranked.first, let farthest = ranked.last else { return nil }
            return (directory[nearest.handle].id, directory[farthest.handle].id)
        }
    }

    /// Ranks the `wanted` contacts closest to `target` (other than those at `excludedAddress` or with `excludedID`,
    /// and the target itself) in a stack buffer, closest first, each distance computed once, and hands them to `body`.
    private func withClosest<Result>(
        to target: NodeID, count wanted: Int, excludingAddress excludedAddress: NodeAddress? = nil, excludingID excludedID: NodeID? = nil,
        _ body: (UnsafeBufferPointer<RankedContact>) -> Result
    ) -> Result {
        directory.contacts.withUnsafeBufferPointer { known in
            withUnsafeTemporaryAllocation(of: RankedContact.self, capacity: wanted) { ranked in
                var count = 0
                func isWanted(_ contact: Contact) -> Bool {
                    contact.address != excludedAddress && contact.id != target && contact.id != excludedID
                }
                // Each group goes into the tail of `ranked` by bounded insertion: every member of a group is farther
                // than every member of the groups before it, so only the tail is ever searched or shifted.
                func take(bucket index: Int, groupStart: Int) {
                    // The contacts are scattered over the directory: ask for all of them before ranking any.
                    for slot in range(of: index) { kadsim_prefetch(known.baseAddress! + Int(slots[slot].contact.rawValue)) }
                    for slot in range(of: index) {
                        let handle = slots[slot].contact
                        let contact = known[Int(handle.rawValue)]
                        guard isWanted(contact) else { continue }
                        let distance = contact.id.distance(to: target)
                        var place = count
                        if count == wanted {
                            guard distance < ranked[wanted - 1].distance else { continue }
                            place = wanted - 1
                        } else {
                            count += 1
                        }
                        while place > groupStart && distance < ranked[place - 1].distance {
                            ranked[place] = ranked[place - 1]
                            place -= 1
                        }
                        ranked[place] = RankedContact(distance: distance, handle: handle)
                    }
                }
                let last = buckets.count - 1
                let prefix = bucketIndex(for: target)
                if relaxedSplit && !neighboursByBucketWalk {
                    // Ranges in id order say nothing of XOR order: every bucket is ranked.
                    for index in buckets.indices { take(bucket: index, groupStart: 0) }
                    return body(UnsafeBufferPointer(rebasing: ranked[0..<count]))
                }
                if neighboursByBucketWalk {
                    count = walkBuckets(from: prefix, toward: target, into: ranked, wanted: wanted, isWanted)
                    ranked[0..<count].sort { $0.distance < $1.distance }
                    return body(UnsafeBufferPointer(rebasing: ranked[0..<count]))
                }
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
                return body(UnsafeBufferPointer(rebasing: ranked[0..<count]))
            }
        }
    }

    /// The Python library's neighbour walk: the target's bucket newest first, then the nearest bucket to its left in
    /// id order, then the nearest to its right, and so on, until `wanted` contacts are gathered. As in the library,
    /// the walk ends when it is due to go right and nothing is left there, even if buckets remain on the left.
    /// Returns how many were gathered (unsorted).
    private func walkBuckets(
        from start: Int, toward target: NodeID, into ranked: UnsafeMutableBufferPointer<RankedContact>, wanted: Int,
        _ isWanted: (Contact) -> Bool
    ) -> Int {
        // Bucket ranges in id order: those where the own id has a 1 (their range has a 0 there) left of the own
        // id's bucket, shallowest first; those where it has a 0 right of it, deepest first.
        let last = buckets.count - 1
        var order: [Int]
        if relaxedSplit {
            order = Array(buckets.indices)
        } else {
            order = (0..<last).filter { ownID.bit($0) }
            order.append(last)
            order += (0..<last).reversed().filter { !ownID.bit($0) }
        }
        let position = order.firstIndex(of: start)!
        var left = order[..<position].reversed().makeIterator()
        var right = order[(position + 1)...].makeIterator()
        var goesLeft = true
        var bucket: Int? = start
        var count = 0
        while let index = bucket {
            for slot in range(of: index).reversed() {
                let handle = slots[slot].contact
                let contact = directory[handle]
                guard isWanted(contact) else { continue }
                ranked[count] = RankedContact(distance: contact.id.distance(to: target), handle: handle)
                count += 1
                if count == wanted { return count }
            }
            if goesLeft, let next = left.next() {
                bucket = next
                goesLeft = false
            } else {
                bucket = right.next()
                goesLeft = true
            }
        }
        return count
    }

    private struct RankedContact {
        var distance: NodeID
        var handle: ContactDirectory.Handle
    }

    /// Whether any contact other than `excluded` is closer to `target` than the own id. Only bucket
    /// `c = commonPrefix(own, target)` can hold such contacts (all of it, below the last bucket), so this
    /// costs one bucket, not the table.
    public func hasContactCloserThanSelf(to target: NodeID, excluding excluded: NodeID) -> Bool {
        hasContactCloserThanSelf(to: target, excluding: directory.idHandle(of: excluded))
    }

    /// The same, with the excluded id's handle looked up once by a caller that asks for many targets.
    func hasContactCloserThanSelf(to target: NodeID, excluding excludedHandle: ContactDirectory.IDHandle) -> Bool {
        if relaxedSplit {
            let ownDistance = ownID.distance(to: target)
            return buckets.indices.contains { index in
                slots[range(of: index)].contains {
                    $0.id != excludedHandle && directory[$0.contact].id.distance(to: target) < ownDistance
                }
            }
        }
        let last = buckets.count - 1
        let prefix = ownID.commonPrefixLength(with: target)
        guard prefix >= last else { return bucket(prefix, holdsContactOtherThan: excludedHandle) }
        let ownDistance = ownID.distance(to: target)
        return slots[range(of: last)].contains {
            $0.id != excludedHandle && directory[$0.contact].id.distance(to: target) < ownDistance
        }
    }

    /// Whether bucket `index` holds any contact but `excluded`.
    public func bucket(_ index: Int, holdsContactOtherThan excluded: NodeID) -> Bool {
        bucket(index, holdsContactOtherThan: directory.idHandle(of: excluded))
    }

    private func bucket(_ index: Int, holdsContactOtherThan excludedHandle: ContactDirectory.IDHandle) -> Bool {
        slots[range(of: index)].contains { $0.id != excludedHandle }
    }

    /// Splits the own-id bucket into "shares exactly `n` bits" and "shares more". The new bucket's slots are
    /// added at the end, exactly k of them, so a table holds room for k entries per bucket and no more.
    private mutating func splitLastBucket() {
        let splitIndex = buckets.count - 1
        let old = buckets[splitIndex]
        var near = KBucket(lastTouched: old.lastTouched)
        var far = KBucket(lastTouched: old.lastTouched)
        slots.reserveCapacity(slots.count + bucketSize)
        slots.append(contentsOf: repeatElement(.vacant, count: bucketSize))
        // In place, order kept: a far entry moves down to the next far slot, never past the one being read.
        let oldBase = splitIndex * bucketSize, nearBase = oldBase + bucketSize
        for position in oldBase ..< oldBase + old.count {
            let entry = slots[position]
            if ownID.commonPrefixLength(with: directory[entry.contact].id) == splitIndex {
                slots[oldBase + far.count] = entry
                far.count += 1
            } else {
                slots[nearBase + near.count] = entry
                near.count += 1
            }
        }
        for entry in old.replacements.entries {
            if ownID.commonPrefixLength(with: directory[entry.contact].id) == splitIndex {
                far.replacements.add(entry, capacity: replacementCacheSize)
            } else {
                near.replacements.add(entry, capacity: replacementCacheSize)
            }
        }
        buckets[splitIndex] = far
        buckets.reserveCapacity(buckets.count + 1)
        buckets.append(near)
    }
}
