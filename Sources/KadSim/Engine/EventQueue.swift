import Collections
import KademliaCore

/// Events in (time, sequence) order: equal times keep their scheduling order.
struct EventQueue {
    private var heap = Heap<SimulationEvent>()
    private var nextSequence: UInt64 = 0

    mutating func schedule(_ kind: SimulationEvent.Kind, at time: Microseconds, node: Int, detail: UInt32 = 0) {
        heap.insert(SimulationEvent(time: time, sequence: nextSequence, kind: kind, node: Int32(node), detail: detail))
        nextSequence += 1
    }

    mutating func popMin() -> SimulationEvent? { heap.popMin() }

    /// Time of the next event, without removing it.
    var nextTime: Microseconds? { heap.min?.time }

    var count: Int { heap.count }
}
