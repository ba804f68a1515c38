import KadSim
import KademliaCore
import Foundation
let scenario = try ScenarioLoader.load(path: CommandLine.arguments[1])
for mode in StoreMode.allCases {
    let start = Date()
    let sim = Simulation(scenario: scenario, storeMode: mode, seed: 1)
    sim.progress = { now, events in FileHandle.standardError.write("t=\(now / 1_000_000)s events=\(events)\n".data(using: .utf8)!) }
    let result = sim.run()
    print(mode, result.totals.events, Date().timeIntervalSince(start), result.churnTrace, result.workloadTrace)
    for (name, value) in result.summary.metrics { print("  \(name) = \(value)") }
}
