import Foundation
import KadSim
import KademliaCore

/// The runs of a sweep and the tables `kadsim sweep` prints.
public struct SweepResult: Sendable {
    public struct Run: Sendable, Hashable {
        public var row: Int
        public var variant: Int
        public var seed: UInt64
        public var summary: RunSummary
    }

    public var axes: [SweepRunner.Axis]
    public var rows: [[String: String]]
    public var variants: [SweepVariant]
    public var seeds: [UInt64]
    public var runs: [Run]
    public var nodes: Int
    public var adversaryKind: Scenario.Adversary.Kind?
    /// The scenario's own hostile share (used when no row sets `adversary.fraction` or `adversary.count`).
    public var adversaryFraction: Double?

    /// The summaries of one cell, in seed order.
    public func summaries(row: Int, variant: Int) -> [RunSummary] {
        runs.filter { $0.row == row && $0.variant == variant }.sorted { $0.seed < $1.seed }.map(\.summary)
    }

    public func statistics(_ metric: String, row: Int, variant: Int) -> SummaryStatistics {
        SummaryStatistics(summaries(row: row, variant: variant).map { $0.value(of: metric) ?? 0 })
    }

    /// The hostile share of a row: its `adversary.fraction` or `adversary.count`, else the scenario's.
    public func hostileFraction(row: Int) -> Double? {
        if let text = rows[row]["adversary.fraction"], let share = Double(text) { return share }
        if let text = rows[row]["adversary.count"], let count = Double(text) { return count / Double(nodes) }
        return adversaryFraction
    }

    func rowLabel(_ row: Int) -> String {
        axes.map { rows[row][$0.path] ?? "" }.joined(separator: " ")
    }

    /// Rows = swept values, columns = variants, cells = mean of `metric` ± 95% half-width over seeds.
    public func table(_ metric: String) -> String {
        var table = TextTable(header: [axes.map(\.path).joined(separator: " ")] + variants.map(\.description))
        for row in rows.indices {
            table.rows.append([rowLabel(row)] + variants.indices.map { statistics(metric, row: row, variant: $0).formatted })
        }
        return table.render()
    }

    /// The S/Kademlia estimate that a lookup of `hops` hops over `paths` disjoint paths meets at least one path
    /// free of hostile nodes, when a share `fraction` of nodes is hostile: 1 - (1 - (1 - f)^h)^d.
    public static func disjointSuccessEstimate(fraction: Double, hops: Double, paths: Int) -> Double {
        1 - pow(1 - pow(1 - fraction, hops), Double(paths))
    }

    /// Measured lookup success next to the analytic estimate, with h the mean hops of the cell's reads.
    public func eclipseTable() -> String {
        var table = TextTable(header: [axes.map(\.path).joined(separator: " ")] + variants.map { "\($0) measured" } + variants.map { "\($0) estimate" })
        for row in rows.indices {
            var cells = [rowLabel(row)]
            cells += variants.indices.map { statistics("lookupSuccess", row: row, variant: $0).formatted }
            cells += variants.indices.map { variant -> String in
                guard let fraction = hostileFraction(row: row) else { return "-" }
                let hops = max(1, statistics("hopsMean", row: row, variant: variant).mean)
                return SummaryStatistics.format(Self.disjointSuccessEstimate(
                    fraction: fraction, hops: hops, paths: variants[variant].disjointPaths))
            }
            table.rows.append(cells)
        }
        return table.render()
    }

    /// Cost of each variant over the whole grid: messages per read and their excess over the same store's
    /// plain lookups, bytes per node-second, and signatures verified per node-second.
    public func costTable() -> String {
        var table = TextTable(header: [
            "variant", "messagesPerRead", "extra vs plain lookups", "bytesPerNodePerSecond", "signaturesVerifiedPerNodePerSecond",
        ])
        func mean(_ metric: String, _ variant: Int) -> Double {
            let values = runs.filter { $0.variant == variant }.map { $0.summary.value(of: metric) ?? 0 }
            return values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
        }
        for (index, variant) in variants.enumerated() {
            let messages = mean("messagesPerRead", index)
            let baseline = variants.firstIndex { $0.store == variant.store && $0.disjointPaths == 1 && $0.quorum == 1 }
            let extra = baseline.map { messages - mean("messagesPerRead", $0) }
            table.rows.append([
                variant.description, SummaryStatistics.format(messages), extra.map(SummaryStatistics.format) ?? "-",
                SummaryStatistics.format(mean("bytesPerNodePerSecond", index)),
                SummaryStatistics.format(mean("signaturesVerifiedPerNodePerSecond", index)),
            ])
        }
        return table.render()
    }

    /// Everything `kadsim sweep` prints after the runs.
    public func report() -> String {
        var text = "poisoned-read fraction (forged + rollback), mean ± 95% CI over \(seeds.count) seed\(seeds.count == 1 ? "" : "s")\n"
        text += table("poisonedReadFraction")
        text += "\nlookup success (reads returning a genuine version)\n" + table("lookupSuccess")
        if adversaryKind == .eclipse {
            text += "\neclipse: measured lookup success and the disjoint-path estimate 1-(1-(1-f)^h)^d (h = mean hops)\n"
            text += eclipseTable()
        }
        text += "\ncost per variant (all rows and seeds)\n" + costTable()
        return text
    }
}
