/// A bucket's replacement cache: up to `capacity` contacts waiting for a place, oldest arrival first.
///
/// In a large network almost every message comes from a contact that only reaches this cache, so it is
/// built for that: entries carry an arrival number instead of being kept in order (re-seeing, promoting or
/// dropping one moves nothing), and lookups scan a compact array of id handles rather than the entries.
struct ReplacementCache: Sendable {
    private var slots: [RoutingEntry] = []
    /// `slots[i].id`, scanned to find an id.
    private var ids: [ContactDirectory.IDHandle] = []
    /// Arrival numbers: 32 bits keep a cached contact at 24 bytes; they are renumbered in order before they wrap.
    private var arrivals: [UInt32] = []
    private var nextArrival: UInt32 = 0

    init() {}

    /// A cache whose arrival counter starts at `firstArrival`, to test what happens when it wraps.
    init(firstArrival: UInt32) {
        nextArrival = firstArrival
    }

    var count: Int { slots.count }

    /// Oldest arrival first.
    var entries: [RoutingEntry] { slots.indices.sorted { arrivals[$0] < arrivals[$1] }.map { slots[$0] } }

    /// Adds `entry` as the newest arrival (replacing it if present); drops the oldest beyond `capacity`.
    mutating func add(_ entry: RoutingEntry, capacity: Int) {
        if nextArrival == .max { renumberArrivals() }
        defer { nextArrival += 1 }
        if let known = ids.firstIndex(of: entry.id) {
            slots[known] = entry
            arrivals[known] = nextArrival
            return
        }
        guard capacity > 0 else { return }
        if slots.count >= capacity, let oldest = arrivals.indices.min(by: { arrivals[$0] < arrivals[$1] }) {
            removeSlot(oldest)
        }
        if slots.count == slots.capacity {
            // Grow by doubling, but never past the cache's own capacity: a full cache of 100 holds 100, not 128.
            let room = min(capacity, max(4, slots.count * 2))
            slots.reserveCapacity(room)
            ids.reserveCapacity(room)
            arrivals.reserveCapacity(room)
        }
        slots.append(entry)
        ids.append(entry.id)
        arrivals.append(nextArrival)
    }

    mutating func remove(_ id: ContactDirectory.IDHandle) {
        guard let known = ids.firstIndex(of: id) else { return }
        removeSlot(known)
    }

    /// Replaces every entry by `transform(entry)` (new handles for the same contacts), order kept.
    mutating func remap(_ transform: (RoutingEntry) -> RoutingEntry) {
        for index in slots.indices {
            slots[index] = transform(slots[index])
            ids[index] = slots[index].id
        }
    }

    /// Removes and returns the newest arrival that is `admissible`.
    mutating func popNewest(where admissible: (RoutingEntry) -> Bool = { _ in true }) -> RoutingEntry? {
        var newest: Int?
        for index in arrivals.indices where admissible(slots[index]) {
            if let best = newest, arrivals[best] > arrivals[index] { continue }
            newest = index
        }
        guard let newest else { return nil }
        let entry = slots[newest]
        removeSlot(newest)
        return entry
    }

    /// Numbers the arrivals 0, 1, 2, … in their order, so that counting can go on.
    private mutating func renumberArrivals() {
        for (rank, slot) in arrivals.indices.sorted(by: { arrivals[$0] < arrivals[$1] }).enumerated() {
            arrivals[slot] = UInt32(rank)
        }
        nextArrival = UInt32(arrivals.count)
    }

    private mutating func removeSlot(_ index: Int) {
        let last = slots.count - 1
        slots.swapAt(index, last)
        ids.swapAt(index, last)
        arrivals.swapAt(index, last)
        slots.removeLast()
        ids.removeLast()
        arrivals.removeLast()
    }
}
