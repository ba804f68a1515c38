import Testing
@testable import KademliaCore

/// The Python library's table: id ranges that split when full if they cover the own id or if their ids share a
/// prefix whose length is not a multiple of 5.
@Suite struct RelaxedSplitTests {
    let own = NodeID.zero

    /// An id whose leading bits are `bits` (most significant first), then `tail` in the last word.
    func id(_ bits: String, tail: UInt32 = 1) -> NodeID {
        var result = NodeID(high: 0, middle: 0, low: tail)
        for (index, bit) in bits.enumerated() where bit == "1" { result = result.flippingBit(index) }
        return result
    }

    func contact(_ id: NodeID) -> Contact {
        Contact(id: id, address: NodeAddress(ipv4: id.low &+ UInt32(truncatingIfNeeded: id.high >> 32), port: 1))
    }

    func relaxed(k: Int) -> RoutingTable {
        RoutingTable(ownID: own, bucketSize: k, relaxedSplit: true)
    }

    @Test func aFarBucketSplitsWhileItsIdsShareAPrefixThatIsNoMultipleOfFive() {
        var table = relaxed(k: 2)
        let x = contact(id("11110")), y = contact(id("11111")), z = contact(id("111101"))
        #expect(table.observe(x, now: 1) == .inserted)
        #expect(table.observe(y, now: 2) == .inserted)
        // The one range covers the own id and splits; its far half then holds x and y, which share 4 bits: it splits
        // on down to the ranges 11110… and 11111…, and z finds room beside x.
        #expect(table.observe(z, now: 3) == .inserted)
        #expect(table.ranges.map(\.depth) == [1, 2, 3, 4, 5, 5])
        #expect(table.contacts(inBucket: 4).map(\.id) == [x.id, z.id])
        #expect(table.contacts(inBucket: 5).map(\.id) == [y.id])
        #expect(table.count == 3, "the paper's table holds k = 2 contacts sharing no bit with the own id")
    }

    @Test func aFarBucketWhoseIdsShareFiveBitsPingsItsHead() {
        var table = relaxed(k: 2)
        let x = contact(id("111110")), y = contact(id("111111")), z = contact(id("1111101"))
        _ = table.observe(x, now: 1)
        _ = table.observe(y, now: 2)
        #expect(table.observe(z, now: 3) == .cached(pingHead: x))
        #expect(table.bucketCount == 2)
        #expect(table.replacements(inBucket: 1).map(\.id) == [z.id])
    }

    @Test func rangesStayInIdOrderAndEveryIdFindsTheRangeHoldingIt() {
        var table = relaxed(k: 4)
        var paper = RoutingTable(ownID: own, bucketSize: 4)
        var generator = SeededGenerator(seed: 7)
        for time in 0..<300 {
            let next = contact(NodeID.random(using: &generator))
            _ = table.observe(next, now: Microseconds(time))
            _ = paper.observe(next, now: Microseconds(time))
        }
        let ranges = table.ranges
        #expect(ranges.count == table.bucketCount)
        #expect(ranges.first?.lower == .zero)
        for (range, next) in zip(ranges, ranges.dropFirst()) {
            #expect(range.lower < next.lower)
            #expect(range.lower.fillingBits(from: range.depth, with: true).isJustBelow(next.lower), "ranges leave no gap")
        }
        for _ in 0..<500 {
            let probe = NodeID.random(using: &generator)
            #expect(table.ranges[table.bucketIndex(for: probe)].contains(probe))
        }
        for index in 0..<table.bucketCount {
            for member in table.contacts(inBucket: index) { #expect(ranges[index].contains(member.id)) }
            let target = table.refreshTarget(ofBucket: index, using: &generator)
            #expect(target.map { ranges[index].contains($0) } == true, "every bucket, the own id's too, is refreshed in range")
        }
        #expect(table.count > 2 * paper.count, "\(table.count) contacts against the paper's \(paper.count)")
    }

    @Test func exactClosestRanksEveryBucket() {
        var table = relaxed(k: 4)
        var generator = SeededGenerator(seed: 11)
        for time in 0..<200 { _ = table.observe(contact(NodeID.random(using: &generator)), now: Microseconds(time)) }
        for _ in 0..<50 {
            let target = NodeID.random(using: &generator)
            let expected = table.contacts.sorted { $0.id.distance(to: target) < $1.id.distance(to: target) }.prefix(6)
            #expect(table.closest(to: target, count: 6).map(\.id) == expected.map(\.id))
            let closer = table.contacts.contains { $0.id.distance(to: target) < own.distance(to: target) }
            #expect(table.hasContactCloserThanSelf(to: target, excluding: own) == closer)
        }
    }

    @Test func theWalkGoesThroughRangesInIdOrder() {
        var table = RoutingTable(ownID: own, bucketSize: 2, neighboursByBucketWalk: true, relaxedSplit: true)
        let ids = ["11110", "11111", "111101", "10", "0100"].map { contact(id($0)) }
        for (time, next) in ids.enumerated() { _ = table.observe(next, now: Microseconds(time)) }
        let start = table.bucketIndex(for: ids[0].id)
        // From the target's range, newest first, then the nearest range to its left in id order, then to its right.
        let left = table.contacts(inBucket: start - 1).reversed().map(\.id)
        let walked = table.closest(to: ids[0].id.flippingBit(159), count: 2 + left.count).map(\.id)
        #expect(Set(walked) == Set(table.contacts(inBucket: start).map(\.id) + left))
    }
}

extension NodeID {
    /// Whether `next` is this id plus one.
    func isJustBelow(_ next: NodeID) -> Bool {
        var sum = self
        if sum.low != .max { sum.low += 1 } else if sum.middle != .max { sum.low = 0; sum.middle += 1 } else { sum.low = 0; sum.middle = 0; sum.high += 1 }
        return sum == next
    }
}
