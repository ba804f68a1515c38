import Foundation
import KadResults
import KadSim
import KademliaCore
import Testing

@testable import KadReport

@Suite("Report")
struct ReportTests {
    static let report = try! Report(database: ReportFixture.database, source: "results.sqlite")

    @Test func everyChartOfEverySectionIsInThePage() throws {
        let outline = Self.report.outline
        #expect(outline.scenarios == 1)
        #expect(outline.sweeps == 1)
        #expect(outline.runs == 4 + 24)
        let scenarioKinds = ["stale", "missing", "staleness-age", "version-lag", "online", "latency",
                             "messages-per-node-per-second", "bytes-per-node-per-second"]
        #expect(outline.charts == scenarioKinds.map { "scenario-1-\($0)" } + ["sweep-1-poisoned", "sweep-1-lookup-success"])
        let html = Self.report.html
        for id in outline.charts {
            let figure = try #require(html.range(of: "<figure class=\"figure\" id=\"\(id)\">"), "\(id)")
            let svg = try #require(html.range(of: "<svg class=\"chart\"", range: figure.upperBound..<html.endIndex))
            #expect(html[figure.upperBound..<svg.lowerBound].count < 300, "\(id) has its own SVG")
        }
        #expect(html.components(separatedBy: "<svg class=\"chart\"").count - 1 == outline.charts.count)
        #expect(!html.contains("no data"), "every chart of the fixture has data")
    }

    @Test func thePageLoadsNothingAndRunsNothing() {
        let html = Self.report.html.lowercased()
        for forbidden in ["<script", "<link", "<img", "<iframe", "src=", "@import", "url(http", "https://"] {
            #expect(!html.contains(forbidden), "\(forbidden)")
        }
        let addresses = html.components(separatedBy: "http://").dropFirst()
        #expect(addresses.allSatisfy { $0.hasPrefix("www.w3.org/2000/svg") }, "only the SVG namespace")
    }

    @Test func incompleteRunsAreLeftOutAndCounted() throws {
        #expect(Self.report.outline.leftOut == 1)
        #expect(Self.report.html.contains("1 run left out"))
        let leftOut = try #require(Self.report.html.range(of: "<h3>Left out (1)</h3>"))
        #expect(Self.report.html[leftOut.upperBound...].contains("<td>9</td><td>incomplete</td>"))
    }

    @Test func theSameDatabaseGivesTheSamePage() throws {
        #expect(try Report(database: ReportFixture.database, source: "results.sqlite").html == Self.report.html)
    }

    @Test func aScenarioCanBeChosenAndAnUnknownOneIsNamed() throws {
        let tiny = try Report(database: ReportFixture.database, source: "results.sqlite", scenarioName: "tiny")
        #expect(tiny.outline.scenarios == 1 && tiny.outline.sweeps == 0 && tiny.outline.runs == 4)
        #expect(throws: ReportError.unknownScenario("churn", known: ["hostile", "tiny"])) {
            try Report(database: ReportFixture.database, source: "results.sqlite", scenarioName: "churn")
        }
    }

    @Test func aDatabaseWithNothingCompletedIsRefused() throws {
        let database = try ResultsDatabase(path: ReportFixture.temporaryPath())
        #expect(throws: ReportError.noCompletedRuns(leftOut: 0)) { try Report(database: database, source: "empty.sqlite") }
    }

    /// The stale share drawn at each minute is the mean over seeds of each run's stale reads / reads that minute.
    @Test func staleChartIsTheMeanOverSeedsOfEachMinute() throws {
        let database = ReportFixture.database
        let runs = ReportRuns(try database.runs())
        let group = try #require(runs.scenarios.first)
        let chart = try #require(try ScenarioFigures(group: group, database: database, id: "s").charts().first { $0.id == "s-stale" })
        let plain = try #require(chart.series.first { $0.label == "plain" })
        let plainRuns = group.runs.filter { $0.info.storeMode == .plain }
        #expect(plainRuns.count == 2)
        let series = try plainRuns.map { try database.series(runID: $0.id) }
        var checked = 0
        for point in plain.points {
            let shares = series.compactMap { run in
                run.first { $0.minute == Int(point.x) && $0.reads > 0 }.map { 100 * Double($0.staleReads) / Double($0.reads) }
            }
            #expect(abs(point.y - shares.reduce(0, +) / Double(shares.count)) < 1e-9)
            #expect((point.low != nil) == (shares.count == 2), "a band only where both seeds read")
            checked += 1
        }
        #expect(checked > 5)
    }

    @Test func sweepCellsHaveIntervalsAndTheDisjointPathEstimate() throws {
        let database = ReportFixture.database
        let group = try #require(ReportRuns(try database.runs()).sweeps.first)
        #expect(group.axes == ["adversary.fraction", "warmup"])
        #expect(group.swept == ["adversary.fraction"], "a field given one value is no axis")
        #expect(group.fixed == ["warmup=5m"])
        let figures = try SweepFigures(group: group, database: database, id: "w")
        #expect(figures.rows.map { $0["adversary.fraction"] } == ["0", "0.1", "0.25"])
        #expect(figures.variants.map(\.description) == ["plain", "plain d=2 q=1", "signed", "signed d=2 q=1"])
        #expect(figures.cells.count == 12)
        for cell in figures.cells {
            #expect(cell.seeds == 2)
            #expect(cell.success.halfWidth95 != nil)
            let fraction = [0, 0.1, 0.25][cell.row]
            let hostile = Double(Int((fraction * 20).rounded())) / 20
            let expected = SweepResult.disjointSuccessEstimate(fraction: hostile, hops: max(1, cell.hops.mean), paths: cell.variant.disjointPaths)
            #expect(abs(try #require(cell.estimate) - expected) < 1e-12)
        }
        let success = try #require(figures.charts().last)
        #expect(success.series.filter { $0.mark == .estimate }.count == 4)
        #expect(success.series.filter { $0.mark == .pointsWithErrorBars }.allSatisfy { $0.points.count == 3 })
    }

    /// Saved under the name its section gives, the scenario JSON with the replay command's overrides is exactly the
    /// scenario the run was made with.
    @Test func replayCommandsGiveBackEachRunsScenario() throws {
        let database = ReportFixture.database
        let runs = ReportRuns(try database.runs())
        let scenarioRun = try #require(runs.scenarios.first?.runs.first)
        #expect(RunList.command(scenarioRun, replay: RunList.Replay(fileName: "tiny.json"))
            == "kadsim run tiny.json --store \(scenarioRun.info.storeMode.rawValue) --seed \(scenarioRun.info.seed)")
        let sweep = try #require(runs.sweeps.first)
        let shown = sweep.cells[0].run.info.scenarioJSON
        let base = try ScenarioLoader.decode(data: Data(shown.utf8), fileName: "hostile-sweep-1.json")
        for cell in sweep.cells {
            var overrides: [String: String] = [:]
            for assignment in RunList.sweepOverrides(cell) {
                let (path, value) = try #require(Scenario.parseOverride(assignment))
                overrides[path] = value
            }
            #expect(try base.applying(overrides: overrides).jsonText() == cell.run.info.scenarioJSON, "\(cell.run.variant)")
        }
    }

    @Test func textIsEscaped() {
        #expect(HTML.escape("<a href=\"x\">'&'</a>") == "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;")
    }
}
