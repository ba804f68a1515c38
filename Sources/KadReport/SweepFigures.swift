import KadResults
import KadSim
import KademliaCore

/// The charts and table of one sweep: poisoned-read fraction and lookup success against the swept value, per store
/// and lookup variant, with 95% intervals over seeds and the analytic disjoint-path estimate.
struct SweepFigures {
    struct Cell {
        var variant: SweepVariant
        var row: Int
        var poisoned: SummaryStatistics
        var success: SummaryStatistics
        var hops: SummaryStatistics
        var seeds: Int
        /// 1 - (1 - (1 - f)^h)^d for the row's hostile share f and the cell's mean hops h; nil without an adversary.
        var estimate: Double?
    }

    let group: ReportRuns.SweepGroup
    let id: String
    /// Distinct rows (one value per swept field), in the order of the x axis.
    let rows: [[String: String]]
    let variants: [SweepVariant]
    let cells: [Cell]

    init(group: ReportRuns.SweepGroup, database: ResultsDatabase, id: String) throws {
        self.group = group
        self.id = id
        var rows: [[String: String]] = []
        for cell in group.cells where !rows.contains(cell.row) { rows.append(cell.row) }
        let numeric = group.swept.count == 1 && rows.allSatisfy { Double($0[group.swept[0]] ?? "") != nil }
        self.rows = numeric
            ? rows.sorted { Double($0[group.swept[0]]!)! < Double($1[group.swept[0]]!)! }
            : rows.sorted { Self.rowLabel($0, axes: group.swept) < Self.rowLabel($1, axes: group.swept) }
        variants = Array(Set(group.cells.map(\.variant))).sorted {
            ($0.store.order, $0.disjointPaths, $0.quorum) < ($1.store.order, $1.disjointPaths, $1.quorum)
        }
        var cells: [Cell] = []
        for variant in variants {
            for (rowIndex, row) in self.rows.enumerated() {
                let members = group.cells.filter { $0.variant == variant && $0.row == row }
                guard !members.isEmpty else { continue }
                let summaries = try members.compactMap { try database.summary(runID: $0.run.id) }
                func statistics(_ metric: String) -> SummaryStatistics {
                    SummaryStatistics(summaries.map { $0.value(of: metric) ?? 0 })
                }
                let hops = statistics("hopsMean")
                let scenario = members[0].scenario
                let estimate = scenario.adversary.map { adversary in
                    SweepResult.disjointSuccessEstimate(
                        fraction: Double(adversary.hostileCount(nodes: scenario.network.nodes)) / Double(scenario.network.nodes),
                        hops: max(1, hops.mean), paths: variant.disjointPaths)
                }
                cells.append(Cell(variant: variant, row: rowIndex, poisoned: statistics("poisonedReadFraction"),
                                  success: statistics("lookupSuccess"), hops: hops, seeds: summaries.count, estimate: estimate))
            }
        }
        self.cells = cells
        self.numeric = numeric
    }

    private let numeric: Bool

    static func rowLabel(_ row: [String: String], axes: [String]) -> String {
        axes.map { axes.count == 1 ? row[$0] ?? "" : "\($0)=\(row[$0] ?? "")" }.joined(separator: ", ")
    }

    private var horizontal: Chart.Horizontal {
        let title = group.swept.joined(separator: ", ")
        return numeric ? .numeric(Chart.Axis(title: title)) : .categories(title: title, labels: rows.map { Self.rowLabel($0, axes: group.swept) })
    }

    private func x(_ row: Int) -> Double {
        numeric ? Double(rows[row][group.swept[0]]!)! : Double(row)
    }

    private func measured(_ metric: KeyPath<Cell, SummaryStatistics>) -> [Chart.Series] {
        variants.enumerated().map { index, variant in
            let points = cells.filter { $0.variant == variant }.map { cell in
                let percent = cell[keyPath: metric].scaled(by: 100)
                return Chart.Point(x: x(cell.row), y: percent.mean, low: percent.lower95, high: percent.upper95)
            }
            return Chart.Series(label: variant.description, style: .numbered(index), mark: .pointsWithErrorBars, points: points)
        }.clamped(to: 0...100)
    }

    func charts() -> [Chart] {
        let seeds = Set(group.cells.map(\.run.info.seed)).count
        let over = "mean over \(seeds) seed\(seeds == 1 ? "" : "s") with 95% intervals"
        var success = measured(\.success)
        for (index, variant) in variants.enumerated() {
            let points = cells.filter { $0.variant == variant }.compactMap { cell in
                cell.estimate.map { Chart.Point(x: x(cell.row), y: 100 * $0) }
            }
            if !points.isEmpty {
                success.append(Chart.Series(label: "\(variant.description) estimate", style: .numbered(index), mark: .estimate, points: points))
            }
        }
        return [
            Chart(id: "\(id)-poisoned", title: "Poisoned reads against \(group.swept.joined(separator: ", "))", caption:
                    "Share of reads that returned a forged or rolled-back record, per store and lookup variant (d disjoint paths, "
                    + "quorum q): \(over).",
                  x: horizontal, y: Chart.Axis(title: "poisoned reads (%)"), series: measured(\.poisoned)),
            Chart(id: "\(id)-lookup-success", title: "Lookup success against \(group.swept.joined(separator: ", "))", caption:
                    "Share of reads returning a genuine version: \(over). Dotted: the disjoint-path estimate "
                    + "1 − (1 − (1 − f)^h)^d, the chance that one of d paths of h hops (the cell's mean) meets no hostile node "
                    + "when a share f is hostile: what an eclipse attack leaves, a reference for other attacks.",
                  x: horizontal, y: Chart.Axis(title: "lookup success (%)", range: 0...100), series: success),
        ]
    }
}
