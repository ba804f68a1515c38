import ArgumentParser
import KadResults
import KadSim

/// The scenario argument and `--set PATH=VALUE` overrides that `run`, `compare` and `check` share.
struct ScenarioOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("Scenario file (JSON).", valueName: "scenario"))
    var path: String

    @Option(
        name: .customLong("set"),
        help: ArgumentHelp(
            "Replace a scenario field by dotted path, e.g. duration=6h or kademlia.headCheckAfter=15m (repeatable).",
            valueName: "path=value"))
    var overrides: [String] = []

    var reference: ScenarioReference { ScenarioReference(path: path, overrides: overrides) }

    /// The scenario with the overrides applied; a bad file or override exits 2 with one line.
    func load() throws -> Scenario { try CommandSupport.loadScenario(path, overriding: overrides) }
}
