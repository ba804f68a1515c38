import Foundation
import KadResults
import KadSim
import KademliaCore

/// The runs of a results database sorted into what a report shows: scenarios (runs of `run`, `compare` and `check`,
/// one group per distinct scenario JSON) and sweeps (runs of `sweep`, one group per scenario name and swept fields).
/// Incomplete runs, repeats of a run already taken and runs whose scenario cannot be read are left out and listed.
struct ReportRuns {
    struct ScenarioGroup {
        var name: String
        var json: String
        var scenario: Scenario
        /// The earliest completed run of every (store, seed), in id order.
        var runs: [StoredRun]
        var stores: [StoreMode] { StoreMode.allCases.filter { store in runs.contains { $0.info.storeMode == store } } }
    }

    struct SweepCell {
        var run: StoredRun
        var variant: SweepVariant
        var row: [String: String]
        var scenario: Scenario
    }

    struct SweepGroup {
        var name: String
        /// Swept fields, in path order.
        var axes: [String]
        /// One run per (variant, row, seed), in id order.
        var cells: [SweepCell]

        /// The fields whose value changes between cells (all of them if none does): the x axis.
        var swept: [String] {
            let varying = axes.filter { axis in Set(cells.map { $0.row[axis] }).count > 1 }
            return varying.isEmpty ? axes : varying
        }

        /// Fields set to one value for the whole sweep (`--set duration=20m` beside the swept field).
        var fixed: [String] {
            axes.filter { !swept.contains($0) }.map { "\($0)=\(cells[0].row[$0] ?? "")" }
        }
    }

    struct LeftOut {
        var run: StoredRun
        var reason: String
    }

    var scenarios: [ScenarioGroup] = []
    var sweeps: [SweepGroup] = []
    var leftOut: [LeftOut] = []

    /// Every run the report is made from, in id order.
    var used: [StoredRun] {
        (scenarios.flatMap(\.runs) + sweeps.flatMap { $0.cells.map(\.run) }).sorted { $0.id < $1.id }
    }

    init(_ runs: [StoredRun]) {
        var scenarioIndex: [String: Int] = [:]
        var sweepIndex: [String: Int] = [:]
        var taken: Set<String> = []
        for run in runs.sorted(by: { $0.id < $1.id }) {
            guard run.completed else {
                leftOut.append(LeftOut(run: run, reason: run.error.map { "incomplete: \($0)" } ?? "incomplete"))
                continue
            }
            let key = [run.info.scenarioJSON, run.info.storeMode.rawValue, String(run.info.seed), run.variant].joined(separator: "\u{1}")
            guard taken.insert(key).inserted else {
                leftOut.append(LeftOut(run: run, reason: "repeats an earlier run with the same scenario, store, seed and variant"))
                continue
            }
            let scenario: Scenario
            do {
                scenario = try ScenarioLoader.decode(data: Data(run.info.scenarioJSON.utf8), fileName: "run \(run.id)")
            } catch {
                leftOut.append(LeftOut(run: run, reason: "scenario unreadable: \(error)"))
                continue
            }
            if run.variant.isEmpty {
                if let index = scenarioIndex[run.info.scenarioJSON] {
                    scenarios[index].runs.append(run)
                } else {
                    scenarioIndex[run.info.scenarioJSON] = scenarios.count
                    scenarios.append(ScenarioGroup(name: run.info.scenarioName, json: run.info.scenarioJSON, scenario: scenario, runs: [run]))
                }
            } else if let (variant, row) = SweepLabel.parse(run.variant) {
                let axes = row.keys.sorted()
                let sweepKey = ([run.info.scenarioName] + axes).joined(separator: "\u{1}")
                let cell = SweepCell(run: run, variant: variant, row: row, scenario: scenario)
                if let index = sweepIndex[sweepKey] {
                    sweeps[index].cells.append(cell)
                } else {
                    sweepIndex[sweepKey] = sweeps.count
                    sweeps.append(SweepGroup(name: run.info.scenarioName, axes: axes, cells: [cell]))
                }
            } else {
                leftOut.append(LeftOut(run: run, reason: "unknown variant label \(run.variant)"))
            }
        }
    }

    /// "churn", or "churn (configuration 2 of 3)" when several scenario files or overrides share the name.
    func title(of group: ScenarioGroup) -> String {
        let namesakes = scenarios.filter { $0.name == group.name }
        guard namesakes.count > 1, let position = namesakes.firstIndex(where: { $0.json == group.json }) else { return group.name }
        return "\(group.name) (configuration \(position + 1) of \(namesakes.count))"
    }
}
