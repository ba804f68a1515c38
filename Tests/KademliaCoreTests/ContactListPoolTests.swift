import Testing
@testable import KademliaCore

/// The contact lists of FIND_NODE answers are refilled from a pool that consumers hand them back to.
@Suite struct ContactListPoolTests {
    static func bufferAddress(_ list: [Contact]) -> UnsafeRawPointer? {
        list.withUnsafeBufferPointer { $0.baseAddress.map(UnsafeRawPointer.init) }
    }

    /// A node that knows 30 contacts, built with or without a pool.
    static func node(pool: ContactListPool?) -> KademliaNode {
        var generator = SeededGenerator(seed: 5)
        var node = KademliaNode(
            id: NodeID.random(using: &generator), address: NodeAddress(ipv4: 1, port: 1),
            configuration: SharedConfiguration(KademliaConfiguration()), seed: 1, replyLists: pool)
        for index in 0..<30 {
            let sender = NodeID.random(using: &generator)
            node.handle(Message(id: MessageID(bits: sender), body: .request(.ping, sender: sender)),
                        from: NodeAddress(ipv4: 100 + UInt32(index), port: 4000), now: 0)
        }
        _ = node.drainTransmits()
        return node
    }

    static func answer(of node: inout KademliaNode, to target: NodeID) -> [Contact]? {
        let asker = NodeID(high: 7, middle: 7, low: 7)
        node.handle(Message(id: MessageID(bits: asker), body: .request(.findNode(target: target), sender: asker)),
                    from: NodeAddress(ipv4: 9, port: 9), now: 1)
        guard case .response(.nodes(let contacts))? = node.drainTransmits().first?.message.body else { return nil }
        return contacts
    }

    @Test func closestIntoABufferMatchesAFreshListAndKeepsTheBuffer() {
        let node = Self.node(pool: nil)
        let target = NodeID(high: 1, middle: 2, low: 3)
        var buffer = [Contact](repeating: Contact(id: .zero, address: NodeAddress(ipv4: 0, port: 0)), count: 3)
        buffer.reserveCapacity(64)
        let address = Self.bufferAddress(buffer)
        node.routingTable.closest(to: target, count: 20, into: &buffer)
        #expect(buffer == node.routingTable.closest(to: target, count: 20), "emptied first, then filled closest first")
        #expect(buffer.count == 20)
        #expect(Self.bufferAddress(buffer) == address, "the room was reused")
    }

    @Test func anAnswerFillsAListHandedBackAndSaysTheSame() throws {
        let pool = ContactListPool()
        var pooled = Self.node(pool: pool)
        var unpooled = Self.node(pool: nil)
        let target = NodeID(high: 9, middle: 8, low: 7)

        var consumed = try #require(Self.answer(of: &pooled, to: target), "the first answer, from an empty pool")
        let address = Self.bufferAddress(consumed)
        pool.recycle(&consumed)
        #expect(consumed.isEmpty, "the consumer's copy is given up")

        let second = try #require(Self.answer(of: &pooled, to: target))
        #expect(Self.bufferAddress(second) == address, "the answer reused the handed-back buffer")
        #expect(second == Self.answer(of: &unpooled, to: target), "same contacts as a node without a pool")
    }

    @Test func thePoolKeepsABoundedNumberOfListsWithRoom() {
        let pool = ContactListPool()
        var empty: [Contact] = []
        pool.recycle(&empty)
        #expect(pool.take().capacity == 0, "a list without room is not kept")

        for _ in 0...ContactListPool.retainedLists {
            var list: [Contact] = []
            list.reserveCapacity(4)
            pool.recycle(&list)
        }
        let kept = (0..<ContactListPool.retainedLists).filter { _ in pool.take().capacity >= 4 }.count
        #expect(kept == ContactListPool.retainedLists)
        #expect(pool.take().capacity == 0, "one list beyond the bound was dropped")
    }
}
