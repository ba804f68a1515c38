import Testing
@testable import KademliaCore

@Suite struct ContactDirectoryTests {
    @Test func internsEachContactOnceAndEachIdAcrossAddresses() {
        let directory = ContactDirectory()
        let id = NodeID(high: 1, middle: 2, low: 3)
        let home = Contact(id: id, address: NodeAddress(ipv4: 10, port: 1))
        let café = Contact(id: id, address: NodeAddress(ipv4: 11, port: 1))
        let first = directory.intern(home)
        #expect(directory.intern(home) == first)
        let moved = directory.intern(café)
        #expect(moved.contact != first.contact && moved.id == first.id)
        #expect(directory[first.contact] == home && directory[moved.contact] == café)
        #expect(directory.idHandle(of: id) == first.id)
        #expect(directory.idHandle(of: NodeID(high: 9, middle: 9, low: 9)) == .none)
        #expect(directory.count == 2)
    }

    @Test func tablesSharingADirectoryKeepTheirOwnContacts() {
        let directory = ContactDirectory()
        var left = RoutingTable(ownID: .zero, bucketSize: 4, directory: directory)
        var right = RoutingTable(ownID: NodeID(high: .max, middle: 0, low: 0), bucketSize: 4, directory: directory)
        let shared = Contact(id: NodeID(high: 1 << 62, middle: 0, low: 0), address: NodeAddress(ipv4: 1, port: 1))
        let onlyLeft = Contact(id: NodeID(high: 1 << 61, middle: 0, low: 0), address: NodeAddress(ipv4: 2, port: 1))
        _ = left.observe(shared, now: 1)
        _ = left.observe(onlyLeft, now: 2)
        _ = right.observe(shared, now: 3)
        var moved = shared
        moved.address = NodeAddress(ipv4: 3, port: 1)
        #expect(right.observe(moved, now: 4) == .refreshed(addressChanged: true))
        #expect(left.contact(for: shared.id) == shared, "the other table still knows the old address")
        #expect(right.contact(for: shared.id) == moved)
        #expect(!right.contains(onlyLeft.id) && left.contains(onlyLeft.id))
    }
}

@Suite struct DirectoryCompactionTests {
    /// A node on its own faces a flood of fabricated ids: its directory must stay bounded, and rebuilding it must
    /// change nothing the table does. The same contacts go to a table whose directory is shared (never rebuilt).
    @Test func aTableOfItsOwnKeepsItsDirectoryBoundedAndBehavesTheSame() {
        let shared = ContactDirectory()
        var own = RoutingTable(ownID: .zero, bucketSize: 4, replacementCacheSize: 8)
        var reference = RoutingTable(ownID: .zero, bucketSize: 4, replacementCacheSize: 8, directory: shared)
        var generator = SeededGenerator(seed: 7)
        var known: [Contact] = []
        for step in 0..<30_000 {
            // Mostly strangers, sometimes a known contact again (refreshed, or from a new address), sometimes a failure.
            var contact = Contact(id: NodeID.random(using: &generator), address: NodeAddress(ipv4: UInt32(step), port: 1))
            if step % 7 == 0, !known.isEmpty {
                contact = known[Int(generator.next() % UInt64(known.count))]
                if step % 3 == 0 { contact.address.port += 1 }
            }
            if known.count < 200 { known.append(contact) }
            let now = Microseconds(step)
            #expect(own.observe(contact, now: now) == reference.observe(contact, now: now))
            if step % 11 == 0 {
                let failing = known[step % known.count].id
                #expect(own.recordFailure(of: failing, limit: 2) == reference.recordFailure(of: failing, limit: 2))
            }
        }
        #expect(own.directory.count <= RoutingTable.smallestDirectoryLimit)
        #expect(shared.count > 25_000)
        for index in 0..<own.bucketCount {
            #expect(own.contacts(inBucket: index) == reference.contacts(inBucket: index))
            #expect(own.replacements(inBucket: index) == reference.replacements(inBucket: index))
        }
    }
}
