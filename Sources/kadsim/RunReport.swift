import Foundation
import KadResults
import KadSim
import KademliaCore

/// What `kadsim run` and `kadsim compare` print with `--json`: per run the summary, totals, digests and replay
/// command. `digest`, `churnTrace` and `workloadTrace` depend only on scenario, store and seed; the wall-clock
/// fields (`wallSeconds`, `simulationSeconds`, `eventsPerSecond`, `startedAt`, `peakMemoryKiB`) do not.
struct RunReport: Encodable {
    var scenario: String
    var scenarioFile: String
    var database: String?
    var runs: [Run]
    var wallSeconds: Double
    var peakMemoryKiB: Int

    struct Run: Encodable {
        var store: String
        var seed: UInt64
        var runID: Int64?
        var startedAt: String
        var summary: RunSummary
        var totals: Totals
        var digest: String
        var churnTrace: String
        var workloadTrace: String
        var wallSeconds: Double
        var simulationSeconds: Double
        var eventsPerSecond: Double
        var replay: String
    }

    struct Totals: Encodable {
        var events: Int
        var messages: Int
        var bytes: Int
        var onlineNodeSeconds: Double
        var measuredSeconds: Double
        var nodeCount: Int
        var peakOnlineNodes: Int
        var deadContactShareSamples: Int
    }

    init(scenarioFile: ScenarioReference, scenario: Scenario, database: String?, runs: [ExperimentRun], wallSeconds: Double) {
        self.scenario = scenario.name
        self.scenarioFile = scenarioFile.path
        self.database = database
        self.runs = runs.map { Self.run($0, scenario: scenarioFile) }
        self.wallSeconds = wallSeconds
        peakMemoryKiB = PeakMemory.kibibytes()
    }

    static func run(_ run: ExperimentRun, scenario: ScenarioReference) -> Run {
        let totals = run.result.totals
        return Run(
            store: run.storeMode.rawValue, seed: run.seed, runID: run.runID, startedAt: run.startedAt, summary: run.summary,
            totals: Totals(
                events: totals.events, messages: totals.messages, bytes: totals.bytes,
                onlineNodeSeconds: totals.onlineNodeSeconds, measuredSeconds: totals.measuredSeconds,
                nodeCount: totals.nodeCount, peakOnlineNodes: totals.peakOnlineNodes,
                deadContactShareSamples: totals.deadContactShareSamples.count),
            digest: run.result.digest.description, churnTrace: run.result.churnTrace.description,
            workloadTrace: run.result.workloadTrace.description, wallSeconds: run.wallSeconds,
            simulationSeconds: run.simulationSeconds, eventsPerSecond: run.eventsPerSecond,
            replay: ReplayCommand.run(scenario, store: run.storeMode, seed: run.seed))
    }

    /// Pretty-printed JSON with sorted keys and a trailing newline.
    static func json(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// The headline metrics, one column per run.
    static func summaryTable(_ runs: [ExperimentRun]) -> String {
        let rows: [(label: String, value: (RunSummary) -> String)] = [
            ("reads", { Format.count($0.reads) }),
            ("fresh fraction", { Format.metric($0.freshFraction) }),
            ("stale fraction", { Format.metric($0.staleFraction) }),
            ("missing fraction", { Format.metric($0.missingFraction) }),
            ("staleness age p50 (s)", { Format.metric($0.stalenessAgeP50) }),
            ("staleness age p90 (s)", { Format.metric($0.stalenessAgeP90) }),
            ("staleness age p99 (s)", { Format.metric($0.stalenessAgeP99) }),
            ("staleness age max (s)", { Format.metric($0.stalenessAgeMax) }),
            ("latency p50 (ms)", { Format.metric($0.latencyP50) }),
            ("latency p99 (ms)", { Format.metric($0.latencyP99) }),
            ("messages / node / s", { Format.metric($0.messagesPerNodePerSecond) }),
            ("bytes / node / s", { Format.metric($0.bytesPerNodePerSecond) }),
            ("mean online nodes", { Format.metric($0.meanOnlineNodes) }),
            ("dead-contact share", { $0.deadContactSamples > 0 ? Format.metric($0.deadContactShare) : "not sampled" }),
            ("answered from own copy", { Format.metric($0.ownCopyFraction) }),
            ("  of which stale", { Format.metric($0.ownCopyStaleFraction) }),
        ]
        let seeds = Set(runs.map(\.seed))
        let labels = runs.map { seeds.count > 1 ? "\($0.storeMode.rawValue) #\($0.seed)" : $0.storeMode.rawValue }
        var table = TextTable(header: ["metric"] + labels)
        for row in rows { table.rows.append([row.label] + runs.map { row.value($0.summary) }) }
        // Next to the mean: how many nodes the scenario has and how many were ever online at once.
        table.rows.append(["peak online nodes"] + runs.map { Format.count($0.result.totals.peakOnlineNodes) })
        table.rows.append(["nodes"] + runs.map { Format.count($0.result.totals.nodeCount) })
        return table.render()
    }

    /// One row per run: store, seed, run id, events, wall time and rate; then the command that replays each run.
    static func runLines(_ runs: [ExperimentRun], scenario: ScenarioReference) -> String {
        var table = TextTable(header: ["store", "seed", "run", "events", "wall", "events/s"])
        for run in runs {
            table.rows.append([
                run.storeMode.rawValue, String(run.seed), run.runID.map(String.init) ?? "-", Format.count(run.events),
                Format.seconds(run.wallSeconds), Format.whole(run.eventsPerSecond),
            ])
        }
        var text = table.render() + "\n"
        for run in runs {
            text += "replay: \(ReplayCommand.run(scenario, store: run.storeMode, seed: run.seed))\n"
        }
        return text
    }

    /// The share of the scenario's nodes a run must have had online at once for `bench` to stay quiet.
    static let peakOnlineWarningShare = 0.9

    /// A warning when fewer than 90% of the nodes were ever online at once, so a run that simulated a smaller
    /// network than the scenario names does not go unnoticed; nil otherwise.
    static func onlineWarning(_ run: ExperimentRun) -> String? {
        let totals = run.result.totals
        guard Double(totals.peakOnlineNodes) < peakOnlineWarningShare * Double(totals.nodeCount) else { return nil }
        return "kadsim: warning: at most \(Format.count(totals.peakOnlineNodes)) of \(Format.count(totals.nodeCount)) nodes "
            + "were online at once; without network.joinOver or network.start \"warm\" the initial joins are 50 ms apart"
    }

    /// `events 1,234 in 1.20 s wall (1,028 events/s), peak memory 45.1 MiB`.
    static func totalsLine(_ runs: [ExperimentRun], wallSeconds: Double) -> String {
        let events = runs.map(\.events).reduce(0, +)
        let simulation = runs.map(\.simulationSeconds).reduce(0, +)
        let rate = simulation > 0 ? Double(events) / simulation : 0
        return "events \(Format.count(events)) in \(Format.seconds(wallSeconds)) wall (\(Format.whole(rate)) events/s), "
            + "peak memory \(Format.memory(kibibytes: PeakMemory.kibibytes()))"
    }
}
