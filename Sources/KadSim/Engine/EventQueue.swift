import KademliaCore

/// Events in (time, sequence) order: equal times keep their scheduling order.
///
/// A 4-ary min-heap rather than swift-collections' `Heap`: that one is a min-max heap, whose removal compares
/// grandchildren on both kinds of level; a simulation only ever takes the minimum, and four 32-byte children share
/// two cache lines. Keys are unique, so the order of events does not depend on the heap's shape.
struct EventQueue {
    private var events: [SimulationEvent] = []
    private var nextSequence: UInt64 = 0
    private static let arity = 4

    mutating func schedule(_ kind: SimulationEvent.Kind, at time: Microseconds, node: Int, detail: UInt32 = 0) {
        let event = SimulationEvent(time: time, sequence: nextSequence, kind: kind, node: Int32(node), detail: detail)
        nextSequence += 1
        events.append(event)
        events.withUnsafeMutableBufferPointer { heap in
            var position = heap.count - 1
            while position > 0 {
                let parent = (position - 1) / Self.arity
                guard event < heap[parent] else { break }
                heap[position] = heap[parent]
                position = parent
            }
            heap[position] = event
        }
    }

    mutating func popMin() -> SimulationEvent? {
        guard let last = events.popLast() else { return nil }
        guard !events.isEmpty else { return last }
        let first = events[0]
        events.withUnsafeMutableBufferPointer { heap in
            var position = 0
            while true {
                let firstChild = position * Self.arity + 1
                guard firstChild < heap.count else { break }
                var smallest = firstChild
                for child in firstChild + 1 ..< min(firstChild + Self.arity, heap.count) where heap[child] < heap[smallest] {
                    smallest = child
                }
                guard heap[smallest] < last else { break }
                heap[position] = heap[smallest]
                position = smallest
            }
            heap[position] = last
        }
        return first
    }

    /// Time of the next event, without removing it.
    var nextTime: Microseconds? { events.first?.time }

    var count: Int { events.count }
}
