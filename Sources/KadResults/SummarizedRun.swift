import KadSim
import KademliaCore

/// What the tables of `compare` and `check` read from a run: a run just simulated, or one stored in a results database.
public protocol SummarizedRun: Sendable {
    var storeMode: StoreMode { get }
    var seed: UInt64 { get }
    var summary: RunSummary { get }
}

extension ExperimentRun: SummarizedRun {}

/// A completed run read back from a results database (`--from`).
public struct StoredRunSummary: SummarizedRun, Hashable {
    public var runID: Int64
    public var storeMode: StoreMode
    public var seed: UInt64
    public var summary: RunSummary
}

extension ResultsDatabase {
    /// For every seed and store (seed by seed, as `ExperimentRunner.run` orders them), the earliest completed run of
    /// `scenario` with no sweep variant, and the (store, seed) pairs that have none.
    public func storedRuns(of scenario: Scenario, stores: [StoreMode], seeds: [UInt64]) throws
        -> (runs: [StoredRunSummary], missing: [(store: StoreMode, seed: UInt64)]) {
        let json = scenario.jsonText()
        var runs: [StoredRunSummary] = []
        var missing: [(store: StoreMode, seed: UInt64)] = []
        for seed in seeds {
            for store in stores {
                if let runID = try firstCompletedRun(scenarioJSON: json, store: store, seed: seed, variant: ""),
                   let summary = try summary(runID: runID) {
                    runs.append(StoredRunSummary(runID: runID, storeMode: store, seed: seed, summary: summary))
                } else {
                    missing.append((store, seed))
                }
            }
        }
        return (runs, missing)
    }
}
