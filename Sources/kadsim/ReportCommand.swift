import ArgumentParser
import Foundation
import KadReport
import KadResults

/// `kadsim report DB [--scenario NAME] [-o PATH]`
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write a results database as one self-contained HTML page of charts and tables.",
        discussion: """
            A section per scenario (staleness over time, staleness ages, version lag, online nodes, latency, traffic, \
            per store over seeds) and per sweep (poisoned reads and lookup success against the swept value), then every \
            run with its replay command. Incomplete runs are left out and listed. The page has no scripts and loads \
            nothing; it appears only once complete.
            """)

    @Argument(help: ArgumentHelp("The results database.", valueName: "db"))
    var database: String

    @Option(help: "Only the runs of this scenario (its name, as in the scenario file).")
    var scenario: String?

    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("The HTML file to write. Default: the database's path with .html.", valueName: "path"))
    var output: String?

    func run() throws {
        guard FileManager.default.fileExists(atPath: database) else {
            Console.error("kadsim: report: \(database): no such file")
            throw ExitStatus.database
        }
        let results = try CommandSupport.openDatabase(database)
        let report: Report
        do {
            report = try Report(database: results, source: database, scenarioName: scenario)
        } catch let error as ReportError {
            Console.error("kadsim: report: \(database): \(error)")
            if case .unknownScenario = error { throw ExitCode.validationFailure }
            throw ExitStatus.database
        } catch {
            Console.error("kadsim: report: \(database): \(Console.oneLine(String(describing: error)))")
            throw ExitStatus.database
        }
        let path = output ?? (database as NSString).deletingPathExtension + ".html"
        do {
            try Data(report.html.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            Console.error("kadsim: report: cannot write \(path): \(Console.oneLine((error as NSError).localizedDescription))")
            throw ExitStatus.output
        }
        let outline = report.outline
        var line = "\(path): \(outline.scenarios) scenario\(outline.scenarios == 1 ? "" : "s"), \(outline.sweeps) sweep"
            + "\(outline.sweeps == 1 ? "" : "s"), \(outline.charts.count) charts from \(outline.runs) run\(outline.runs == 1 ? "" : "s")"
        if outline.leftOut > 0 { line += "; \(outline.leftOut) left out (incomplete or repeated)" }
        Console.line(line)
    }
}
