/// Outputs waiting for the driver, oldest first: `poll` hands them out one at a time without allocating (for hot
/// loops), `drain` takes all that are left at once. `poll` moves each item out of its slot, so handing an output on
/// costs no reference counting and emptying the queue has nothing left to release.
///
/// With spare buffers (a simulation's), an emptied queue hands its room back and a filling one takes room from
/// there. Without, an emptied queue keeps room for a few items, so the usual one or two outputs of an input allocate
/// nothing, but gives back what a burst needed (a put sends k STOREs at once).
struct OutputQueue<Element: Sendable>: Sendable {
    /// What an emptied queue without spare buffers keeps.
    static var retainedCapacity: Int { 4 }

    private var items: [Element?] = []
    /// How many items `poll` has handed out.
    private var cursor = 0
    /// `items.count`, kept here so that asking whether anything waits does not touch the buffer.
    private var end = 0
    private let spares: SpareBuffers<Element?>?

    init(spares: SpareBuffers<Element?>? = nil) {
        self.spares = spares
    }

    var hasPending: Bool { cursor < end }

    mutating func prefetchHeaders() { items.prefetchHeader() }

    mutating func append(_ item: consuming Element) {
        if end == 0, let spares, items.capacity == 0 { items = spares.take() }
        items.append(item)
        end += 1
    }

    mutating func poll() -> Element? {
        guard cursor < end else {
            if cursor > 0 { removeAll() }
            return nil
        }
        defer { cursor += 1 }
        return items[cursor].take()
    }

    mutating func drain() -> [Element] {
        defer { removeAll() }
        return items[cursor...].map { $0! }
    }

    mutating func removeAll() {
        if let spares {
            spares.recycle(&items)
        } else {
            items.removeAll(retainingAtMost: Self.retainedCapacity)
        }
        cursor = 0
        end = 0
    }
}
