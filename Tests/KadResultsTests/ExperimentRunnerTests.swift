import Foundation
import KadSim
import KademliaCore
import Testing

@testable import KadResults

@Suite("Experiment runner")
struct ExperimentRunnerTests {
    /// 30 nodes, 12 minutes of laptop churn (shared with the command-line tests): about 200 reads per run, well
    /// under a second in a debug build.
    static let tinyJSON = try! String(
        contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Shared/tiny-churn.json"),
        encoding: .utf8)

    static let tiny: Scenario = try! ScenarioLoader.decode(data: Data(tinyJSON.utf8), fileName: "tiny.json")

    /// A clock that always reads the same, so wall-clock columns are predictable.
    static let fixedClock = WallClock(seconds: { 100 }, timestamp: { "2025-01-02T03:04:05Z" })

    /// Both stores for both seeds, simulated once without a database and shared by the tests that only read them.
    static let tinyRuns: [ExperimentRun] = try! ExperimentRunner(scenario: tiny, database: nil, clock: fixedClock)
        .run(stores: [.plain, .timestamped], seeds: [1, 2])

    static func temporaryPath() -> String {
        FileManager.default.temporaryDirectory
            .appendingPathComponent("kadsim-runner-\(UUID().uuidString)/results.sqlite").path
    }

    @Test func writesCompletedRunsThatMatchTheResults() throws {
        let database = try ResultsDatabase(path: Self.temporaryPath())
        let recorded = Recorder<[(ResultsTable, Int)]>([])
        let runner = ExperimentRunner(
            scenario: Self.tiny, database: database, batchSize: 50, kadsimVersion: "9.9.9", clock: Self.fixedClock,
            observer: { event in
                if case .batchWritten(_, let table, let rows) = event { recorded.change { $0.append((table, rows)) } }
            })
        let runs = try runner.run(stores: [.plain, .timestamped], seeds: [1])
        #expect(runs.map(\.storeMode) == [.plain, .timestamped])
        #expect(runs.map(\.seed) == [1, 1])

        let stored = try database.runs()
        #expect(stored.count == 2)
        for (run, row) in zip(runs, stored) {
            #expect(row.id == run.runID)
            #expect(row.completed)
            #expect(row.error == nil)
            #expect(row.info.scenarioName == "tiny")
            #expect(row.info.scenarioJSON == Self.tiny.jsonText())
            #expect(row.info.storeMode == run.storeMode)
            #expect(row.info.seed == 1)
            #expect(row.info.kadsimVersion == "9.9.9")
            #expect(row.info.startedAt == "2025-01-02T03:04:05Z")
            #expect(row.events == run.events)
            #expect(row.wallSeconds == 0)
            let reads = Simulation(scenario: Self.tiny, storeMode: run.storeMode, seed: 1).run().observations
            #expect(reads.count > 50, "the tiny scenario should need several batches")
            #expect(run.result.observations.isEmpty, "the reads went to the database, not into memory")
            #expect(try database.reads(runID: row.id) == reads)
            #expect(try database.series(runID: row.id) == run.result.series)
            #expect(try database.summary(runID: row.id) == run.summary)
        }
        let batches = recorded.value
        let readRows = runs.map(\.summary.reads).reduce(0, +)
        let seriesRows = runs.map { $0.result.series.count }.reduce(0, +)
        #expect(batches.allSatisfy { $0.1 <= 50 })
        #expect(batches.filter { $0.0 == .reads }.map(\.1).reduce(0, +) == readRows)
        #expect(batches.filter { $0.0 == .series }.map(\.1).reduce(0, +) == seriesRows)
    }

    @Test func resultsDoNotDependOnTheDatabase() throws {
        let database = try ResultsDatabase(path: Self.temporaryPath())
        let stored = try ExperimentRunner(scenario: Self.tiny, database: database, clock: Self.fixedClock)
            .run(store: .timestamped, seed: 2)
        let alone = try #require(Self.tinyRuns.first { $0.storeMode == .timestamped && $0.seed == 2 })
        #expect(stored.result.digest == alone.result.digest)
        #expect(stored.runID != nil)
        #expect(alone.runID == nil)
    }

    @Test func readsReachTheDatabaseWhileTheSimulationRuns() throws {
        let database = try ResultsDatabase(path: Self.temporaryPath())
        let steps = Recorder<[String]>([])
        let runner = ExperimentRunner(
            scenario: Self.tiny, database: database, batchSize: 20, clock: Self.fixedClock,
            observer: { event in
                switch event {
                case .batchWritten(_, let table, _): steps.change { $0.append(table.rawValue) }
                case .simulationFinished: steps.change { $0.append("finished") }
                default: break
                }
            })
        let run = try runner.run(store: .plain, seed: 1)
        let finished = try #require(steps.value.firstIndex(of: "finished"))
        #expect(steps.value[..<finished].allSatisfy { $0 == "reads" })
        #expect(finished == (run.summary.reads + 19) / 20, "every batch of reads was committed during the simulation")
        #expect(steps.value[(finished + 1)...].allSatisfy { $0 == "series" })
        #expect(try database.reads(runID: run.runID!).count == run.summary.reads)
    }

    @Test func cancellationAfterTheFirstBatchLeavesTheRunIncomplete() throws {
        let database = try ResultsDatabase(path: Self.temporaryPath())
        let control = RunControl()
        let finished = Recorder(false)
        let runner = ExperimentRunner(
            scenario: Self.tiny, database: database, batchSize: 20, control: control, clock: Self.fixedClock,
            observer: { event in
                if case .batchWritten = event { control.cancel(reason: "stopped by test") }
                if case .simulationFinished = event { finished.change { $0 = true } }
            })
        #expect(throws: ExperimentError.cancelled("stopped by test")) {
            try runner.run(stores: [.plain, .timestamped], seeds: [1])
        }
        #expect(!finished.value, "the simulation stopped at the next batch, mid-way")
        let stored = try database.runs()
        #expect(stored.count == 1, "the second store must not start")
        let run = try #require(stored.first)
        #expect(!run.completed)
        #expect(run.error == "cancelled: stopped by test")
        #expect(run.events == nil)
        #expect(try database.reads(runID: run.id).count == 20)
        #expect(try database.summary(runID: run.id) == nil)
        #expect(try database.completedRuns().isEmpty)
    }

    @Test func abandoningTheActiveRunMarksItFailedAtOnce() throws {
        let database = try ResultsDatabase(path: Self.temporaryPath())
        let control = RunControl()
        let errorSeenDuringRun = Recorder<String?>(nil)
        let runner = ExperimentRunner(
            scenario: Self.tiny, database: database, control: control, clock: Self.fixedClock,
            observer: { event in
                if case .simulationFinished = event {
                    control.abandonActiveRuns(reason: "interrupted by SIGINT")
                    errorSeenDuringRun.change { $0 = (try? database.runs())?.first?.error }
                }
            })
        #expect(throws: ExperimentError.cancelled("interrupted by SIGINT")) {
            try runner.run(store: .plain, seed: 1)
        }
        #expect(errorSeenDuringRun.value == "interrupted by SIGINT")
        let run = try #require(try database.runs().first)
        #expect(!run.completed)
        #expect(try database.summary(runID: run.id) == nil)
    }

    @Test func parallelRunsBeginInOrderAndMatchSequentialOnes() throws {
        let database = try ResultsDatabase(path: Self.temporaryPath())
        let started = Recorder<[Int64]>([])
        let runner = ExperimentRunner(
            scenario: Self.tiny, database: database, batchSize: 50, clock: Self.fixedClock, parallelism: 2,
            observer: { event in
                if case .runStarted(_, _, let runID?) = event { started.change { $0.append(runID) } }
            })
        let runs = try runner.run(stores: [.plain, .timestamped], seeds: [1, 2])
        #expect(runs.map(\.storeMode) == [.plain, .timestamped, .plain, .timestamped])
        #expect(runs.map(\.seed) == [1, 1, 2, 2])
        #expect(runs.map(\.result.digest) == Self.tinyRuns.map(\.result.digest))
        let ids = runs.compactMap(\.runID)
        #expect(ids == ids.sorted() && Set(ids).count == 4, "run ids follow the job order")
        #expect(started.value == ids)
        let stored = try database.runs()
        #expect(stored.map(\.id) == ids)
        #expect(stored.allSatisfy { $0.completed })
        for run in runs {
            let reads = Simulation(scenario: Self.tiny, storeMode: run.storeMode, seed: run.seed).run().observations
            #expect(try database.reads(runID: run.runID!) == reads)
        }
    }

    @Test func cancellingParallelRunsLeavesNoneComplete() throws {
        let database = try ResultsDatabase(path: Self.temporaryPath())
        let control = RunControl()
        // Whichever run writes a batch first cancels; no run can complete without writing a batch first.
        let runner = ExperimentRunner(
            scenario: Self.tiny, database: database, batchSize: 20, control: control, clock: Self.fixedClock, parallelism: 2,
            observer: { event in
                if case .batchWritten = event { control.cancel(reason: "stopped by test") }
            })
        #expect(throws: ExperimentError.cancelled("stopped by test")) {
            try runner.run(stores: [.plain, .timestamped], seeds: [1, 2])
        }
        let stored = try database.runs()
        #expect((1...2).contains(stored.count), "the second seed never starts")
        #expect(stored.allSatisfy { $0.info.seed == 1 && !$0.completed && $0.error == "cancelled: stopped by test" })
        #expect(try database.completedRuns().isEmpty)
    }

    @Test func cancelledBeforeStartWritesNothing() throws {
        let database = try ResultsDatabase(path: Self.temporaryPath())
        let control = RunControl()
        control.cancel(reason: "no")
        #expect(throws: ExperimentError.cancelled("no")) {
            try ExperimentRunner(scenario: Self.tiny, database: database, control: control).run(store: .plain, seed: 1)
        }
        #expect(try database.runs().isEmpty)
    }

    @Test func twoRunnersAppendToOneFile() throws {
        let path = Self.temporaryPath()
        let first = try ExperimentRunner(scenario: Self.tiny, database: ResultsDatabase(path: path), clock: Self.fixedClock)
            .run(store: .plain, seed: 1)
        let second = try ExperimentRunner(scenario: Self.tiny, database: ResultsDatabase(path: path), clock: Self.fixedClock)
            .run(store: .plain, seed: 1)
        let database = try ResultsDatabase(path: path)
        let stored = try database.completedRuns()
        #expect(stored.map(\.id) == [first.runID, second.runID].compactMap { $0 })
        #expect(stored.count == 2)
        #expect(try database.reads(runID: stored[0].id) == database.reads(runID: stored[1].id))
        #expect(first.result.digest == second.result.digest)
    }

    @Test func storesOfOneSeedShareChurnAndWorkload() throws {
        for seed: UInt64 in [1, 2] {
            let runs = Self.tinyRuns.filter { $0.seed == seed }
            #expect(runs.map(\.storeMode) == [.plain, .timestamped])
            #expect(runs[0].result.churnTrace == runs[1].result.churnTrace)
            #expect(runs[0].result.workloadTrace == runs[1].result.workloadTrace)
            #expect(runs[0].result.churnTrace.count > 0)
        }
        let plain = Self.tinyRuns.filter { $0.storeMode == .plain }
        #expect(plain[0].result.churnTrace != plain[1].result.churnTrace, "different seeds, different churn")
    }

    @Test func pairedComparison() throws {
        let comparison = StoreComparison(runs: Self.tinyRuns)
        #expect(comparison.stores == [.plain, .timestamped])
        #expect(comparison.seeds == [1, 2])
        let stale = try #require(comparison.differences.first { $0.metric == "staleFraction" })
        #expect(stale.store == .timestamped && stale.baseline == .plain)
        for (seed, difference) in stale.perSeed {
            let plain = try #require(Self.tinyRuns.first { $0.seed == seed && $0.storeMode == .plain })
            let timestamped = try #require(Self.tinyRuns.first { $0.seed == seed && $0.storeMode == .timestamped })
            #expect(difference == timestamped.summary.staleFraction - plain.summary.staleFraction)
        }
        #expect(stale.statistics.count == 2)
        #expect(stale.statistics.halfWidth95 != nil)
        #expect(comparison.table().contains("staleFraction"))
        #expect(comparison.differenceTable().contains("timestamped − plain"))
    }

    @Test func expectationsUseTheMeanOverSeeds() throws {
        let plainReads = Self.tinyRuns.filter { $0.storeMode == .plain }.map { Double($0.summary.reads) }
        let mean = plainReads.reduce(0, +) / 2
        let bounds = [
            Scenario.Bound(metric: "reads", store: .plain, max: mean),  // the mean is admitted
            Scenario.Bound(metric: "reads", store: .plain, max: mean - 0.5),
            Scenario.Bound(metric: "freshFraction", min: 0, max: 1),
        ]
        let check = ExpectationCheck(bounds: bounds, runs: Self.tinyRuns)
        #expect(check.outcomes.count == 4, "the store-less bound is checked per store")
        #expect(check.outcomes[0].passed && check.outcomes[0].value == mean)
        #expect(!check.outcomes[1].passed)
        let worst = plainReads[0] >= plainReads[1] ? UInt64(1) : 2
        #expect(check.outcomes[1].worstSeed == worst)
        #expect(check.outcomes[2...].allSatisfy { $0.passed })
        #expect(check.outcomes[2].store == .plain && check.outcomes[3].store == .timestamped)
        #expect(check.failures.count == 1)
        #expect(!check.passed)
    }

    @Test func comparisonSeedsContinueAfterTheListedOnes() {
        var scenario = Self.tiny
        scenario.seeds = [5, 2]
        #expect(scenario.seeds(count: 1) == [5])
        #expect(scenario.seeds(count: 2) == [5, 2])
        #expect(scenario.seeds(count: 5) == [5, 2, 1, 3, 4])
    }

    @Test func replayCommands() {
        #expect(ReplayCommand.run(ScenarioReference(path: "Scenarios/smoke.json"), store: .plain, seed: 7)
            == "kadsim run Scenarios/smoke.json --store plain --seed 7")
        #expect(ReplayCommand.run(ScenarioReference(path: "my runs/it's.json"), seed: 1) == "kadsim run 'my runs/it'\\''s.json' --seed 1")
        let overridden = ScenarioReference(path: "Scenarios/churn.json", overrides: ["duration=6h", "kademlia.headCheckAfter=15m"])
        #expect(ReplayCommand.run(overridden, store: .timestamped, seed: 2)
            == "kadsim run Scenarios/churn.json --set duration=6h --set kademlia.headCheckAfter=15m --store timestamped --seed 2")
    }
}
