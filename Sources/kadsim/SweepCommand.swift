import ArgumentParser
import Foundation
import KadResults
import KadSim
import KademliaCore

/// `kadsim sweep SCENARIO --set PATH=V1,V2,… [--set …] [--seeds N] [--lookup D:Q …] [--db PATH | --from PATH] [--shard I/N]`
struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Run a scenario over a grid of field values for every store and lookup variant, and tabulate poisoning.",
        discussion: """
            Each --set adds an axis (rows are every combination). Variants are the scenario's stores × the --lookup \
            options (default 1:1 and 3:2, that is plain lookups and 3 disjoint paths with quorum 2). Every run of a \
            seed shares that seed's churn and workload. Cells are mean ± 95% confidence half-width over seeds. \
            Example: kadsim sweep Scenarios/poisoning.json --set adversary.fraction=0,0.05,0.1,0.2,0.3 --seeds 5
            """)

    @Argument(help: ArgumentHelp("Scenario file (JSON).", valueName: "scenario"))
    var scenarioPath: String

    @Option(name: .customLong("set"), help: ArgumentHelp("An axis: a dotted field path and comma-separated values.", valueName: "path=v1,v2"))
    var axes: [String] = []

    @Option(help: ArgumentHelp("Run seeds 1...N instead of the scenario's seeds.", valueName: "n"))
    var seeds: Int?

    @Option(name: .customLong("lookup"), help: ArgumentHelp("A lookup variant, disjoint paths and quorum (repeatable).", valueName: "d:q"))
    var lookups: [String] = []

    @Option(help: ArgumentHelp("Results database. Default: Results/<scenario name>.sqlite.", valueName: "path"))
    var db: String?

    @OptionGroup var sharding: ShardingOptions
    @OptionGroup var parallelismOptions: ParallelismOptions

    func validate() throws {
        if sharding.from != nil, db != nil { throw ValidationError("--from reads stored runs: it takes no --db") }
    }

    func run() throws {
        HugePageHeap.enable()
        let scenario = try CommandSupport.loadScenario(scenarioPath)
        var parsedAxes: [SweepRunner.Axis] = []
        for text in axes {
            guard let axis = SweepRunner.Axis(assignment: text) else {
                throw ValidationError("--set \(text): expected PATH=V1,V2,… such as adversary.fraction=0,0.1,0.2")
            }
            parsedAxes.append(axis)
        }
        var lookupOptions: [(disjointPaths: Int, quorum: Int)] = []
        for text in lookups {
            let parts = text.split(separator: ":").map { Int($0) }
            guard parts.count == 2, let d = parts[0], let q = parts[1], d >= 1, q >= 1 else {
                throw ValidationError("--lookup \(text): expected D:Q with positive integers, such as 3:2")
            }
            lookupOptions.append((d, q))
        }
        if let seeds, seeds < 1 { throw ValidationError("--seeds \(seeds): expected at least 1") }
        let seedList = seeds.map { (1...UInt64($0)).map { $0 } } ?? scenario.seeds
        let runner = SweepRunner(
            scenario: scenario, axes: parsedAxes, seeds: seedList,
            variants: SweepVariant.grid(stores: scenario.stores, lookups: lookupOptions.isEmpty ? SweepVariant.defaultLookups : lookupOptions),
            parallelism: parallelismOptions.parallelism)
        do {
            try runner.validate()
        } catch {
            Console.error(error.description)
            throw ExitStatus.badScenario
        }
        let databasePath = sharding.from ?? db ?? CommandSupport.defaultDatabasePath(for: scenario)
        let database = try CommandSupport.openDatabase(databasePath)
        let total = runner.rows.count * seedList.count * runner.variants.count
        Console.line("\(scenario.name): \(runner.rows.count) rows × \(seedList.count) seeds × \(runner.variants.count) variants = \(total) runs")
        let share = sharding.parsedShard
        let result: SweepResult
        do {
            if sharding.from != nil {
                result = try runner.stored(in: database)
            } else {
                result = try runner.run(
                    database: database, kadsimVersion: KadsimVersion.current, startedAt: WallClock.system.timestamp, shard: share,
                    progress: { done, all, label in Console.error("[\(done)/\(all)] \(label)") })
            }
        } catch {
            Console.error("kadsim: database \(databasePath): \(Console.oneLine(String(describing: error)))")
            throw ExitStatus.database
        }
        if let share {
            sharding.printShardDone(share, wrote: result.runs.count, of: total, database: databasePath)
        } else {
            Console.write(result.report())
            Console.line("database \(databasePath)")
        }
    }
}
