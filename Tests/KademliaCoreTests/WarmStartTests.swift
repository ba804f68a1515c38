import Testing
@testable import KademliaCore

@Suite struct WarmStartTests {
    func contact(_ id: NodeID) -> Contact {
        Contact(id: id, address: NodeAddress(ipv4: id.low, port: 4000))
    }

    @Test func fillsTheTableAndSendsNothing() {
        var configuration = KademliaConfiguration()
        configuration.k = 2
        let own = NodeID.zero
        let directory = ContactDirectory()
        var node = KademliaNode(
            id: own, address: NodeAddress(ipv4: 1, port: 4000), configuration: configuration, seed: 1, directory: directory)
        // Two far contacts, two at prefix 1, one at prefix 5, and the node itself.
        let contacts = [
            NodeID.zero.flippingBit(0), NodeID.zero.flippingBit(0).flippingBit(9),
            NodeID.zero.flippingBit(1), NodeID.zero.flippingBit(1).flippingBit(7),
            NodeID.zero.flippingBit(5), own,
        ].map(contact)
        node.warmStart(contacts: contacts.map(directory.interned)[...], from: directory, now: 0)
        #expect(node.routingTable.count == 5)
        #expect(node.routingTable.contacts(inBucket: 0).map(\.id) == [contacts[0].id, contacts[1].id])
        #expect(node.routingTable.contacts(inBucket: 1).map(\.id) == [contacts[2].id, contacts[3].id])
        #expect(!node.hasOutput)
        #expect(node.pendingRPCCount == 0 && node.activeOperationCount == 0)
    }
}
