/// RPC deadlines in the order they were armed. Every RPC has the same timeout, so that order is deadline order
/// and a FIFO suffices; answered RPCs are skipped when they reach the head.
struct TimeoutQueue: Sendable {
    /// What a drained queue keeps: a rejoin's burst of refresh lookups arms hundreds of deadlines at once.
    static var retainedCapacity: Int { 32 }

    private var deadlines: [(deadline: Microseconds, id: MessageID)] = []
    private var head = 0

    mutating func prefetchHeaders() { deadlines.prefetchHeader() }

    mutating func append(_ id: MessageID, deadline: Microseconds) {
        deadlines.append((deadline, id))
    }

    /// Deadlines the queue has room for without allocating.
    var reservedCapacity: Int { deadlines.capacity }

    var first: (deadline: Microseconds, id: MessageID)? {
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
        deadlines.removeAll(retainingAtMost: Self.retainedCapacity)
        head = 0
    }
}
