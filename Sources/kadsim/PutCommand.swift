import ArgumentParser
import Foundation
import KadNode
import KademliaCore
import Logging

/// `kadsim put`: join through a node, store one value, print where it went, leave.
struct PutCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "put",
        abstract: "Store a value in the network as a short-lived node. Exit 0 when stored, 2 on error.")

    @Option(name: .customLong("bootstrap"), help: "HOST:PORT of a node to join through (repeatable).")
    var bootstrap: [String]

    @Option(help: "Store semantics: plain or timestamped (timestamped writes a versioned record).")
    var store: String = StoreMode.plain.rawValue

    @Option(help: "How to read VALUE: str, bytes (hex), int, float or bool.")
    var type: String = ValueKind.str.rawValue

    @Option(help: "How long to wait for each reply, e.g. 500ms or 5s.")
    var timeout: String = "5s"

    @Flag(help: "Print the result as one JSON object.")
    var json = false

    @Argument(help: "The key; hashed with SHA-1 as the Python library hashes it.")
    var key: String

    @Argument(help: "The value.")
    var value: String

    func run() async throws {
        do {
            guard let storeMode = StoreMode(rawValue: store) else {
                throw ValidationFailure("unknown store mode '\(store)': expected plain or timestamped")
            }
            guard let kind = ValueKind(rawValue: type) else {
                throw ValidationFailure("unknown value type '\(type)': expected str, bytes, int, float or bool")
            }
            var logger = Logger(label: "kadsim.put")
            logger.logLevel = .warning
            let report = try await OneShotClient.put(
                key: key, value: kind.parse(value), bootstrap: NodeService.addresses(bootstrap), storeMode: storeMode,
                rpcTimeout: DurationText.parse(timeout),
                logger: logger)
            print(json ? report.json : report.text)
        } catch {
            FileHandle.standardError.write(Data("kadsim put: \(error)\n".utf8))
            throw ExitCode(CommandExitStatus.error)
        }
    }
}
