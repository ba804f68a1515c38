/// A bucket's replacement cache: up to `capacity` contacts waiting for a place, oldest arrival first.
///
/// Entries carry an arrival number instead of being kept in order, so re-seeing, promoting or dropping one
/// moves nothing: in a large network almost every message comes from a contact that only reaches the cache.
struct ReplacementCache: Sendable {
    private var slots: [(entry: RoutingEntry, arrival: UInt64)] = []
    private var nextArrival: UInt64 = 0

    var count: Int { slots.count }

    /// Oldest arrival first.
    var entries: [RoutingEntry] { slots.sorted { $0.arrival < $1.arrival }.map(\.entry) }

    /// Adds `entry` as the newest arrival (moving it if present); drops the oldest beyond `capacity`.
    mutating func add(_ entry: RoutingEntry, capacity: Int) {
        defer { nextArrival += 1 }
        if let known = slot(of: entry.contact.id) {
            slots[known] = (entry, nextArrival)
            return
        }
        slots.append((entry, nextArrival))
        if slots.count > capacity, let oldest = slots.indices.min(by: { slots[$0].arrival < slots[$1].arrival }) {
            slots.swapAt(oldest, slots.count - 1)
            slots.removeLast()
        }
    }

    mutating func remove(_ id: NodeID) {
        guard !slots.isEmpty, let known = slot(of: id) else { return }
        slots.swapAt(known, slots.count - 1)
        slots.removeLast()
    }

    /// Removes and returns the newest arrival.
    mutating func popNewest() -> RoutingEntry? {
        guard let newest = slots.indices.max(by: { slots[$0].arrival < slots[$1].arrival }) else { return nil }
        slots.swapAt(newest, slots.count - 1)
        return slots.removeLast().entry
    }

    private func slot(of id: NodeID) -> Int? {
        slots.firstIndex { $0.entry.contact.id == id }
    }
}
