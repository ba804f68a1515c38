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
