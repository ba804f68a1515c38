import Foundation
import KadSim
import KademliaCore
import Testing

@testable import KadResults

@Suite struct PoisoningResultsTests {
    @Test func migrationTwoAddsOneColumnPerPoisoningMetric() {
        #expect(ResultsSchema.poisoningSummaryColumns == RunSummary.poisoningMetricNames.map(ResultsSchema.columnName(forMetric:)))
    }

    @Test func poisoningMetricsRollbacksAndVariantsRoundTrip() throws {
        let database = try ResultsDatabase(path: ResultsDatabaseTests.temporaryPath())
        let runID = try database.beginRun(ResultsDatabaseTests.info(store: .signed))
        try database.setVariant(runID: runID, variant: "signed d=3 q=2 adversary.fraction=0.2")
        let reads = [
            ReadObservation(time: 1, reader: 1, owner: 2, outcome: .forged, returnedVersion: nil, latestVersion: 3, versionLag: nil,
                            stalenessAge: nil, reachesOwner: false, latency: 5, hops: 2, messages: 7),
            ReadObservation(time: 2, reader: 1, owner: 2, outcome: .stale, returnedVersion: 1, latestVersion: 3, versionLag: 2,
                            stalenessAge: 9, reachesOwner: false, latency: 5, hops: 2, messages: 7, rollback: true),
        ]
        try database.append(reads: reads, runID: runID)
        var summary = RunSummary(reads: 2, staleFraction: 0.5)
        summary.forgedFraction = 0.5
        summary.rollbackFraction = 0.5
        summary.poisonedReadFraction = 1
        summary.lookupSuccess = 0.5
        summary.signaturesVerifiedPerNodePerSecond = 0.25
        try database.completeRun(runID: runID, summary: summary, wallSeconds: 1, events: 10)
        #expect(try database.reads(runID: runID) == reads)
        #expect(try database.summary(runID: runID) == summary)
        #expect(try database.query("SELECT variant FROM runs")[0]["variant"] == "signed d=3 q=2 adversary.fraction=0.2")
        #expect(try database.run(id: runID)?.info.storeMode == .signed)
    }

    @Test func analyticEstimate() {
        #expect(SweepResult.disjointSuccessEstimate(fraction: 0, hops: 3, paths: 1) == 1)
        #expect(abs(SweepResult.disjointSuccessEstimate(fraction: 0.2, hops: 3, paths: 1) - 0.512) < 1e-9)
        #expect(abs(SweepResult.disjointSuccessEstimate(fraction: 0.2, hops: 3, paths: 3) - (1 - pow(0.488, 3))) < 1e-9)
    }

    @Test func sweepRunsEveryCellOnTheSameWorkloadAndWritesEveryRun() throws {
        let scenario = Scenario(
            name: "sweep", duration: 20 * Time.minute, warmup: 5 * Time.minute, stores: [.plain, .timestamped],
            network: Scenario.Network(nodes: 24, latency: .constant(20 * Time.millisecond)), kademlia: Scenario.Kademlia(k: 6),
            workload: Scenario.Workload(readsPerNodePerHour: 60, userFraction: 0.5),
            adversary: Scenario.Adversary(kind: .versionInflation, size: .fraction(0)))
        let path = ResultsDatabaseTests.temporaryPath()
        let database = try ResultsDatabase(path: path)
        let runner = SweepRunner(
            scenario: scenario, axes: [SweepRunner.Axis(assignment: "adversary.fraction=0,0.2")!], seeds: [1, 2],
            variants: SweepVariant.grid(stores: scenario.stores))
        let result = try runner.run(database: database, kadsimVersion: "test", startedAt: { "2025-01-01T00:00:00Z" })
        #expect(result.runs.count == 2 * 2 * 4)
        let stored = try database.completedRuns()
        #expect(stored.count == 16)
        for run in stored {
            let summary = try #require(try database.summary(runID: run.id))
            #expect(try database.reads(runID: run.id).count == summary.reads, "every read streamed into the database")
        }
        #expect(result.statistics("poisonedReadFraction", row: 0, variant: 0).mean == 0)
        #expect(result.statistics("poisonedReadFraction", row: 1, variant: 2).mean > 0.3, "timestamped falls to inflation")
        let report = result.report()
        #expect(report.contains("timestamped d=3 q=2"))
        #expect(report.contains("adversary.fraction"))
        #expect(SweepRunner.Axis(assignment: "adversary.fraction") == nil)
        #expect(throws: ScenarioError.self) {
            try SweepRunner(scenario: scenario, axes: [SweepRunner.Axis(assignment: "adversary.fraction=2")!], seeds: [1],
                            variants: SweepVariant.grid(stores: [.plain])).validate()
        }
    }
}
