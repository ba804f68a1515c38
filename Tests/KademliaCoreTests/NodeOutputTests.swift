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

    @Test func newlyArmedDeadlinesAreReportedOnceAndReadingTheNextDeadlineClearsThem() {
        var node = KademliaNode(
            id: NodeID(hashing: "joiner"), address: NodeAddress(ipv4: 0x7F00_0001, port: 4000),
            configuration: KademliaConfiguration(), seed: 1)
        let timeout = node.configuration.rpcTimeout
        #expect(node.takeNewlyArmedDeadline() == nil)
        _ = node.start(.join([NodeAddress(ipv4: 0x7F00_0002, port: 4000)]), now: 100)
        #expect(node.takeNewlyArmedDeadline() == 100 + timeout)
        #expect(node.takeNewlyArmedDeadline() == nil, "taken once")

        _ = node.start(.join([NodeAddress(ipv4: 0x7F00_0003, port: 4000)]), now: 200)
        _ = node.start(.join([NodeAddress(ipv4: 0x7F00_0004, port: 4000)]), now: 300)
        #expect(node.takeNewlyArmedDeadline() == 200 + timeout, "the earliest of those armed since")

        _ = node.start(.join([NodeAddress(ipv4: 0x7F00_0005, port: 4000)]), now: 400)
        #expect(node.nextDeadline == 100 + timeout)
        #expect(node.takeNewlyArmedDeadline() == nil, "reading the next deadline covers what was armed before it")
    }
}
