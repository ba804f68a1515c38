/// RPC deadlines in the order they were armed. Every RPC has the same timeout, so that order is deadline order
/// and a FIFO suffices; answered RPCs are skipped when they reach the head.
struct TimeoutQueue: Sendable {
    typealias Entry = (deadline: Microseconds, id: MessageID)

    /// What a drained queue without spare buffers keeps: a rejoin's burst of refresh lookups arms hundreds of
    /// deadlines at once.
    static var retainedCapacity: Int { 32 }

    private var deadlines: [Entry] = []
    private var head = 0
    /// Where a drained queue hands its room back and a filling one takes it from, if anywhere.
    private let spares: SpareBuffers<Entry>?

    init(spares: SpareBuffers<Entry>? = nil) {
        self.spares = spares
    }

    mutating func prefetchHeaders() { deadlines.prefetchHeader() }

    mutating func append(_ id: MessageID, deadline: Microseconds) {
        if deadlines.isEmpty, let spares, deadlines.capacity == 0 { deadlines = spares.take() }
        // Full, but a quarter or more of it is answered RPCs at the front: their room is reused rather than the
        // queue grown (a busy node's queue seldom drains, and grew past what the spare buffers keep).
        if deadlines.count == deadlines.capacity, head > 0, head * 4 >= deadlines.count {
            deadlines.removeFirst(head)
            head = 0
        }
        deadlines.append((deadline, id))
    }

    /// Deadlines the queue has room for without allocating.
    var reservedCapacity: Int { deadlines.capacity }

    var first: Entry? {
        head < deadlines.count ? deadlines[head] : nil
    }

    mutating func removeFirst() {
        head += 1
        if head == deadlines.count {
            removeAll()
        } else if head >= 64 && head * 2 >= deadlines.count {
            deadlines.removeFirst(head)
            head = 0
        }
    }

    mutating func removeAll() {
        if let spares {
            spares.recycle(&deadlines)
        } else {
            deadlines.removeAll(retainingAtMost: Self.retainedCapacity)
        }
        head = 0
    }
}
