import Testing
@testable import KademliaCore

@Suite struct PendingTableTests {
    static func rpc(_ port: UInt16) -> PendingRPC {
        PendingRPC(contactID: nil, destination: NodeAddress(ipv4: 0x7F00_0001, port: port), asked: .ping, purpose: .unattended(.recordTransfer))
    }

    @Test func aReplyFindsItsRequestOnlyWithEveryBitOfItsID() {
        var generator = SeededGenerator(seed: 5)
        var table = PendingTable()
        let first = table.insert(Self.rpc(1), randomBits: NodeID.random(using: &generator))
        let second = table.insert(Self.rpc(2), randomBits: NodeID.random(using: &generator))
        #expect(table.count == 2)
        #expect(first != second)

        var forged = first
        forged.bits.high ^= 1
        #expect(!table.contains(forged))
        #expect(table.remove(forged) == nil, "same slot, other random bits")
        var outOfRange = first
        outOfRange.bits.low = 1_000_000
        #expect(table.remove(outOfRange) == nil)

        #expect(table.remove(first)?.destination.port == 1)
        #expect(table.remove(first) == nil, "a duplicate reply finds nothing")
        // The freed slot is reused under new random bits: a late reply to the old request still finds nothing.
        let third = table.insert(Self.rpc(3), randomBits: NodeID.random(using: &generator))
        #expect(third.bits.low == first.bits.low)
        #expect(table.remove(first) == nil)
        #expect(table.remove(third)?.destination.port == 3)
        #expect(table.remove(second)?.destination.port == 2)
        #expect(table.count == 0)
    }

    @Test func freedSlotsAreReusedLastFreedFirstAndAFreshSlotOnlyWhenNoneIsFree() {
        var generator = SeededGenerator(seed: 9)
        var table = PendingTable()
        let ids = (0..<5).map { table.insert(Self.rpc(UInt16($0)), randomBits: NodeID.random(using: &generator)) }
        #expect(ids.map(\.bits.low) == [0, 1, 2, 3, 4])
        for index in [1, 3, 0] { #expect(table.remove(ids[index]) != nil) }
        let reused = (0..<4).map { table.insert(Self.rpc(UInt16(10 + $0)), randomBits: NodeID.random(using: &generator)) }
        #expect(reused.map(\.bits.low) == [0, 3, 1, 5])
        #expect(table.count == 6)
        for id in reused + [ids[2], ids[4]] { #expect(table.contains(id)) }
        for id in [ids[0], ids[1], ids[3]] { #expect(!table.contains(id), "a freed slot's old id matches nothing") }
    }
}
