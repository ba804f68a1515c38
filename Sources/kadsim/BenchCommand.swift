import ArgumentParser
import Foundation
import KadResults
import KadSim
import KademliaCore

/// `kadsim bench [SCENARIO] [--store S] [--seed N]`
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Time one run of a scenario without writing a database.")

    @Argument(help: ArgumentHelp("Scenario file (JSON).", valueName: "scenario"))
    var scenarioPath = "Scenarios/bench-10k.json"

    @Option(help: "Store to simulate. Default: the scenario's first store.")
    var store: StoreMode?

    @Option(help: "Seed. Default: the scenario's first seed.")
    var seed: UInt64?

    func run() throws {
        let scenario = try CommandSupport.loadScenario(scenarioPath)
        let store = self.store ?? scenario.stores[0]
        let seed = self.seed ?? scenario.seeds[0]
        let runs = try CommandSupport.execute(scenario, database: nil, databasePath: nil, stores: [store], seeds: [seed])
        let run = runs[0]
        Console.line("\(Format.scenario(scenario)), store \(store.rawValue), seed \(seed)")
        var table = TextTable(header: ["measure", "value"])
        table.rows = [
            ["events", Format.count(run.events)],
            ["wall seconds", String(format: "%.2f", run.simulationSeconds)],
            ["events / wall second", Format.whole(run.eventsPerSecond)],
            ["speed-up (virtual s / wall s)", Format.whole(run.speedup)],
            ["peak memory", Format.memory(kibibytes: PeakMemory.kibibytes())],
            ["reads", Format.count(run.summary.reads)],
        ]
        Console.write(table.render())
        Console.line("replay: kadsim bench \(ReplayCommand.shellQuoted(scenarioPath)) --store \(store.rawValue) --seed \(seed)")
    }
}
