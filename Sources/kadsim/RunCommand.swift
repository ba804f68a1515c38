import ArgumentParser
import KadResults
import KadSim
import KademliaCore

/// `kadsim run SCENARIO [--set PATH=VALUE …] [--store S] [--seed N] [--db PATH] [--json]`
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Simulate a scenario for one seed and write every run to the results database.")

    @OptionGroup var scenarioFile: ScenarioOptions

    @Option(help: "Store to simulate: plain, timestamped or signed. Default: every store in the scenario.")
    var store: StoreMode?

    @Option(help: "Seed. Default: the scenario's first seed.")
    var seed: UInt64?

    @Option(help: ArgumentHelp("Results database. Default: Results/<scenario name>.sqlite.", valueName: "path"))
    var db: String?

    @OptionGroup var parallelismOptions: ParallelismOptions
    @OptionGroup var heartbeat: HeartbeatOptions

    @Flag(help: "Print one JSON document (summaries, totals, digests, run ids) instead of text.")
    var json = false

    func run() throws {
        HugePageHeap.enable()
        let scenario = try scenarioFile.load()
        let stores = store.map { [$0] } ?? scenario.stores
        let seed = self.seed ?? scenario.seeds[0]
        let databasePath = db ?? CommandSupport.defaultDatabasePath(for: scenario)
        let database = try CommandSupport.openDatabase(databasePath)
        let start = WallClock.system.seconds()
        let runs = try CommandSupport.execute(scenario, database: database, databasePath: databasePath, stores: stores, seeds: [seed],
            parallelism: parallelismOptions.parallelism, heartbeat: heartbeat)
        let wallSeconds = WallClock.system.seconds() - start

        if json {
            Console.write(RunReport.json(RunReport(
                scenarioFile: scenarioFile.reference, scenario: scenario, database: databasePath, runs: runs, wallSeconds: wallSeconds)))
            return
        }
        Console.line("\(Format.scenario(scenario)), seed \(seed)")
        Console.line()
        Console.write(RunReport.summaryTable(runs))
        Console.line()
        Console.write(RunReport.runLines(runs, scenario: scenarioFile.reference))
        Console.line()
        Console.line(RunReport.totalsLine(runs, wallSeconds: wallSeconds))
        let ids = runs.compactMap(\.runID).map(String.init).joined(separator: ", ")
        Console.line("database \(databasePath), run \(ids)")
    }
}
