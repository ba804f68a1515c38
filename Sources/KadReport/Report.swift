import KadResults
import KadSim

/// `kadsim report`: a results database as one self-contained HTML page (inline SVG, no scripts, nothing fetched):
/// a section per scenario and per sweep, and the runs it was made from with their replay commands.
public struct Report: Sendable {
    /// What the page holds, for the command's closing line and for checks of the render.
    public struct Outline: Sendable, Hashable {
        public var scenarios: Int
        public var sweeps: Int
        public var runs: Int
        public var leftOut: Int
        /// The id of every chart, in page order.
        public var charts: [String]
    }

    public let html: String
    public let outline: Outline

    /// The report of every run in `database`, or only of the scenario named `scenarioName`; `source` names the
    /// database in the page. Same database, same page, byte for byte.
    public init(database: ResultsDatabase, source: String, scenarioName: String? = nil) throws {
        var stored = try database.runs()
        if let scenarioName {
            let names = Array(Set(stored.map(\.info.scenarioName))).sorted()
            guard names.contains(scenarioName) else { throw ReportError.unknownScenario(scenarioName, known: names) }
            stored = stored.filter { $0.info.scenarioName == scenarioName }
        }
        let runs = ReportRuns(stored)
        guard !runs.used.isEmpty else { throw ReportError.noCompletedRuns(leftOut: runs.leftOut.count) }

        var body = ""
        var contents: [(title: String, anchor: String)] = []
        var charts: [String] = []
        var replays: [Int64: RunList.Replay] = [:]
        var sections: [Int64: (title: String, anchor: String)] = [:]

        for (index, group) in runs.scenarios.enumerated() {
            let title = runs.title(of: group)
            let anchor = "scenario-\(index + 1)"
            let fileName = ReportIdentifier.slug(title) + ".json"
            let figures = try ScenarioFigures(group: group, database: database, id: anchor)
            let scenarioCharts = try figures.charts()
            body += ScenarioSection(title: title, anchor: anchor, fileName: fileName, group: group, figures: figures, charts: scenarioCharts).html()
            charts += scenarioCharts.map(\.id)
            contents.append(("Scenario \(title)", anchor))
            for run in group.runs {
                replays[run.id] = RunList.Replay(fileName: fileName)
                sections[run.id] = (title, anchor)
            }
        }
        for (index, group) in runs.sweeps.enumerated() {
            let title = "\(group.name): \(group.swept.joined(separator: ", "))"
            let anchor = "sweep-\(index + 1)"
            let fileName = ReportIdentifier.slug("\(group.name) sweep \(index + 1)") + ".json"
            let figures = try SweepFigures(group: group, database: database, id: anchor)
            let sweepCharts = figures.charts()
            body += SweepSection(title: title, anchor: anchor, fileName: fileName, figures: figures, charts: sweepCharts).html()
            charts += sweepCharts.map(\.id)
            contents.append(("Sweep \(title)", anchor))
            for cell in group.cells {
                replays[cell.run.id] = RunList.Replay(fileName: fileName, overrides: RunList.sweepOverrides(cell))
                sections[cell.run.id] = (title, anchor)
            }
        }
        body += RunList(used: runs.used, leftOut: runs.leftOut, replays: replays, sections: sections).html()

        let leftOut = runs.leftOut.count
        var header = "<h1>kadsim report</h1>\n<p>From <code>\(HTML.escape(source))</code>"
        if let scenarioName { header += ", scenario <b>\(HTML.escape(scenarioName))</b>" }
        header += ": \(runs.used.count) completed run\(runs.used.count == 1 ? "" : "s") in \(runs.scenarios.count) scenario"
            + "\(runs.scenarios.count == 1 ? "" : "s") and \(runs.sweeps.count) sweep\(runs.sweeps.count == 1 ? "" : "s"); "
            + (leftOut == 0 ? "no run left out" : "\(leftOut) run\(leftOut == 1 ? "" : "s") left out (incomplete or repeated; see Runs)")
            + ". Made by kadsim \(HTML.escape(KadsimVersion.current)).</p>\n"
        header += "<nav><ul>\n" + (contents + [("Runs", "runs")]).map { "<li><a href=\"#\($0.anchor)\">\(HTML.escape($0.title))</a></li>\n" }.joined()
            + "</ul></nav>\n"

        html = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>kadsim report: \(HTML.escape(source))</title>
            <style>
            \(ReportStyleSheet.css)
            </style>
            </head>
            <body>
            <main>
            \(header)\(body)</main>
            </body>
            </html>

            """
        outline = Outline(scenarios: runs.scenarios.count, sweeps: runs.sweeps.count, runs: runs.used.count, leftOut: leftOut, charts: charts)
    }
}
