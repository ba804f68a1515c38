import ArgumentParser
import KadSim

/// `kadsim validate SCENARIO`
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Load and validate a scenario file without running it.")

    @Argument(help: ArgumentHelp("Scenario file (JSON).", valueName: "scenario"))
    var scenarioPath: String

    func run() throws {
        let scenario = try CommandSupport.loadScenario(scenarioPath)
        var details = [
            "\(Format.count(scenario.network.nodes)) nodes",
            HumanDuration.format(scenario.duration),
            "stores \(Format.stores(scenario.stores))",
            "seed\(scenario.seeds.count == 1 ? "" : "s") \(Format.seeds(scenario.seeds))",
        ]
        if !scenario.expect.isEmpty { details.append("\(scenario.expect.count) bound\(scenario.expect.count == 1 ? "" : "s")") }
        Console.line("\(scenarioPath): ok (\(details.joined(separator: ", ")))")
    }
}
