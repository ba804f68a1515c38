import KademliaCore

/// Events in (time, sequence) order: equal times keep their scheduling order.
///
/// A radix heap over the 128-bit key (time, sequence). Simulated time never runs backwards, so every new key is
/// above the last one taken, and an event can be filed by the highest bit in which its key differs from that last
/// key: scheduling is an append, and taking the minimum only sorts out the lowest non-empty bucket, whose events all
/// move to lower buckets. A comparison heap instead pays a sift through all its levels on every removal, with a
/// branch the processor cannot predict at each. Keys are unique, so the order does not depend on the layout.
struct EventQueue {
    /// Bucket 0 holds the event whose key equals `last`; bucket b > 0 those whose key first differs from it in bit
    /// b - 1 (bits 64...127 are the time, 0...63 the sequence).
    private var buckets = [[SimulationEvent]](repeating: [], count: 129)
    /// One bit per non-empty bucket of 0...127; bucket 128 (a time with its top bit set) is never marked.
    private var occupied: (low: UInt64, high: UInt64) = (0, 0)
    private var lastTime: UInt64 = 0
    private var lastSequence: UInt64 = 0
    private var nextSequence: UInt64 = 0
    private(set) var count = 0
    /// The lowest bucket's minimum as `peekMinimum` found it, so that taking it need not search that bucket again.
    /// Valid until an earlier event is scheduled: a later one never files below it.
    private var peeked: SimulationEvent?

    mutating func schedule(_ kind: SimulationEvent.Kind, at time: Microseconds, node: Int, detail: UInt32 = 0) {
        let event = SimulationEvent(time: time, sequence: nextSequence, kind: kind, node: Int32(node), detail: detail)
        nextSequence += 1
        count += 1
        if let peeked, event < peeked { self.peeked = nil }
        if UInt64(time) < lastTime { rebase(below: event) }
        file(event)
    }

    /// Time of the next event, without removing it.
    var nextTime: Microseconds? {
        mutating get {
            guard count > 0 else { return nil }
            bringMinimumToFront()
            return buckets[0][0].time
        }
    }

    /// The next event, found without sorting anything out: events scheduled before it is taken still file relative
    /// to the last key taken, which a `nextTime` would move ahead of them. For hints; nil when the queue is empty.
    mutating func peekMinimum() -> SimulationEvent? {
        guard count > 0 else { return nil }
        if let front = buckets[0].last { return front }
        if let peeked { return peeked }
        peeked = Self.minimum(of: buckets[lowestOccupied()])
        return peeked
    }

    mutating func popMin() -> SimulationEvent? {
        guard count > 0 else { return nil }
        bringMinimumToFront()
        count -= 1
        let event = buckets[0].removeLast()
        if buckets[0].isEmpty { setOccupied(0, false) }
        return event
    }

    // MARK: Buckets

    private func bucket(of event: SimulationEvent) -> Int {
        let high = UInt64(event.time) ^ lastTime
        if high != 0 { return 128 - high.leadingZeroBitCount }
        let low = event.sequence ^ lastSequence
        return low == 0 ? 0 : 64 - low.leadingZeroBitCount
    }

    private mutating func file(_ event: SimulationEvent) {
        let index = bucket(of: event)
        buckets[index].append(event)
        setOccupied(index, true)
    }

    /// Makes the minimum the key every bucket is relative to, which leaves it alone in bucket 0.
    private mutating func bringMinimumToFront() {
        guard buckets[0].isEmpty else { return }
        let index = lowestOccupied()
        var events: [SimulationEvent] = []
        swap(&events, &buckets[index])
        setOccupied(index, false)
        let minimum = peeked ?? Self.minimum(of: events)
        peeked = nil
        lastTime = UInt64(minimum.time)
        lastSequence = minimum.sequence
        for event in events { file(event) }
        events.removeAll(keepingCapacity: true)
        swap(&events, &buckets[index])
    }

    private static func minimum(of events: [SimulationEvent]) -> SimulationEvent {
        var minimum = events[0]
        for event in events.dropFirst() where event < minimum { minimum = event }
        return minimum
    }

    /// A key below the last one (never from the simulation, whose clock only moves forward): every event is filed
    /// again relative to it.
    private mutating func rebase(below event: SimulationEvent) {
        var all: [SimulationEvent] = []
        for index in buckets.indices {
            all.append(contentsOf: buckets[index])
            buckets[index].removeAll(keepingCapacity: true)
        }
        occupied = (0, 0)
        lastTime = UInt64(event.time)
        lastSequence = event.sequence
        for other in all { file(other) }
    }

    /// Bucket 128 when no other is marked (the caller knows the queue is not empty).
    private func lowestOccupied() -> Int {
        if occupied.low != 0 { return occupied.low.trailingZeroBitCount }
        if occupied.high != 0 { return 64 + occupied.high.trailingZeroBitCount }
        return 128
    }

    private mutating func setOccupied(_ index: Int, _ isOccupied: Bool) {
        switch index {
        case 0..<64:
            let bit = UInt64(1) << index
            occupied.low = isOccupied ? occupied.low | bit : occupied.low & ~bit
        case 64..<128:
            let bit = UInt64(1) << (index - 64)
            occupied.high = isOccupied ? occupied.high | bit : occupied.high & ~bit
        default:
            break
        }
    }
}
