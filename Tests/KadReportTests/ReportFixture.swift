import Foundation
import KadResults
import KadSim
import KademliaCore

/// One results database shared by the report tests: the tiny churn scenario for both stores and two seeds, a sweep
/// of the hostile share over two stores and lookups (with the warm-up set to one value, a constant), and one run that never completed.
enum ReportFixture {
    static let tinyJSON = try! String(
        contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Shared/tiny-churn.json"),
        encoding: .utf8)

    static let tiny: Scenario = try! ScenarioLoader.decode(data: Data(tinyJSON.utf8), fileName: "tiny.json")

    static let sweepScenario = Scenario(
        name: "hostile", duration: 15 * Time.minute, warmup: 5 * Time.minute, stores: [.plain, .signed],
        network: Scenario.Network(nodes: 20, latency: .constant(20 * Time.millisecond)), kademlia: Scenario.Kademlia(k: 5),
        workload: Scenario.Workload(readsPerNodePerHour: 60, userFraction: 0.5),
        adversary: Scenario.Adversary(kind: .eclipse, size: .fraction(0)))

    static let sweep = SweepRunner(
        scenario: sweepScenario,
        axes: [SweepRunner.Axis(assignment: "adversary.fraction=0,0.1,0.25")!, SweepRunner.Axis(assignment: "warmup=5m")!], seeds: [1, 2],
        variants: SweepVariant.grid(stores: [.plain, .signed], lookups: [(1, 1), (2, 1)]))

    static func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("kadsim-report-\(UUID().uuidString)/results.sqlite").path
    }

    static let clock = WallClock(seconds: { 100 }, timestamp: { "2025-01-02T03:04:05Z" })

    static let path: String = {
        let path = temporaryPath()
        let database = try! ResultsDatabase(path: path)
        _ = try! ExperimentRunner(scenario: tiny, database: database, kadsimVersion: "test", clock: clock)
            .run(stores: [.plain, .timestamped], seeds: [1, 2])
        _ = try! sweep.run(database: database, kadsimVersion: "test", startedAt: { "2025-01-02T03:04:05Z" })
        _ = try! database.beginRun(RunInfo(
            scenarioName: "tiny", scenarioJSON: tiny.jsonText(), storeMode: .plain, seed: 9, kadsimVersion: "test",
            startedAt: "2025-01-02T03:04:05Z"))
        return path
    }()

    static var database: ResultsDatabase { try! ResultsDatabase(path: path) }
}
