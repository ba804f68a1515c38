import ArgumentParser
import Foundation
import KadNode
import KademliaCore
import Logging

/// `kadsim get`: join through a node, look one key up, print it, leave.
struct GetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "get",
        abstract: "Read a value from the network as a short-lived node. Exit 0 when found, 1 when not, 2 on error.")

    @Option(name: .customLong("bootstrap"), help: "HOST:PORT of a node to join through (repeatable).")
    var bootstrap: [String]

    @Option(help: "Store semantics: plain (first value found) or timestamped (newest version).")
    var store: String = StoreMode.plain.rawValue

    @Option(help: "How long to wait for each reply, e.g. 500ms or 5s.")
    var timeout: String = "5s"

    @Flag(help: "Print the result as one JSON object.")
    var json = false

    @Argument(help: "The key; hashed with SHA-1 as the Python library hashes it.")
    var key: String

    func run() async throws {
        let report: RecordReport
        do {
            guard let storeMode = StoreMode(rawValue: store) else {
                throw ValidationFailure("unknown store mode '\(store)': expected plain or timestamped")
            }
            var logger = Logger(label: "kadsim.get")
            logger.logLevel = .warning
            report = try await OneShotClient.get(
                key: key, bootstrap: NodeService.addresses(bootstrap), storeMode: storeMode,
                rpcTimeout: DurationText.parse(timeout), logger: logger)
        } catch {
            FileHandle.standardError.write(Data("kadsim get: \(error)\n".utf8))
            throw ExitCode(CommandExitStatus.error)
        }
        print(json ? report.json : report.text)
        if report.record == nil { throw ExitCode(CommandExitStatus.notFound) }
    }
}
