import Testing
@testable import KademliaCore

/// Which keys a node hands a newcomer, the paper's way and the Python library's.
@Suite struct RecordTransferTests {
    static let key = NodeID(high: 0, middle: 0, low: 0xFFFF)
    /// Right next to the key: the newcomer every rule sends the key to, if this node is the key's closest.
    static let newcomer = NodeID(high: 0, middle: 0, low: 0xFFFE)

    /// A node with id 0 holding a record under `key`, with three contacts: one right next to SHA-1(key), two far
    /// from everything. By the key itself the node is the closest it knows; by SHA-1(key) it is not.
    static func holder(hashingTwice: Bool) -> KademliaNode {
        var configuration = KademliaConfiguration()
        configuration.transferKeyHashedTwice = hashingTwice
        var node = KademliaNode(id: .zero, address: address(1), configuration: configuration, seed: 1, now: 0)
        let judged = NodeID(hashing: key.bytes)
        let contacts = [judged.flippingBit(159), NodeID(hashing: "far 1"), NodeID(hashing: "far 2")]
        for (index, contact) in contacts.enumerated() { ping(&node, from: contact, at: address(UInt32(10 + index))) }
        node.warmStore(Record(value: .int(7)), key: key, now: 0)
        return node
    }

    static func address(_ host: UInt32) -> NodeAddress { NodeAddress(ipv4: host, port: 4000) }

    static func ping(_ node: inout KademliaNode, from sender: NodeID, at address: NodeAddress) {
        let message = Message(id: MessageID(bits: NodeID(hashing: "ping \(sender)")), body: .request(.ping, sender: sender))
        node.handle(message, from: address, now: 1)
    }

    static func storesSent(by node: inout KademliaNode, to address: NodeAddress) -> Int {
        node.drainTransmits().filter {
            guard $0.destination == address, case .request(.store, _) = $0.message.body else { return false }
            return true
        }.count
    }

    @Test func theKeyItselfDecidesByDefault() {
        var node = Self.holder(hashingTwice: false)
        _ = node.drainTransmits()
        Self.ping(&node, from: Self.newcomer, at: Self.address(99))
        #expect(Self.storesSent(by: &node, to: Self.address(99)) == 1, "the node is the key's closest: the newcomer gets it")
    }

    @Test func thePythonLibraryJudgesByTheKeyHashedAgain() {
        var node = Self.holder(hashingTwice: true)
        _ = node.drainTransmits()
        Self.ping(&node, from: Self.newcomer, at: Self.address(99))
        #expect(Self.storesSent(by: &node, to: Self.address(99)) == 0, "a contact is closer to SHA-1(key): nothing is handed over")
    }

    /// Own id 0 holds key 1 with k = 2: the top bucket is full (two far contacts), a contact deeper down is farther
    /// from the key than the node. A contact that must wait for the top bucket is closer to the key than the top
    /// bucket's contacts, so the transfer rule hands it the key whenever it is judged a newcomer.
    static func holderWithFullTopBucket(repeatsRecordTransfer: Bool) -> KademliaNode {
        var configuration = KademliaConfiguration()
        configuration.k = 2
        configuration.repeatsRecordTransfer = repeatsRecordTransfer
        var node = KademliaNode(id: .zero, address: address(1), configuration: configuration, seed: 1, now: 0)
        let top: UInt64 = 1 << 63
        let contacts = [NodeID(high: top, middle: 0, low: 0xFF), NodeID(high: top, middle: 0, low: 0xFE), deeper]
        for (index, contact) in contacts.enumerated() { ping(&node, from: contact, at: address(UInt32(10 + index))) }
        node.warmStore(Record(value: .int(7)), key: NodeID(high: 0, middle: 0, low: 1), now: 0)
        _ = node.drainTransmits()
        return node
    }

    static let waiting = NodeID(high: 1 << 63, middle: 0, low: 1)
    /// In the table, in a bucket below the top one, farther from the key than the holder.
    static let deeper = NodeID(high: 0, middle: 0, low: 4)

    @Test func aContactWaitingForAFullBucketGetsRecordsOnceItEntersByDefault() {
        var node = Self.holderWithFullTopBucket(repeatsRecordTransfer: false)
        var stores = 0
        for _ in 0..<3 {
            Self.ping(&node, from: Self.waiting, at: Self.address(99))
            stores += Self.storesSent(by: &node, to: Self.address(99))
        }
        #expect(stores == 0, "the contact only waits in the replacement cache: nothing is handed over")
    }

    @Test func thePythonLibraryHandsRecordsToAWaitingContactOnEveryMessage() {
        var node = Self.holderWithFullTopBucket(repeatsRecordTransfer: true)
        var stores: [Int] = []
        for _ in 0..<3 {
            Self.ping(&node, from: Self.waiting, at: Self.address(99))
            stores.append(Self.storesSent(by: &node, to: Self.address(99)))
        }
        #expect(stores == [1, 1, 1], "each message from the waiting contact runs the transfer check again")
        Self.ping(&node, from: Self.deeper, at: Self.address(12))
        #expect(Self.storesSent(by: &node, to: Self.address(12)) == 0, "a contact in the table is not new")
    }
}
