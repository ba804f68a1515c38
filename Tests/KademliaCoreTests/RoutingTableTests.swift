import Testing
@testable import KademliaCore

@Suite struct RoutingTableTests {
    let own = NodeID(high: 0, middle: 0, low: 0)

    /// An id sharing exactly `prefix` leading bits with the all-zero own id.
    func id(prefix: Int, tail: UInt32) -> NodeID {
        NodeID.zero.flippingBit(prefix).distance(to: NodeID(high: 0, middle: 0, low: tail) )
    }

    func contact(_ id: NodeID, port: UInt16 = 1) -> Contact {
        Contact(id: id, address: NodeAddress(ipv4: id.low, port: port))
    }

    @Test func keepsLeastRecentlySeenFirstAndMovesRefreshedToTail() {
        var table = RoutingTable(ownID: own, bucketSize: 3)
        let a = contact(id(prefix: 0, tail: 1)), b = contact(id(prefix: 0, tail: 2)), c = contact(id(prefix: 0, tail: 3))
        #expect(table.observe(a, now: 1) == .inserted)
        #expect(table.observe(b, now: 2) == .inserted)
        #expect(table.observe(c, now: 3) == .inserted)
        #expect(table.contacts(inBucket: 0).map(\.id) == [a.id, b.id, c.id])
        #expect(table.observe(a, now: 4) == .refreshed(addressChanged: false))
        #expect(table.contacts(inBucket: 0).map(\.id) == [b.id, c.id, a.id])
    }

    @Test func updatesTheAddressOfAKnownIdThatMoved() {
        var table = RoutingTable(ownID: own, bucketSize: 3)
        let laptop = contact(id(prefix: 0, tail: 1), port: 1)
        _ = table.observe(laptop, now: 1)
        var moved = laptop
        moved.address = NodeAddress(ipv4: 99, port: 2)
        #expect(table.observe(moved, now: 2) == .refreshed(addressChanged: true))
        #expect(table.contact(for: laptop.id)?.address == moved.address)
    }

    @Test func withoutLeastRecentlySeenOrderAKnownIdKeepsItsPlaceAndItsFirstAddress() {
        var table = RoutingTable(ownID: own, bucketSize: 3, leastRecentlySeenOrder: false)
        let a = contact(id(prefix: 0, tail: 1)), b = contact(id(prefix: 0, tail: 2))
        _ = table.observe(a, now: 1)
        _ = table.observe(b, now: 2)
        var moved = a
        moved.address = NodeAddress(ipv4: 99, port: 2)
        #expect(table.observe(moved, now: 3) == .refreshed(addressChanged: false))
        #expect(table.contacts(inBucket: 0) == [a, b], "the Python library neither reorders nor readdresses")
    }

    @Test func repeatedHeadChecksPingForEveryNewcomer() {
        var table = RoutingTable(ownID: own, bucketSize: 2, repeatsHeadChecks: true)
        let a = contact(id(prefix: 0, tail: 1)), b = contact(id(prefix: 0, tail: 2)), c = contact(id(prefix: 0, tail: 3))
        _ = table.observe(contact(id(prefix: 5, tail: 4)), now: 0)
        _ = table.observe(contact(id(prefix: 6, tail: 5)), now: 0)
        _ = table.observe(a, now: 1)
        _ = table.observe(b, now: 2)
        #expect(table.observe(c, now: 3) == .cached(pingHead: a))
        #expect(table.observe(c, now: 4) == .cached(pingHead: a), "each message from a waiting contact pings again")
        #expect(table.replacements(inBucket: 0).map(\.id) == [c.id])
    }

    @Test func fullBucketCachesNewcomerAndPingsHeadOnce() {
        var table = RoutingTable(ownID: own, bucketSize: 2)
        // Force a far bucket: split once by filling the own bucket first.
        let a = contact(id(prefix: 0, tail: 1)), b = contact(id(prefix: 0, tail: 2)), c = contact(id(prefix: 0, tail: 3))
        let near1 = contact(id(prefix: 5, tail: 4)), near2 = contact(id(prefix: 6, tail: 5))
        _ = table.observe(near1, now: 0)
        _ = table.observe(near2, now: 0)
        _ = table.observe(a, now: 1)
        _ = table.observe(b, now: 2)
        #expect(table.bucketCount > 1)
        #expect(table.observe(c, now: 3) == .cached(pingHead: a))
        let d = contact(id(prefix: 0, tail: 6))
        #expect(table.observe(d, now: 4) == .cached(pingHead: nil), "one head check at a time")
        #expect(table.replacements(inBucket: 0).map(\.id) == [c.id, d.id])
        #expect(table.contacts(inBucket: 0).map(\.id) == [a.id, b.id], "nobody is evicted before the head fails")
    }

    /// A table of bucket size 2 whose far bucket holds `a` (seen at `aSeen`) then `b` (at `bSeen`); `c` is a third
    /// contact for that bucket, not yet observed.
    func tableWithFullFarBucket(headCheckAfter: Microseconds = 0, aSeen: Microseconds, bSeen: Microseconds)
        -> (table: RoutingTable, a: Contact, b: Contact, c: Contact) {
        var table = RoutingTable(ownID: own, bucketSize: 2, headCheckAfter: headCheckAfter)
        _ = table.observe(contact(id(prefix: 5, tail: 4)), now: 0)
        _ = table.observe(contact(id(prefix: 6, tail: 5)), now: 0)
        let a = contact(id(prefix: 0, tail: 1)), b = contact(id(prefix: 0, tail: 2)), c = contact(id(prefix: 0, tail: 3))
        _ = table.observe(a, now: aSeen)
        _ = table.observe(b, now: bSeen)
        return (table, a, b, c)
    }

    @Test func headHeardFromRecentlyIsNotPinged() {
        var (table, a, _, c) = tableWithFullFarBucket(headCheckAfter: 15 * Time.minute, aSeen: 0, bSeen: 0)
        #expect(table.observe(c, now: 15 * Time.minute - 1) == .cached(pingHead: nil), "the head spoke 15 minutes ago less 1 us")
        #expect(table.observe(c, now: 15 * Time.minute) == .cached(pingHead: a), "silent long enough: check it")
        #expect(table.replacements(inBucket: 0).map(\.id) == [c.id])
    }

    @Test func headThatAnswersStaysAndMovesToTail() {
        var (table, a, b, c) = tableWithFullFarBucket(aSeen: 1, bSeen: 2)
        _ = table.observe(c, now: 3)
        _ = table.observe(a, now: 4)
        #expect(table.contacts(inBucket: 0).map(\.id) == [b.id, a.id])
        #expect(table.replacements(inBucket: 0).map(\.id) == [c.id])
    }

    @Test func failedHeadIsEvictedAndFreshestReplacementPromoted() {
        var table = RoutingTable(ownID: own, bucketSize: 2)
        let near1 = contact(id(prefix: 5, tail: 4)), near2 = contact(id(prefix: 6, tail: 5))
        _ = table.observe(near1, now: 0)
        _ = table.observe(near2, now: 0)
        let a = contact(id(prefix: 0, tail: 1)), b = contact(id(prefix: 0, tail: 2))
        let c = contact(id(prefix: 0, tail: 3)), d = contact(id(prefix: 0, tail: 6))
        for (index, entry) in [a, b, c, d].enumerated() { _ = table.observe(entry, now: Microseconds(index)) }
        #expect(table.recordFailure(of: a.id, limit: 2) == false, "one failure of two allowed")
        #expect(table.contains(a.id))
        #expect(table.recordFailure(of: a.id, limit: 2) == true)
        #expect(table.contacts(inBucket: 0).map(\.id) == [b.id, d.id])
        #expect(table.replacements(inBucket: 0).map(\.id) == [c.id])
    }

    @Test func splitsOnlyTheBucketHoldingTheOwnID() {
        var table = RoutingTable(ownID: own, bucketSize: 2)
        #expect(table.bucketCount == 1)
        for tail in 1...3 { _ = table.observe(contact(id(prefix: 0, tail: UInt32(tail))), now: 0) }
        // Three contacts of prefix 0 in a bucket of 2: one split happened, the third waits as a replacement.
        #expect(table.bucketCount == 2)
        #expect(table.contacts(inBucket: 0).count == 2)
        #expect(table.replacements(inBucket: 0).count == 1)
        for prefix in [3, 4, 9] { _ = table.observe(contact(id(prefix: prefix, tail: 7)), now: 0) }
        #expect(table.bucketCount >= 4)
        #expect(table.count == 5)
        for index in 0..<(table.bucketCount - 1) {
            for entry in table.contacts(inBucket: index) { #expect(own.commonPrefixLength(with: entry.id) == index) }
        }
    }

    @Test func ignoresItself() {
        var table = RoutingTable(ownID: own)
        #expect(table.observe(contact(own), now: 0) == .ignoredSelf)
        #expect(table.count == 0)
    }

    @Test func closestAndCloserThanSelfAreExactAgainstBruteForceOnTenThousandIDs() {
        var generator = SeededGenerator(seed: 7)
        let ownID = NodeID.random(using: &generator)
        var table = RoutingTable(ownID: ownID, bucketSize: 20)
        for index in 0..<10_000 {
            _ = table.observe(Contact(id: NodeID.random(using: &generator), address: NodeAddress(ipv4: UInt32(index), port: 1)), now: 0)
        }
        // Bias some ids near the own id so that deep buckets are populated too.
        for prefix in 1..<40 {
            _ = table.observe(Contact(id: ownID.randomID(sharingPrefix: prefix, using: &generator), address: NodeAddress(ipv4: 1, port: UInt16(prefix))), now: 0)
        }
        let everyone = table.contacts
        #expect(everyone.count > 200)
        for round in 0..<300 {
            let target = round % 3 == 0 ? ownID.randomID(sharingPrefix: round % 30, using: &generator) : NodeID.random(using: &generator)
            let expected = everyone.sorted { $0.id.distance(to: target) < $1.id.distance(to: target) }.prefix(20).map(\.id)
            #expect(table.closest(to: target, count: 20).map(\.id) == Array(expected))
            let someone = everyone[round % everyone.count].id
            let closerThanSelf = everyone.contains { $0.id != someone && $0.id.distance(to: target) < ownID.distance(to: target) }
            #expect(table.hasContactCloserThanSelf(to: target, excluding: someone) == closerThanSelf)
        }
    }

    @Test func oneContactPerAddressHoldsANewIdBackUntilTheHolderFails() {
        var table = RoutingTable(ownID: own, bucketSize: 4, addressLimits: AddressLimits(oneContactPerAddress: true))
        let shared = NodeAddress(ipv4: 7, port: 4000)
        let first = Contact(id: id(prefix: 0, tail: 1), address: shared)
        let second = Contact(id: id(prefix: 1, tail: 2), address: shared)
        #expect(table.observe(first, now: 1) == .inserted)
        // Another id from the same address: cached, and the holder (in another bucket) is pinged once.
        #expect(table.observe(second, now: 2) == .cached(pingHead: first))
        #expect(table.observe(Contact(id: id(prefix: 2, tail: 3), address: shared), now: 3) == .cached(pingHead: nil))
        #expect(table.count == 1)
        #expect(!table.contains(second.id))
        // The holder answers: it stays, and the next newcomer from its address triggers a new check.
        #expect(table.observe(first, now: 4) == .refreshed(addressChanged: false))
        #expect(table.observe(second, now: 5) == .cached(pingHead: first))
        // The holder fails: the address is free, and the newest waiting id takes its place.
        let holderRemoved = table.recordFailure(of: first.id, limit: 1)
        #expect(holderRemoved)
        #expect(table.contacts.map(\.id) == [second.id])
        #expect(table.observe(second, now: 6) == .refreshed(addressChanged: false))
        // Distinct ports of one host are distinct addresses.
        #expect(table.observe(Contact(id: id(prefix: 0, tail: 4), address: NodeAddress(ipv4: 7, port: 4001)), now: 7) == .inserted)
    }

    @Test func aSubnetLimitCapsOneSlash24PerBucketAndAppliesToPromotions() {
        var table = RoutingTable(ownID: own, bucketSize: 4, addressLimits: AddressLimits(contactsPerSubnetPerBucket: 2))
        // Bucket 0 after a split: ids with the top bit set. Three hosts of 10.0.0.0/24 and one of 10.0.1.0/24.
        let near = (1...4).map { Contact(id: id(prefix: 3, tail: UInt32($0)), address: NodeAddress(ipv4: 0x0A00_0200 + UInt32($0), port: 1)) }
        for contact in near { _ = table.observe(contact, now: 1) }
        let hosts = (1...3).map { Contact(id: id(prefix: 0, tail: UInt32(10 + $0)), address: NodeAddress(ipv4: 0x0A00_0000 + UInt32($0), port: 1)) }
        let other = Contact(id: id(prefix: 0, tail: 20), address: NodeAddress(ipv4: 0x0A00_0105, port: 1))
        #expect(table.observe(hosts[0], now: 2) == .inserted)
        #expect(table.observe(hosts[1], now: 3) == .inserted)
        #expect(table.observe(hosts[2], now: 4) == .cached(pingHead: nil), "a third from 10.0.0.0/24 waits")
        #expect(table.observe(other, now: 5) == .inserted)
        let bucket = table.bucketIndex(for: hosts[0].id)
        #expect(Set(table.contacts(inBucket: bucket).map(\.id)) == Set([hosts[0].id, hosts[1].id, other.id]))
        // When 10.0.1.5 fails, the waiting 10.0.0.3 would make three of one /24: it is passed over.
        let otherRemoved = table.recordFailure(of: other.id, limit: 1)
        #expect(otherRemoved)
        #expect(table.contacts(inBucket: bucket).count == 2)
        // When a 10.0.0.0/24 host fails, the waiting one may take its place.
        let hostRemoved = table.recordFailure(of: hosts[0].id, limit: 1)
        #expect(hostRemoved)
        #expect(Set(table.contacts(inBucket: bucket).map(\.id)) == Set([hosts[1].id, hosts[2].id]))
    }

    @Test func withoutLimitsOneAddressCanFillABucket() {
        var table = RoutingTable(ownID: own, bucketSize: 4)
        let shared = NodeAddress(ipv4: 7, port: 4000)
        for tail in 1...4 { #expect(table.observe(Contact(id: id(prefix: 0, tail: UInt32(tail)), address: shared), now: 1) == .inserted) }
        #expect(table.count == 4)
    }
}
