import ArgumentParser
import KadResults

/// `kadsim merge OUT IN…`
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge results databases (e.g. the shards of a sweep run on several machines) into a new one.",
        discussion: """
            Runs are renumbered and keep their origin (runs.source_file, runs.source_run_id). A completed run \
            equal to one already merged (same scenario, store, seed and variant) is reported and left out; \
            incomplete runs are carried with completed = 0 and counted. OUT must not exist; it appears only once \
            the merge is complete.
            """)

    @Argument(help: ArgumentHelp("The database to write (must not exist).", valueName: "out"))
    var output: String

    @Argument(help: ArgumentHelp("Results databases to merge, in this order.", valueName: "in"))
    var inputs: [String]

    func validate() throws {
        if inputs.isEmpty { throw ValidationError("give at least one input database") }
    }

    func run() throws {
        let report: ResultsMerge.Report
        do {
            report = try ResultsMerge.merge(inputs, into: output)
        } catch {
            Console.error("kadsim: merge: \(Console.oneLine(String(describing: error)))")
            throw ExitStatus.database
        }
        for duplicate in report.duplicates { Console.error("kadsim: merge: left out: \(duplicate)") }
        var line = "\(output): \(report.copied) run\(report.copied == 1 ? "" : "s") from \(inputs.count) file\(inputs.count == 1 ? "" : "s")"
        if report.incomplete > 0 { line += ", \(report.incomplete) incomplete (completed = 0)" }
        if !report.duplicates.isEmpty { line += ", \(report.duplicates.count) duplicate\(report.duplicates.count == 1 ? "" : "s") left out" }
        Console.line(line)
    }
}
