import Testing
@testable import KademliaCore

/// Per-node queues give back the room of a burst once they drain, and keep their order while they do.
@Suite struct BurstCapacityTests {
    static func messageID(_ number: UInt64) -> MessageID {
        MessageID(bits: NodeID(high: 0, middle: 0, low: UInt32(number)))
    }

    @Test func anArrayKeepsASmallBufferAndDropsALargeOne() {
        var small = [Int](repeating: 1, count: 3)
        small.reserveCapacity(8)
        let kept = small.capacity
        small.removeAll(retainingAtMost: kept)
        #expect(small.isEmpty && small.capacity == kept)

        var large = [Int](repeating: 1, count: 300)
        large.removeAll(retainingAtMost: kept)
        #expect(large.isEmpty && large.capacity == 0)
    }

    @Test func aDrainedTimeoutQueueGivesBackItsBurstAndStaysInOrder() {
        var queue = TimeoutQueue()
        for number in 0..<300 { queue.append(Self.messageID(UInt64(number)), deadline: Microseconds(number)) }
        #expect(queue.reservedCapacity >= 300)
        var seen: [Microseconds] = []
        while let first = queue.first {
            seen.append(first.deadline)
            queue.removeFirst()
        }
        #expect(seen == (0..<300).map { Microseconds($0) }, "first in, first out across the compactions")
        #expect(queue.reservedCapacity <= TimeoutQueue.retainedCapacity)

        queue.append(Self.messageID(7), deadline: 1_000)
        queue.append(Self.messageID(8), deadline: 1_001)
        #expect(queue.first?.id == Self.messageID(7))
        queue.removeFirst()
        #expect(queue.first?.id == Self.messageID(8))
    }

    @Test func anEmptiedOperationTableGivesBackItsBurst() {
        var table = OperationTable()
        let ids = (1...40).map { OperationID(rawValue: UInt64($0)) }
        for id in ids { table.put(Operation(kind: .refresh, startedAt: Microseconds(id.rawValue)), for: id) }
        #expect(table.reservedCapacity >= 40)
        for id in ids.dropLast() { _ = table.removeValue(forKey: id) }
        #expect(table.count == 1)
        #expect(table[ids.last!]?.startedAt == 40, "the survivor is intact")
        #expect(table.reservedCapacity >= 40, "room is kept while operations remain")
        _ = table.removeValue(forKey: ids.last!)
        #expect(table.count == 0)
        #expect(table.reservedCapacity <= OperationTable.retainedCapacity)
    }
}
