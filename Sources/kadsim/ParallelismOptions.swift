import ArgumentParser
import Foundation

/// `--jobs N`: how many runs simulate at once.
struct ParallelismOptions: ParsableArguments {
    @Option(
        name: .customLong("jobs"),
        help: ArgumentHelp(
            "Runs that simulate at once, each with its own memory. Default: the number of processors.", valueName: "n"))
    var jobs: Int?

    var parallelism: Int { jobs ?? ProcessInfo.processInfo.activeProcessorCount }

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }
}
