import ArgumentParser
import KadResults
import KadSim
import KademliaCore

/// `kadsim check SCENARIO [--set PATH=VALUE …] [--db PATH | --from PATH] [--shard I/N] [--golden FILE]`
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Run a scenario (every store, every seed) and test its expect bounds; exit 1 if any fails.",
        discussion: """
            A bound with a store is checked against that store's runs, a bound without a store against each store. \
            With several seeds a bound is checked on the mean over seeds. A failure prints the command that replays \
            the seed furthest outside the bound. With --golden, every run's result digest must also equal its pin \
            in FILE (lines "<scenario> <store> <seed> <digest>"): a speed change proves it changed no result.
            """)

    @OptionGroup var scenarioFile: ScenarioOptions

    @OptionGroup var parallelismOptions: ParallelismOptions
    @OptionGroup var heartbeat: HeartbeatOptions

    @Option(help: ArgumentHelp("Results database. Default: Results/<scenario name>.sqlite.", valueName: "path"))
    var db: String?

    @Option(help: ArgumentHelp("Pinned result digests that every run must reproduce.", valueName: "file"))
    var golden: String?

    @OptionGroup var sharding: ShardingOptions

    func validate() throws {
        if sharding.from != nil, db != nil || golden != nil {
            throw ValidationError("--from reads stored runs, which keep no result digest: it takes neither --db nor --golden")
        }
        if sharding.shard != nil, golden != nil { throw ValidationError("--shard checks nothing: it takes no --golden") }
    }

    func run() throws {
        HugePageHeap.enable()
        let scenario = try scenarioFile.load()
        let pins = try golden.map { path in try CommandSupport.loadGoldenDigests(path) }
        guard !scenario.expect.isEmpty || pins != nil else {
            Console.line("\(scenarioFile.path): no expect bounds, nothing to check")
            return
        }
        if let from = sharding.from {
            let stored = try CommandSupport.storedRuns(of: scenario, from: from, stores: scenario.stores, seeds: scenario.seeds)
            let check = ExpectationCheck(bounds: scenario.expect, runs: stored)
            printOutcomes(check, scenario: scenario)
            Console.line("database \(from), \(stored.count) stored runs")
            try conclude(check, scenario: scenario, digestMismatches: 0)
            return
        }
        let databasePath = db ?? CommandSupport.defaultDatabasePath(for: scenario)
        let database = try CommandSupport.openDatabase(databasePath)
        let runs = try CommandSupport.execute(
            scenario, database: database, databasePath: databasePath, stores: scenario.stores, seeds: scenario.seeds,
            shard: sharding.parsedShard, parallelism: parallelismOptions.parallelism, heartbeat: heartbeat)
        if let shard = sharding.parsedShard {
            sharding.printShardDone(shard, wrote: runs.count, of: scenario.stores.count * scenario.seeds.count, database: databasePath)
            return
        }
        let check = ExpectationCheck(bounds: scenario.expect, runs: runs)
        printOutcomes(check, scenario: scenario)

        let ids = runs.compactMap(\.runID)
        if let first = ids.first, let last = ids.last {
            Console.line("database \(databasePath), runs \(first == last ? "\(first)" : "\(first)–\(last)")")
        }
        let mismatches = pins?.mismatches(scenario: scenario.name, runs: runs) ?? []
        if let golden {
            Console.line("golden digests: \(runs.count - mismatches.count) of \(runs.count) runs match \(golden)")
            for mismatch in mismatches { Console.line("  DIGEST \(mismatch)") }
        }
        try conclude(check, scenario: scenario, digestMismatches: mismatches.count)
    }

    /// The verdict line and, on failure, the replay commands; exit 1 when a bound failed or a digest differed.
    private func conclude(_ check: ExpectationCheck, scenario: Scenario, digestMismatches: Int) throws {
        let failures = check.failures.count
        if scenario.expect.isEmpty {
            Console.line("no expect bounds")
        } else if failures == 0 {
            Console.line("all \(check.outcomes.count) bounds passed")
        } else {
            Console.line("\(failures) of \(check.outcomes.count) bounds FAILED; replay:")
            for replay in replays(check) { Console.line("  \(replay)") }
        }
        if failures > 0 || digestMismatches > 0 { throw ExitStatus.checkFailed }
    }

    /// One row per bound and store: verdict, metric, store, value, bound.
    private func printOutcomes(_ check: ExpectationCheck, scenario: Scenario) {
        let seedCount = scenario.seeds.count
        Console.line(
            "\(Format.scenario(scenario)), stores \(Format.stores(scenario.stores)), \(seedCount) seed\(seedCount == 1 ? "" : "s")"
                + (seedCount > 1 ? " (bounds apply to the mean over seeds)" : ""))
        var table: [[String]] = []
        for outcome in check.outcomes {
            table.append([
                outcome.passed ? "PASS" : "FAIL", outcome.bound.metric, outcome.store.rawValue, Format.precise(outcome.value),
                Format.bound(outcome.bound),
            ])
        }
        for bound in scenario.expect where !check.outcomes.contains(where: { $0.bound == bound }) {
            table.append(["SKIP", bound.metric, bound.store?.rawValue ?? "any", "-", "no runs of this store"])
        }
        Console.write(Format.columns(table))
    }

    /// The command replaying the seed furthest outside each bound.
    private func replays(_ check: ExpectationCheck) -> [String] {
        check.outcomes.compactMap { outcome in
            guard let seed = outcome.worstSeed else { return nil }
            let perSeed = outcome.perSeed.count > 1 ? " (seed \(seed): \(Format.precise(outcome.perSeed.first { $0.seed == seed }!.value)))" : ""
            return "\(outcome.bound.metric) \(outcome.store.rawValue)\(perSeed): "
                + ReplayCommand.run(scenarioFile.reference, store: outcome.store, seed: seed)
        }
    }
}
