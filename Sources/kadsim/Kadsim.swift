import ArgumentParser
import KadResults

/// `kadsim`: simulate Kademlia under laptop churn and measure how stale looked-up values are; or run a real node.
@main
struct Kadsim: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kadsim",
        abstract: "Simulate a Kademlia DHT under churn and measure how stale looked-up values get.",
        discussion: """
            Exit codes: 0 success, 1 a `check` bound failed, 2 bad scenario file, 3 database error, 4 report not written, \
            64 bad command-line usage, 130 interrupted.
            """,
        version: KadsimVersion.current,
        subcommands: [
            RunCommand.self, CompareCommand.self, CheckCommand.self, ValidateCommand.self, BenchCommand.self,
            SweepCommand.self, MergeCommand.self, ReportCommand.self, NodeCommand.self, PutCommand.self, GetCommand.self,
            ChatCommand.self, HandshakeBenchCommand.self,
        ]
    )
}
