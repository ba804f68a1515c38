import DequeModule

/// A bucket's replacement cache: up to `capacity` contacts waiting for a place, oldest arrival first.
///
/// In a large network almost every message comes from a contact that only reaches this cache, so it is built
/// for that: a ring in arrival order (one block), where the common case, a new contact in a full cache, drops the
/// oldest at the front and appends at the back, and promotion takes the newest from the back.
struct ReplacementCache: Sendable {
    private var queue: Deque<RoutingEntry> = []

    init() {}

    var count: Int { queue.count }

    /// Oldest arrival first.
    var entries: [RoutingEntry] { Array(queue) }

    /// Adds `entry` as the newest arrival (replacing it if present); drops the oldest beyond `capacity`.
    mutating func add(_ entry: RoutingEntry, capacity: Int) {
        if let known = queue.firstIndex(where: { $0.id == entry.id }) {
            queue.remove(at: known)
        } else {
            guard capacity > 0 else { return }
            if queue.count >= capacity { queue.removeFirst() }
        }
        // Grow by doubling from 4, ahead of the deque's own growth, so a full cache of 100 holds 100, not 128.
        if queue.count == 0 || queue.count >= 4 && queue.count.nonzeroBitCount == 1 {
            queue.reserveCapacity(min(capacity, max(4, queue.count * 2)))
        }
        queue.append(entry)
    }

    mutating func remove(_ id: ContactDirectory.IDHandle) {
        guard let known = queue.firstIndex(where: { $0.id == id }) else { return }
        queue.remove(at: known)
    }

    /// Replaces every entry by `transform(entry)` (new handles for the same contacts), order kept.
    mutating func remap(_ transform: (RoutingEntry) -> RoutingEntry) {
        for index in queue.indices { queue[index] = transform(queue[index]) }
    }

    /// Removes and returns the newest arrival that is `admissible`.
    mutating func popNewest(where admissible: (RoutingEntry) -> Bool = { _ in true }) -> RoutingEntry? {
        guard let newest = queue.lastIndex(where: admissible) else { return nil }
        return queue.remove(at: newest)
    }
}
