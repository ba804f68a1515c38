import Testing
@testable import KademliaCore

/// Buffers are refilled from a pool that their users hand them back to: FIND_NODE answers' contact lists, and the
/// room of a node's queues.
@Suite struct SpareBuffersTests {
    static func bufferAddress(_ list: [Contact]) -> UnsafeRawPointer? {
        list.withUnsafeBufferPointer { $0.baseAddress.map(UnsafeRawPointer.init) }
    }

    /// A node that knows 30 contacts, built with or without a pool.
    static func node(buffers: NodeBuffers?) -> KademliaNode {
        var generator = SeededGenerator(seed: 5)
        var node = KademliaNode(
            id: NodeID.random(using: &generator), address: NodeAddress(ipv4: 1, port: 1),
            configuration: SharedConfiguration(KademliaConfiguration()), seed: 1, buffers: buffers)
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
        let node = Self.node(buffers: nil)
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
        let buffers = NodeBuffers()
        let pool = buffers.contactLists
        var pooled = Self.node(buffers: buffers)
        var unpooled = Self.node(buffers: nil)
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
        let pool = SpareBuffers<Contact>()
        var empty: [Contact] = []
        pool.recycle(&empty)
        #expect(pool.take().capacity == 0, "a list without room is not kept")

        for _ in 0...SpareBuffers<Contact>.retainedBuffers {
            var list: [Contact] = []
            list.reserveCapacity(4)
            pool.recycle(&list)
        }
        let kept = (0..<SpareBuffers<Contact>.retainedBuffers).filter { _ in pool.take().capacity >= 4 }.count
        #expect(kept == SpareBuffers<Contact>.retainedBuffers)
        #expect(pool.take().capacity == 0, "one list beyond the bound was dropped")
    }

    @Test func aBufferGrownBeyondTheKeptRoomIsDropped() {
        let pool = SpareBuffers<Int>(initialCapacity: 4, largestKeptCapacity: 16)
        #expect(pool.take().capacity >= 4, "a fresh buffer starts with the initial room")
        var large = [Int](repeating: 0, count: 100)
        pool.recycle(&large)
        #expect(large.isEmpty && large.capacity == 0, "the caller's copy is given up either way")
        var small = [Int](repeating: 0, count: 10)
        let address = small.withUnsafeBufferPointer { $0.baseAddress }
        pool.recycle(&small)
        let taken = pool.take()
        #expect(taken.isEmpty && taken.withUnsafeBufferPointer { $0.baseAddress } == address, "the small one was kept")
        #expect(pool.take().capacity < 100, "the large one was not")
    }

    @Test func queuesWithSpareBuffersHoldNoRoomWhileEmptyAndReuseIt() {
        let buffers = NodeBuffers()
        var timeouts = TimeoutQueue(spares: buffers.deadlines)
        #expect(timeouts.reservedCapacity == 0)
        for number in 0..<5 { timeouts.append(MessageID(bits: NodeID(high: 0, middle: 0, low: UInt32(number))), deadline: Microseconds(number)) }
        #expect(timeouts.reservedCapacity >= 5)
        for _ in 0..<5 { timeouts.removeFirst() }
        #expect(timeouts.first == nil && timeouts.reservedCapacity == 0, "the drained queue handed its room back")
        #expect(buffers.deadlines.take().capacity >= 5, "to the spare buffers")

        var outputs = OutputQueue<Int>(spares: SpareBuffers<Int?>(initialCapacity: 8))
        for value in 1...3 { outputs.append(value) }
        var polled: [Int] = []
        while let value = outputs.poll() { polled.append(value) }
        #expect(polled == [1, 2, 3])
        outputs.append(4)
        #expect(outputs.drain() == [4], "a queue that gave its room back fills again")
    }

    @Test func aPolledOutputIsMovedOutOfTheQueue() {
        final class Payload: Sendable {}
        var outputs = OutputQueue<Payload>(spares: SpareBuffers<Payload?>(initialCapacity: 8))
        outputs.append(Payload())
        outputs.append(Payload())
        var first = outputs.poll()!
        #expect(outputs.hasPending, "the second output still waits, so the queue has not been emptied")
        #expect(isKnownUniquelyReferenced(&first), "the queue kept no reference to the output it handed out")
    }

    @Test func aNodeWithSpareBuffersAnswersExactlyAsOneWithout() {
        let buffers = NodeBuffers()
        var pooled = Self.node(buffers: buffers)
        var unpooled = Self.node(buffers: nil)
        #expect(pooled.pendingRPCCount == 0)
        for number in 0..<3 {
            let target = NodeID(high: UInt64(number), middle: 5, low: 5)
            _ = pooled.start(.findNode(target: target), now: 10)
            _ = unpooled.start(.findNode(target: target), now: 10)
            #expect(pooled.drainTransmits() == unpooled.drainTransmits(), "same requests, same message ids")
        }
        #expect(pooled.pendingRPCCount == unpooled.pendingRPCCount && pooled.pendingRPCCount > 0)
        pooled.handleTimeout(now: 10 + KademliaConfiguration().rpcTimeout)
        unpooled.handleTimeout(now: 10 + KademliaConfiguration().rpcTimeout)
        #expect(pooled.drainTransmits() == unpooled.drainTransmits(), "the same follow-up requests after the timeouts")
    }

    @Test func getsAndPutsWithSpareBuffersGiveTheSameResultsAndHandTheirAnswersBack() throws {
        func network(buffers: NodeBuffers?) -> TestNetwork {
            var configuration = KademliaConfiguration()
            configuration.storeMode = .timestamped  // puts read first, so they also collect what FIND_VALUE returns
            var network = TestNetwork(count: 40, configuration: configuration, seed: 3, buffers: buffers)
            network.joinAll()
            return network
        }
        let buffers = NodeBuffers()
        var pooled = network(buffers: buffers)
        var unpooled = network(buffers: nil)
        for round in 0..<6 {
            let key = NodeID(hashing: "user-\(round % 2)")
            for command in [Command.put(key: key, value: .int(Int64(round))), .get(key: key)] {
                let node = round * 7 % 40
                _ = pooled.start(command, at: node)
                _ = unpooled.start(command, at: node)
                pooled.runUntilIdle()
                unpooled.runUntilIdle()
            }
        }
        #expect(pooled.log == unpooled.log, "every datagram the same")
        #expect(pooled.events.map(\.event) == unpooled.events.map(\.event), "every result the same")
        let gets = pooled.events.filter { if case .completed(_, .got(let record?), _) = $0.event { record.stamp != nil } else { false } }
        #expect(gets.count == 6, "every get found a record")
        #expect(buffers.answers.take().capacity > 0, "the answers' room came back when the operations ended")
        #expect(buffers.records.take().capacity > 0, "and the room the found records were resolved in")
        let copied = [buffers.answers.copiedOnRecycle, buffers.records.copiedOnRecycle, buffers.lookupCandidates.copiedOnRecycle]
        #expect(copied == [0, 0, 0], "nothing still held a copy of what it handed back")
    }

    @Test func aQueueThatNeverDrainsReusesTheRoomOfAnsweredRPCs() {
        let buffers = NodeBuffers()
        var timeouts = TimeoutQueue(spares: buffers.deadlines)
        func id(_ number: Int) -> MessageID { MessageID(bits: NodeID(high: 0, middle: 0, low: UInt32(number))) }
        for number in 0..<3 { timeouts.append(id(number), deadline: Microseconds(number)) }
        let room = timeouts.reservedCapacity
        for number in 3..<10_000 {
            timeouts.append(id(number), deadline: Microseconds(number))
            #expect(timeouts.first?.deadline == Microseconds(number - 3), "first in, first out")
            timeouts.removeFirst()
        }
        #expect(timeouts.reservedCapacity == room, "a backlog of three never grew the queue past its first room")
    }
}
