import Dispatch
import Foundation
import KadSim
import KademliaCore

/// One store and lookup design to compare in a sweep.
public struct SweepVariant: Sendable, Hashable, CustomStringConvertible {
    public var store: StoreMode
    /// Disjoint lookup paths (d).
    public var disjointPaths: Int
    /// Matching replies a read waits for (q).
    public var quorum: Int

    public init(store: StoreMode, disjointPaths: Int = 1, quorum: Int = 1) {
        self.store = store
        self.disjointPaths = disjointPaths
        self.quorum = quorum
    }

    /// `timestamped`, or `timestamped d=3 q=2` for defended lookups.
    public var description: String {
        disjointPaths == 1 && quorum == 1 ? store.rawValue : "\(store.rawValue) d=\(disjointPaths) q=\(quorum)"
    }

    /// The lookup variants a sweep compares unless told otherwise: plain lookups, and 3 disjoint paths with quorum 2.
    public static let defaultLookups: [(disjointPaths: Int, quorum: Int)] = [(1, 1), (3, 2)]

    /// `stores` × `lookups`, store-major.
    public static func grid(stores: [StoreMode], lookups: [(disjointPaths: Int, quorum: Int)] = defaultLookups) -> [SweepVariant] {
        stores.flatMap { store in lookups.map { SweepVariant(store: store, disjointPaths: $0.disjointPaths, quorum: $0.quorum) } }
    }
}

/// What `kadsim sweep SCENARIO --set PATH=V1,V2,… [--seeds N]` runs: every combination of the swept values
/// (the grid's rows), for every seed, for every variant (store × lookup options). All runs of one seed share
/// the seed's churn and workload: hostile nodes, keys and forgeries come from streams of their own.
public struct SweepRunner: Sendable {
    /// One swept field and its values, in order.
    public struct Axis: Sendable, Hashable {
        public var path: String
        public var values: [String]

        public init(path: String, values: [String]) {
            self.path = path
            self.values = values
        }

        /// Parses `path=v1,v2,…`; nil without `=` or values. Values may not contain commas.
        public init?(assignment: String) {
            guard let (path, list) = Scenario.parseOverride(assignment) else { return nil }
            let values = list.split(separator: ",", omittingEmptySubsequences: false).map { String($0) }
            guard !values.isEmpty, !values.contains(where: \.isEmpty) else { return nil }
            self.init(path: path, values: values)
        }
    }

    public let scenario: Scenario
    public let axes: [Axis]
    public let seeds: [UInt64]
    public let variants: [SweepVariant]
    /// Runs simulated at once (each run is single-threaded).
    public var parallelism: Int

    public init(scenario: Scenario, axes: [Axis], seeds: [UInt64], variants: [SweepVariant], parallelism: Int = 2) {
        self.scenario = scenario
        self.axes = axes
        self.seeds = seeds
        self.variants = variants
        self.parallelism = max(1, parallelism)
    }

    /// Every row of the grid: one value per axis, first axis slowest.
    public var rows: [[String: String]] {
        axes.reduce([[:]]) { partial, axis in
            partial.flatMap { row in axis.values.map { value in row.merging([axis.path: value]) { $1 } } }
        }
    }

    /// The scenario of one cell, validated like a file: an out-of-range value is a one-line `ScenarioError`.
    public func scenario(row: [String: String], variant: SweepVariant) throws(ScenarioError) -> Scenario {
        var overrides = row
        overrides["kademlia.disjointPaths"] = String(variant.disjointPaths)
        overrides["kademlia.quorum"] = String(variant.quorum)
        overrides["stores"] = "[\"\(variant.store.rawValue)\"]"
        return try scenario.applying(overrides: overrides)
    }

    /// Checks every cell's scenario before anything runs.
    public func validate() throws(ScenarioError) {
        for row in rows {
            for variant in variants { _ = try scenario(row: row, variant: variant) }
        }
    }

    /// One run of the grid.
    struct Job: Sendable {
        var row: Int
        var variant: Int
        var seed: UInt64
        var scenario: Scenario
    }

    /// Every run of the grid in its fixed order: rows, then seeds, then variants.
    func jobs() throws(ScenarioError) -> [Job] {
        var jobs: [Job] = []
        for (rowIndex, row) in rows.enumerated() {
            for seed in seeds {
                for (variantIndex, variant) in variants.enumerated() {
                    jobs.append(Job(row: rowIndex, variant: variantIndex, seed: seed, scenario: try scenario(row: row, variant: variant)))
                }
            }
        }
        return jobs
    }

    /// Runs the grid, or with `shard` only that shard's runs (the result then holds only those). `database`
    /// (optional) receives every run; `kadsimVersion` and `startedAt` label them. `progress` is called after each run
    /// with (runs done, runs in all, label).
    public func run(
        database: ResultsDatabase?, kadsimVersion: String, startedAt: @escaping @Sendable () -> String, shard: Shard? = nil,
        progress: (@Sendable (Int, Int, String) -> Void)? = nil
    ) throws -> SweepResult {
        try validate()
        let grid = try self.jobs()
        let jobs = shard?.share(of: grid) ?? grid
        let collector = Collector(count: jobs.count)
        let rows = self.rows
        let variants = self.variants
        let workers = min(parallelism, max(1, jobs.count))
        let frozen = jobs
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var position = worker
            while position < frozen.count {
                let job = frozen[position]
                let variant = variants[job.variant]
                let label = SweepLabel.text(row: rows[job.row], variant: variant)
                do {
                    let started = WallClock.system.seconds()
                    let simulation = Simulation(scenario: job.scenario, storeMode: variant.store, seed: job.seed)
                    // Reads go to the database while the run goes on, a transaction per batch, or are dropped once
                    // counted: either way memory does not grow with them.
                    var runID: Int64?
                    var failure: (any Error)?
                    simulation.readSink = { _ in true }
                    if let database {
                        let id = try database.beginRun(RunInfo(
                            scenarioName: job.scenario.name, scenarioJSON: job.scenario.jsonText(), storeMode: variant.store,
                            seed: job.seed, kadsimVersion: kadsimVersion, startedAt: startedAt()))
                        try database.setVariant(runID: id, variant: label)
                        runID = id
                        simulation.readBatchSize = ExperimentRunner.defaultBatchSize
                        simulation.readSink = { batch in
                            do {
                                try database.append(reads: batch, runID: id)
                                return true
                            } catch {
                                failure = error
                                return false
                            }
                        }
                    }
                    let result = simulation.run()
                    let wallSeconds = WallClock.system.seconds() - started
                    if let database, let runID {
                        if let failure {
                            try? database.failRun(runID: runID, error: "\(failure)")
                            throw failure
                        }
                        try database.append(series: result.series, runID: runID)
                        try database.completeRun(runID: runID, summary: result.summary, wallSeconds: wallSeconds, events: result.totals.events)
                    }
                    collector.put(position, SweepResult.Run(row: job.row, variant: job.variant, seed: job.seed, summary: result.summary))
                } catch {
                    collector.fail("\(label) seed \(job.seed): \(error)")
                }
                progress?(collector.done, frozen.count, "\(label) seed \(job.seed)")
                position += workers
            }
        }
        if let failure = collector.failure { throw SweepError.database(failure) }
        return result(collector.runs)
    }

    /// The grid's result from runs stored in `database` (for example shards merged with `kadsim merge`), simulating
    /// nothing: each job takes the earliest completed run with its scenario, store, seed and variant. Throws
    /// `SweepError.missingRuns` when some job has none.
    public func stored(in database: ResultsDatabase) throws -> SweepResult {
        try validate()
        var runs: [SweepResult.Run] = []
        var missing: [String] = []
        for job in try jobs() {
            let variant = variants[job.variant]
            let label = SweepLabel.text(row: rows[job.row], variant: variant)
            let runID = try database.firstCompletedRun(
                scenarioJSON: job.scenario.jsonText(), store: variant.store, seed: job.seed, variant: label)
            guard let runID, let summary = try database.summary(runID: runID) else {
                missing.append("\(label) seed \(job.seed)")
                continue
            }
            runs.append(SweepResult.Run(row: job.row, variant: job.variant, seed: job.seed, summary: summary))
        }
        if !missing.isEmpty { throw SweepError.missingRuns(missing) }
        return result(runs)
    }

    private func result(_ runs: [SweepResult.Run]) -> SweepResult {
        SweepResult(axes: axes, rows: rows, variants: variants, seeds: seeds, runs: runs, nodes: scenario.network.nodes,
                    adversaryKind: scenario.adversary?.kind, adversaryFraction: Self.fraction(of: scenario))
    }

    static func fraction(of scenario: Scenario) -> Double? {
        guard let adversary = scenario.adversary else { return nil }
        return Double(adversary.hostileCount(nodes: scenario.network.nodes)) / Double(scenario.network.nodes)
    }

    /// Results of concurrent runs, in job order.
    private final class Collector: @unchecked Sendable {
        private let lock = NSLock()
        private var slots: [SweepResult.Run?]
        private(set) var failure: String?
        private var finished = 0

        init(count: Int) { slots = Array(repeating: nil, count: count) }

        func put(_ position: Int, _ run: SweepResult.Run) {
            lock.lock()
            slots[position] = run
            finished += 1
            lock.unlock()
        }

        func fail(_ message: String) {
            lock.lock()
            if failure == nil { failure = message }
            finished += 1
            lock.unlock()
        }

        var done: Int {
            lock.lock()
            defer { lock.unlock() }
            return finished
        }

        var runs: [SweepResult.Run] {
            lock.lock()
            defer { lock.unlock() }
            return slots.compactMap { $0 }
        }
    }
}

public enum SweepError: Error, Sendable, CustomStringConvertible {
    case database(String)
    /// Runs of the grid with no completed run in the database (labels with seeds, in grid order).
    case missingRuns([String])

    public var description: String {
        switch self {
        case .database(let message): "results database: \(message)"
        case .missingRuns(let labels):
            "\(labels.count) run\(labels.count == 1 ? "" : "s") of the sweep not in the database, first \(labels[0])"
        }
    }
}
