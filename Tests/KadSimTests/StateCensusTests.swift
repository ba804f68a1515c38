import KademliaCore
import Testing

@testable import KadSim

@Suite struct StateCensusTests {
    /// The census counts what every node holds at the end, offline laptops included.
    @Test func theCensusAddsUpEveryNodesStateAtTheEnd() {
        let scenario = SimulationTests.scenario(churn: SimulationTests.laptopChurn, loss: 0.01)
        let simulation = Simulation(scenario: scenario, storeMode: .plain, seed: 4)
        let result = simulation.run()
        let state = result.state
        #expect(state.storedRecords == simulation.nodes.reduce(0) { $0 + $1.core.storedKeys.count })
        #expect(state.routingContacts == simulation.nodes.reduce(0) { $0 + $1.core.routingTable.count })
        #expect(state.waitingContacts == simulation.nodes.reduce(0) { $0 + $1.core.routingTable.waitingCount })
        #expect(state.internedContacts == simulation.contacts.count)
        #expect(state.internedContacts > scenario.network.nodes, "laptops came back at new addresses")
        #expect(state.storedRecords > simulation.users.count, "each owner's record has several holders")
        #expect(state.routingContacts > 0 && state.queuedEvents > 0)
    }
}
