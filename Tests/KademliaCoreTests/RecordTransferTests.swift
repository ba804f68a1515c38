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
}
