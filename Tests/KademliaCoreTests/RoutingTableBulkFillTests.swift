import Testing
@testable import KademliaCore

@Suite struct RoutingTableBulkFillTests {
    /// `counts[length]` contacts sharing exactly `length` leading bits with `own`, shortest prefixes first.
    func contacts(around own: NodeID, counts: [Int], directory: ContactDirectory, seed: UInt64) -> [ContactDirectory.Interned] {
        var generator = SeededGenerator(seed: seed)
        var result: [ContactDirectory.Interned] = []
        for (length, count) in counts.enumerated() {
            for _ in 0..<count {
                let id = own.flippingBit(length).randomID(sharingPrefix: length + 1, using: &generator)
                let address = NodeAddress(ipv4: UInt32(result.count + 1), port: 4000)
                result.append(directory.interned(Contact(id: id, address: address)))
            }
        }
        return result
    }

    func layout(_ table: RoutingTable) -> [[NodeID]] {
        (0..<table.bucketCount).map { table.contacts(inBucket: $0).map(\.id) }
    }

    func tables(k: Int, filledWith make: (NodeID, ContactDirectory) -> [ContactDirectory.Interned]) -> (bulk: RoutingTable, oneByOne: RoutingTable) {
        var generator = SeededGenerator(seed: 7)
        let own = NodeID.random(using: &generator)
        let directory = ContactDirectory()
        let contacts = make(own, directory)
        var bulk = RoutingTable(ownID: own, bucketSize: k, now: 5, directory: directory)
        var oneByOne = RoutingTable(ownID: own, bucketSize: k, now: 5, directory: directory)
        bulk.observe(all: contacts[...], now: 9)
        for contact in contacts { _ = oneByOne.observe(contact, now: 9) }
        return (bulk, oneByOne)
    }

    @Test(arguments: [
        [20, 20, 20, 20, 20, 20, 20, 20, 20, 20, 13, 7, 3, 1],  // a large network's table
        [3, 0, 2, 0, 0, 1],  // sparse: the last bucket gathers the longer prefixes
        [20, 5, 20, 20, 1, 1, 1, 1],
        [0, 0, 0, 20, 20, 20, 0, 20],
        [1],
    ])
    func buildsWhatObservingOneByOneBuilds(counts: [Int]) {
        let (bulk, oneByOne) = tables(k: 20) { own, directory in contacts(around: own, counts: counts, directory: directory, seed: 3) }
        #expect(bulk.bucketCount == oneByOne.bucketCount)
        #expect(layout(bulk) == layout(oneByOne))
        #expect(bulk.count == counts.reduce(0, +))
        #expect(bulk.bucketsUntouched(since: 9) == oneByOne.bucketsUntouched(since: 9))
        #expect(bulk.bucketsUntouched(since: 10) == oneByOne.bucketsUntouched(since: 10))
    }

    @Test func fallsBackForInputItCannotLayOut() {
        // Longer prefixes first, and more than k of one length (some wait in replacement caches).
        let (bulk, oneByOne) = tables(k: 4) { own, directory in
            contacts(around: own, counts: [6, 3, 5], directory: directory, seed: 4).reversed()
        }
        #expect(layout(bulk) == layout(oneByOne))
        #expect(bulk.bucketCount > 1)
        #expect((0..<bulk.bucketCount).map(bulk.replacements(inBucket:)).map(\.count)
            == (0..<oneByOne.bucketCount).map(oneByOne.replacements(inBucket:)).map(\.count))
        #expect(bulk.replacements(inBucket: 0).count == 2)
    }
}
