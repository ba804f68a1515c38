import Testing
@testable import KademliaCore

/// `neighboursByBucketWalk` against a literal port of the Python library's `TableTraverser` and `find_neighbors`,
/// run over the same buckets sorted by where their id ranges start.
@Suite struct BucketWalkTests {
    /// routing.py's traversal: the start bucket's nodes popped from the end, then alternately the nearest bucket to
    /// the left and to the right, stopping when it is the right's turn and none is left there.
    func pythonNeighbours(of target: NodeID, count: Int, in table: RoutingTable, excluding excluded: NodeAddress?) -> [NodeID] {
        let last = table.bucketCount - 1
        func rangeStart(_ index: Int) -> NodeID {
            index == last ? table.ownID.fillingBits(from: last, with: false)
                : table.ownID.flippingBit(index).fillingBits(from: index + 1, with: false)
        }
        let byRange = (0...last).sorted { rangeStart($0) < rangeStart($1) }
        let startIndex = byRange.firstIndex(of: min(table.ownID.commonPrefixLength(with: target), last))!
        var current = table.contacts(inBucket: byRange[startIndex])
        var leftBuckets = Array(byRange[..<startIndex])
        var rightBuckets = Array(byRange[(startIndex + 1)...])
        var left = true
        var gathered: [Contact] = []
        traversal: while true {
            let neighbour: Contact
            if let popped = current.popLast() {
                neighbour = popped
            } else if left, let bucket = leftBuckets.popLast() {
                current = table.contacts(inBucket: bucket)
                left = false
                continue
            } else if !rightBuckets.isEmpty {
                current = table.contacts(inBucket: rightBuckets.removeFirst())
                left = true
                continue
            } else {
                break traversal
            }
            if neighbour.id != target && neighbour.address != excluded { gathered.append(neighbour) }
            if gathered.count == count { break }
        }
        return gathered.map(\.id).sorted { $0.distance(to: target) < $1.distance(to: target) }
    }

    @Test func matchesThePythonTraversalOnRandomTables() {
        var generator = SeededGenerator(seed: 11)
        var walksThatMissACloserContact = 0
        for tableNumber in 0..<20 {
            let ownID = NodeID.random(using: &generator)
            var table = RoutingTable(ownID: ownID, bucketSize: 8, leastRecentlySeenOrder: false, neighboursByBucketWalk: true)
            var exact = RoutingTable(ownID: ownID, bucketSize: 8, leastRecentlySeenOrder: false)
            for index in 0..<(50 + 40 * tableNumber) {
                let id = index % 4 == 0 ? ownID.randomID(sharingPrefix: index % 12, using: &generator) : NodeID.random(using: &generator)
                let contact = Contact(id: id, address: NodeAddress(ipv4: UInt32(index), port: 1))
                _ = table.observe(contact, now: 0)
                _ = exact.observe(contact, now: 0)
            }
            for round in 0..<50 {
                let target = round % 2 == 0 ? ownID.randomID(sharingPrefix: round % 10, using: &generator) : NodeID.random(using: &generator)
                let excluded = round % 5 == 0 ? table.contacts.first?.address : nil
                let walked = table.closest(to: target, count: 8, excluding: excluded).map(\.id)
                #expect(walked == pythonNeighbours(of: target, count: 8, in: table, excluding: excluded))
                if walked != exact.closest(to: target, count: 8, excluding: excluded).map(\.id) { walksThatMissACloserContact += 1 }
            }
        }
        // The walk is approximate: on these tables it often differs from the exact closest.
        #expect(walksThatMissACloserContact > 50)
    }

    @Test func stopsWhenItIsTheRightsTurnAndNothingIsLeftThere() {
        // Own id all ones: every other bucket lies left of the own id's, so from the own bucket the walk reaches the
        // nearest left bucket and then ends, even though farther left buckets hold contacts.
        let ones = NodeID(high: .max, middle: .max, low: .max)
        var table = RoutingTable(ownID: ones, bucketSize: 2, leastRecentlySeenOrder: false, neighboursByBucketWalk: true)
        var port: UInt16 = 0
        for prefix in [0, 0, 1, 1, 2, 2, 3, 4] {
            port += 1
            let id = ones.flippingBit(prefix).fillingBits(from: 150, with: false).flippingBit(150 + Int(port))
            _ = table.observe(Contact(id: id, address: NodeAddress(ipv4: 1, port: port)), now: 0)
        }
        #expect(table.bucketCount == 4)
        let walked = table.closest(to: ones, count: 8)
        #expect(walked.count == 4)
        #expect(Set(walked.map { ones.commonPrefixLength(with: $0.id) }) == [2, 3, 4])
    }

    @Test func answeringWithTheWalkTouchesTheTargetsBucket() {
        for walks in [false, true] {
            var configuration = KademliaConfiguration()
            configuration.neighboursByBucketWalk = walks
            var node = KademliaNode(id: .zero, address: NodeAddress(ipv4: 1, port: 1), configuration: configuration, seed: 1)
            let asker = NodeID.zero.flippingBit(0)
            let askerAddress = NodeAddress(ipv4: 2, port: 2)
            // Known from time 0; the question at 10 h refreshes the asker's entry but adds nobody.
            node.handle(Message(id: MessageID(bits: .zero), body: .request(.ping, sender: asker)), from: askerAddress, now: 0)
            node.handle(Message(id: MessageID(bits: asker), body: .request(.findNode(target: .zero.flippingBit(3)), sender: asker)),
                        from: askerAddress, now: 10 * Time.hour)
            #expect(node.routingTable.bucketNeedsRefresh(0, untouchedSince: 10 * Time.hour) == !walks)
        }
    }
}
