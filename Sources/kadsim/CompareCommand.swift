import ArgumentParser
import KadResults
import KadSim
import KademliaCore

/// `kadsim compare SCENARIO [--set PATH=VALUE …] [--seeds N] [--db PATH] [--json]`
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Run the scenario's stores on the same churn and workload for several seeds and compare them.",
        discussion: """
            Each seed drives the same churn and the same workload for every store, so differences are paired. \
            Prints each metric as mean ± 95% confidence half-width over seeds per store, and the paired \
            difference per seed of each other store minus the first (e.g. timestamped − plain).
            """)

    @OptionGroup var scenarioFile: ScenarioOptions

    @Option(help: """
        Number of seeds: the scenario's seeds in order, then 1, 2, 3, … not already listed. \
        Default: the number of seeds in the scenario.
        """)
    var seeds: Int?

    @Option(help: ArgumentHelp("Results database. Default: Results/<scenario name>.sqlite.", valueName: "path"))
    var db: String?

    @OptionGroup var sharding: ShardingOptions
    @OptionGroup var parallelismOptions: ParallelismOptions
    @OptionGroup var heartbeat: HeartbeatOptions

    @Flag(help: "Print one JSON document instead of text.")
    var json = false

    func validate() throws {
        if let seeds, seeds < 1 { throw ValidationError("--seeds must be at least 1") }
        if sharding.from != nil, db != nil || json { throw ValidationError("--from reads stored runs: it takes neither --db nor --json") }
        if sharding.shard != nil, json { throw ValidationError("--shard prints no tables: it takes no --json") }
    }

    func run() throws {
        HugePageHeap.enable()
        let scenario = try scenarioFile.load()
        let seeds = scenario.seeds(count: self.seeds ?? scenario.seeds.count)
        let stores = scenario.stores
        if let from = sharding.from {
            let stored = try CommandSupport.storedRuns(of: scenario, from: from, stores: stores, seeds: seeds)
            printTables(scenario: scenario, seeds: seeds, comparison: StoreComparison(runs: stored))
            Console.line("database \(from), \(stored.count) stored runs")
            return
        }
        let databasePath = db ?? CommandSupport.defaultDatabasePath(for: scenario)
        let database = try CommandSupport.openDatabase(databasePath)
        let start = WallClock.system.seconds()
        let runs = try CommandSupport.execute(scenario, database: database, databasePath: databasePath, stores: stores, seeds: seeds,
            shard: sharding.parsedShard, parallelism: parallelismOptions.parallelism, heartbeat: heartbeat)
        let wallSeconds = WallClock.system.seconds() - start
        if let shard = sharding.parsedShard {
            sharding.printShardDone(shard, wrote: runs.count, of: stores.count * seeds.count, database: databasePath)
            return
        }
        let comparison = StoreComparison(runs: runs)

        if json {
            Console.write(RunReport.json(CompareReport(
                scenarioFile: scenarioFile.reference, scenario: scenario, database: databasePath, runs: runs,
                comparison: comparison, wallSeconds: wallSeconds)))
            return
        }
        printTables(scenario: scenario, seeds: seeds, comparison: comparison)
        Console.line(RunReport.totalsLine(runs, wallSeconds: wallSeconds))
        let ids = runs.compactMap(\.runID)
        if let first = ids.first, let last = ids.last {
            Console.line("database \(databasePath), runs \(first == last ? "\(first)" : "\(first)–\(last)")")
        }
    }
}

extension CompareCommand {
    /// The per-store table, the paired differences and the replay commands: the same from fresh or stored runs.
    func printTables(scenario: Scenario, seeds: [UInt64], comparison: StoreComparison) {
        Console.line("\(Format.scenario(scenario)), \(seeds.count) seed\(seeds.count == 1 ? "" : "s"), stores \(Format.stores(scenario.stores))")
        Console.line("mean ± 95% CI half-width over seeds")
        Console.line()
        Console.write(comparison.table())
        Console.line()
        if !comparison.differences.isEmpty {
            Console.line("paired difference per seed")
            Console.line()
            Console.write(comparison.differenceTable())
            Console.line()
        }
        let storeCount = scenario.stores.count
        Console.line("replay a seed (\(storeCount == 2 ? "both stores" : storeCount == 1 ? "its store" : "all \(storeCount) stores")):")
        for seed in seeds {
            Console.line("  seed \(seed): \(ReplayCommand.run(scenarioFile.reference, seed: seed))")
        }
        Console.line()
    }
}

/// `kadsim compare --json`: the runs, per-store statistics and paired differences.
struct CompareReport: Encodable {
    var scenario: String
    var scenarioFile: String
    var database: String?
    var seeds: [UInt64]
    var stores: [String]
    var runs: [RunReport.Run]
    /// store → metric → statistics over seeds.
    var statistics: [String: [String: Statistics]]
    var differences: [Difference]
    var wallSeconds: Double
    var peakMemoryKiB: Int

    struct Statistics: Encodable {
        var count: Int
        var mean: Double
        var standardDeviation: Double
        var halfWidth95: Double?

        init(_ statistics: SummaryStatistics) {
            count = statistics.count
            mean = statistics.mean
            standardDeviation = statistics.standardDeviation
            halfWidth95 = statistics.halfWidth95
        }
    }

    struct Difference: Encodable {
        var metric: String
        var store: String
        var baseline: String
        var statistics: Statistics
        var perSeed: [PerSeed]
    }

    struct PerSeed: Encodable {
        var seed: UInt64
        var difference: Double
        var replay: String
    }

    init(scenarioFile: ScenarioReference, scenario: Scenario, database: String?, runs: [ExperimentRun], comparison: StoreComparison, wallSeconds: Double) {
        self.scenario = scenario.name
        self.scenarioFile = scenarioFile.path
        self.database = database
        seeds = comparison.seeds
        stores = comparison.stores.map(\.rawValue)
        self.runs = runs.map { RunReport.run($0, scenario: scenarioFile) }
        var statistics: [String: [String: Statistics]] = [:]
        for store in comparison.stores {
            var metrics: [String: Statistics] = [:]
            for (metric, value) in SummaryStatistics.perMetric(comparison.summaries[store] ?? []) {
                metrics[metric] = Statistics(value)
            }
            statistics[store.rawValue] = metrics
        }
        self.statistics = statistics
        differences = comparison.differences.map { difference in
            Difference(
                metric: difference.metric, store: difference.store.rawValue, baseline: difference.baseline.rawValue,
                statistics: Statistics(difference.statistics),
                perSeed: difference.perSeed.map {
                    PerSeed(
                        seed: $0.seed, difference: $0.difference,
                        replay: ReplayCommand.run(scenarioFile, seed: $0.seed))
                })
        }
        self.wallSeconds = wallSeconds
        peakMemoryKiB = PeakMemory.kibibytes()
    }
}
