import KademliaCore
import Testing
@testable import KadSim

@Suite struct ReadSinkTests {
    static let scenario = SimulationTests.scenario(churn: SimulationTests.laptopChurn, loss: 0.01)

    @Test func aSinkGetsEveryReadInOrderInBatchesAndTheResultIsUnchanged() {
        let kept = Simulation(scenario: Self.scenario, storeMode: .plain, seed: 4).run()
        let simulation = Simulation(scenario: Self.scenario, storeMode: .plain, seed: 4)
        var batches: [[ReadObservation]] = []
        simulation.readBatchSize = 7
        simulation.readSink = { batch in
            batches.append(batch)
            return true
        }
        let streamed = simulation.run()
        #expect(kept.observations.count > 100)
        #expect(batches.flatMap { $0 } == kept.observations)
        #expect(batches.dropLast().allSatisfy { $0.count == 7 })
        #expect((1...7).contains(batches.last?.count ?? 0))
        #expect(streamed.observations.isEmpty, "with a sink the simulation keeps no reads")
        #expect(streamed.digest == kept.digest)
        #expect(streamed.digest == ResultDigest(observations: kept.observations, series: kept.series, summary: kept.summary))
        #expect(streamed.summary == kept.summary)
        #expect(streamed.series == kept.series)
    }

    @Test func aSinkThatSaysStopEndsTheRunThere() {
        let whole = Simulation(scenario: Self.scenario, storeMode: .plain, seed: 4).run()
        let simulation = Simulation(scenario: Self.scenario, storeMode: .plain, seed: 4)
        var calls = 0
        simulation.readBatchSize = 10
        simulation.readSink = { _ in
            calls += 1
            return calls < 2
        }
        let stopped = simulation.run()
        #expect(calls == 2)
        #expect(stopped.summary.reads == 20)
        #expect(stopped.totals.events < whole.totals.events)
    }
}
