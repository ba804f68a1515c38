import KadResults
import KadSim
import KademliaCore

/// The part of a report about one scenario: what was run, a summary table per store, the charts, and the scenario
/// JSON that replays its runs.
struct ScenarioSection {
    let title: String
    let anchor: String
    /// The name under which the scenario JSON replays the runs (`kadsim run FILE --store S --seed N`).
    let fileName: String
    let group: ReportRuns.ScenarioGroup
    let figures: ScenarioFigures
    let charts: [Chart]

    /// Rows of the summary table: metric, label, and the factor that turns the stored value into the shown unit.
    private static let tableRows: [(metric: String, label: String, factor: Double)] = [
        ("reads", "reads", 1), ("staleFraction", "stale reads (%)", 100), ("missingFraction", "missing reads (%)", 100),
        ("stalenessAgeP50", "staleness age p50 (s)", 1), ("stalenessAgeP90", "staleness age p90 (s)", 1),
        ("stalenessAgeP99", "staleness age p99 (s)", 1), ("versionLagMean", "version lag, mean", 1),
        ("latencyP50", "latency p50 (ms)", 1), ("latencyP99", "latency p99 (ms)", 1), ("hopsMean", "hops, mean", 1),
        ("messagesPerRead", "messages per read", 1), ("ownCopyFraction", "answered from own copy (%)", 100),
        ("meanOnlineNodes", "online nodes, mean", 1),
    ]

    private static let poisoningRows: [(metric: String, label: String, factor: Double)] = [
        ("poisonedReadFraction", "poisoned reads (%)", 100), ("lookupSuccess", "lookup success (%)", 100),
    ]

    func html() -> String {
        let scenario = group.scenario
        let seeds = Array(Set(group.runs.map(\.info.seed))).sorted()
        var text = "<section id=\"\(anchor)\">\n<h2>Scenario \(HTML.escape(title))</h2>\n"
        if let description = scenario.description { text += "<p>\(HTML.escape(description))</p>\n" }
        text += "<p>\(scenario.network.nodes) nodes, \(HumanDuration.format(scenario.duration)) measured after a "
            + "\(HumanDuration.format(scenario.warmup)) warm-up; stores \(group.stores.map(\.rawValue).joined(separator: ", ")); "
            + "seed\(seeds.count == 1 ? "" : "s") \(seeds.map(String.init).joined(separator: ", ")) "
            + "(\(group.runs.count) run\(group.runs.count == 1 ? "" : "s")).</p>\n"
        text += "<p>\(HTML.escape(Self.settings(of: scenario)))</p>\n"
        text += summaryTable()
        text += "<div class=\"charts\">\n" + charts.map(Figure.html).joined() + "</div>\n"
        text += "<details><summary>Scenario JSON (saved as <code>\(HTML.escape(fileName))</code> it replays the runs listed "
            + "under Runs)</summary>\n<pre>\(HTML.escape(group.json))</pre>\n</details>\n</section>\n"
        return text
    }

    /// The protocol settings a reader needs to tell runs of one file with other overrides apart.
    static func settings(of scenario: Scenario) -> String {
        let kademlia = scenario.kademlia
        var parts = ["k \(kademlia.k)", "α \(kademlia.alpha)"]
        if kademlia.compatibility != .paper { parts.append("compatibility \(kademlia.compatibility.rawValue)") }
        if kademlia.disjointPaths != 1 || kademlia.quorum != 1 { parts.append("d \(kademlia.disjointPaths), q \(kademlia.quorum)") }
        if let adversary = scenario.adversary {
            parts.append("adversary \(adversary.kind.rawValue), \(adversary.hostileCount(nodes: scenario.network.nodes)) hostile nodes")
        }
        return "Kademlia: " + parts.joined(separator: ", ") + "."
    }

    private func summaryTable() -> String {
        let stores = group.stores
        let rows = Self.tableRows + (group.scenario.adversary == nil ? [] : Self.poisoningRows)
        var text = "<div class=\"table-wrap\"><table class=\"summary\">\n<caption>Mean ± 95% confidence half-width over seeds</caption>\n"
        text += "<tr><th>metric</th>" + stores.map { "<th>\($0.rawValue)</th>" }.joined() + "</tr>\n"
        for row in rows {
            text += "<tr><td>\(HTML.escape(row.label))</td>"
            for store in stores {
                text += "<td>\(HTML.escape(figures.statistics(row.metric, store: store).scaled(by: row.factor).formatted))</td>"
            }
            text += "</tr>\n"
        }
        return text + "</table></div>\n"
    }
}
