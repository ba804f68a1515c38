import Testing
@testable import KademliaCore

/// `observeAddress`: one `stun` request, answered with the address the asked node saw the datagram come from.
@Suite struct ObserveAddressTests {
    @Test func theAskedNodeTellsTheAddressItSawAndLearnsNothing() throws {
        var network = TestNetwork(count: 2, configuration: KademliaConfiguration(), seed: 4)
        let operation = network.start(.observeAddress(via: network.nodes[0].address), at: 1)
        network.runUntilIdle()
        let (result, stats) = try #require(network.result(of: operation, at: 1))
        #expect(result == .observedAddress(network.nodes[1].address))
        #expect(stats.messages == 1)
        #expect(network.nodes[1].requestsSent[.observeAddress] == 1)
        #expect(network.nodes[0].routingTable.count == 0 && network.nodes[1].routingTable.count == 0,
                "stun introduces nobody: its request carries no node id, and its answer none either")
    }

    @Test func aSilentNodeGivesNoAddressAfterTheTimeout() throws {
        var network = TestNetwork(count: 2, configuration: KademliaConfiguration(), seed: 4)
        network.silent = [0]
        let operation = network.start(.observeAddress(via: network.nodes[0].address), at: 1)
        network.runUntilIdle()
        let (result, stats) = try #require(network.result(of: operation, at: 1))
        #expect(result == .observedAddress(nil))
        #expect(stats.finishedAt - stats.startedAt == KademliaConfiguration().rpcTimeout)
    }
}
