import KademliaCore
import Testing

@testable import KadSim

@Suite struct EventQueueTests {
    /// Random schedules interleaved with pops come out in (time, scheduling order), as a sort of the same events would.
    @Test func eventsComeOutInTimeOrderAndEqualTimesInSchedulingOrder() {
        var generator = SeededGenerator(seed: 3)
        var queue = EventQueue()
        var scheduled: [(time: Microseconds, node: Int)] = []
        var popped: [(time: Microseconds, node: Int)] = []
        for step in 0..<20_000 {
            if generator.next() % 3 == 0, let event = queue.popMin() {
                popped.append((event.time, Int(event.node)))
            } else {
                // Few distinct times, so that many events share one.
                let time = (popped.last?.time ?? 0) + Microseconds(generator.next() % 50)
                queue.schedule(.timer, at: time, node: step)
                scheduled.append((time, step))
            }
        }
        while let event = queue.popMin() { popped.append((event.time, Int(event.node))) }
        #expect(queue.count == 0)
        #expect(queue.nextTime == nil)
        #expect(popped.count == scheduled.count)
        // Never earlier than an event already taken; among equal times, in the order they were scheduled.
        for (earlier, later) in zip(popped, popped.dropFirst()) {
            #expect(earlier.time < later.time || (earlier.time == later.time && earlier.node < later.node))
        }
        #expect(Set(popped.map(\.node)) == Set(scheduled.map(\.node)))
    }

    /// An event scheduled before the last one taken (which the simulation never does) still comes out first,
    /// and the rest keep their order.
    @Test func anEventEarlierThanTheLastTakenComesOutNext() {
        var queue = EventQueue()
        for (node, time) in [50, 10, 30, 10].enumerated() { queue.schedule(.timer, at: Microseconds(time), node: node) }
        #expect(queue.popMin()?.node == 1)
        queue.schedule(.timer, at: 5, node: 4)
        queue.schedule(.timer, at: 10, node: 5)
        var order: [Int32] = []
        while let event = queue.popMin() { order.append(event.node) }
        #expect(order == [4, 3, 5, 2, 0])
    }

    /// A peek names the event the next pop returns, and leaves the queue as it was: events scheduled after a peek,
    /// even before the peeked one, come out in order.
    @Test func aPeekNamesTheNextEventAndChangesNothing() {
        var generator = SeededGenerator(seed: 8)
        var queue = EventQueue()
        var now: Microseconds = 0
        var popped: [SimulationEvent] = []
        for step in 0..<20_000 {
            if generator.next() % 3 == 0, let peeked = queue.peekMinimum() {
                // Between the peek and the pop the simulation may schedule at the current time.
                if generator.next() % 4 == 0 { queue.schedule(.timer, at: now, node: -step) }
                let expected = queue.peekMinimum()!
                #expect(expected.sequence == peeked.sequence || expected.time == now)
                let event = queue.popMin()!
                #expect(event.sequence == expected.sequence)
                now = event.time
                popped.append(event)
            } else {
                queue.schedule(.timer, at: now + Microseconds(generator.next() % 50), node: step)
            }
        }
        #expect(queue.peekMinimum()?.sequence == queue.popMin()?.sequence)
        #expect(zip(popped, popped.dropFirst()).allSatisfy { $0 < $1 }, "in (time, sequence) order")
        var empty = EventQueue()
        #expect(empty.peekMinimum() == nil && empty.popMin() == nil)
    }
}
