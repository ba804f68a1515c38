import Testing
import KademliaCore

@Suite struct NodeOutputTests {
    /// A node with an empty routing table finishes every lookup at once, which makes events easy to produce.
    static func loneNode() -> KademliaNode {
        KademliaNode(
            id: NodeID(hashing: "lone"), address: NodeAddress(ipv4: 0x7F00_0001, port: 4000),
            configuration: KademliaConfiguration(), seed: 1)
    }

    @Test func pollEventHandsOutEachEventOnceInOrderAndDrainTakesTheRest() {
        var node = Self.loneNode()
        let operations = (0..<3).map { node.start(.get(key: NodeID(hashing: "key-\($0)")), now: 0) }
        #expect(node.hasOutput)
        let first = node.pollEvent()
        guard case .completed(let firstID, .got(nil), _) = first else {
            Issue.record("expected a completed empty get, got \(String(describing: first))")
            return
        }
        #expect(firstID == operations[0])
        let rest = node.drainEvents().compactMap { event -> OperationID? in
            guard case .completed(let id, _, _) = event else { return nil }
            return id
        }
        #expect(rest == Array(operations[1...]))
        #expect(node.pollEvent() == nil)
        #expect(!node.hasOutput)

        let later = node.start(.get(key: NodeID(hashing: "key-later")), now: 1)
        guard case .completed(let laterID, _, _) = node.pollEvent() else {
            Issue.record("expected the later get to complete")
            return
        }
        #expect(laterID == later)
        #expect(node.pollEvent() == nil)
        #expect(node.drainEvents().isEmpty)
    }
}
