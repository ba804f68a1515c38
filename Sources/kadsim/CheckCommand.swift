import ArgumentParser
import KadResults
import KadSim
import KademliaCore

/// `kadsim check SCENARIO [--set PATH=VALUE …] [--db PATH] [--golden FILE]`
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

    func run() throws {
        let scenario = try scenarioFile.load()
        let pins = try golden.map { path in try CommandSupport.loadGoldenDigests(path) }
        guard !scenario.expect.isEmpty || pins != nil else {
            Console.line("\(scenarioFile.path): no expect bounds, nothing to check")
            return
        }
        let databasePath = db ?? CommandSupport.defaultDatabasePath(for: scenario)
        let database = try CommandSupport.openDatabase(databasePath)
        let runs = try CommandSupport.execute(
            scenario, database: database, databasePath: databasePath, stores: scenario.stores, seeds: scenario.seeds,
            parallelism: parallelismOptions.parallelism, heartbeat: heartbeat)
        let check = ExpectationCheck(bounds: scenario.expect, runs: runs)

        let seedCount = scenario.seeds.count
        Console.line(
            "\(Format.scenario(scenario)), stores \(Format.stores(scenario.stores)), \(seedCount) seed\(seedCount == 1 ? "" : "s")"
                + (seedCount > 1 ? " (bounds apply to the mean over seeds)" : ""))
        var table: [[String]] = []
        var replays: [String] = []
        for outcome in check.outcomes {
            table.append([
                outcome.passed ? "PASS" : "FAIL", outcome.bound.metric, outcome.store.rawValue, Format.precise(outcome.value),
                Format.bound(outcome.bound),
            ])
            if let seed = outcome.worstSeed {
                let perSeed = outcome.perSeed.count > 1 ? " (seed \(seed): \(Format.precise(outcome.perSeed.first { $0.seed == seed }!.value)))" : ""
                replays.append("\(outcome.bound.metric) \(outcome.store.rawValue)\(perSeed): "
                    + ReplayCommand.run(scenarioFile.reference, store: outcome.store, seed: seed))
            }
        }
        for bound in scenario.expect where !check.outcomes.contains(where: { $0.bound == bound }) {
            table.append(["SKIP", bound.metric, bound.store?.rawValue ?? "any", "-", "no runs of this store"])
        }
        Console.write(Format.columns(table))
        let ids = runs.compactMap(\.runID)
        if let first = ids.first, let last = ids.last {
            Console.line("database \(databasePath), runs \(first == last ? "\(first)" : "\(first)–\(last)")")
        }
        let mismatches = pins?.mismatches(scenario: scenario.name, runs: runs) ?? []
        if let golden {
            Console.line("golden digests: \(runs.count - mismatches.count) of \(runs.count) runs match \(golden)")
            for mismatch in mismatches { Console.line("  DIGEST \(mismatch)") }
        }
        let failures = check.failures.count
        if scenario.expect.isEmpty {
            Console.line("no expect bounds")
        } else if failures == 0 {
            Console.line("all \(check.outcomes.count) bounds passed")
        } else {
            Console.line("\(failures) of \(check.outcomes.count) bounds FAILED; replay:")
            for replay in replays { Console.line("  \(replay)") }
        }
        if failures > 0 || !mismatches.isEmpty { throw ExitStatus.checkFailed }
    }
}
