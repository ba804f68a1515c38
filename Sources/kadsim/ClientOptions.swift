import ArgumentParser
import KademliaCore
import Logging

/// What `put` and `get` share: how to join the network as a short-lived node.
struct ClientOptions: ParsableArguments {
    @Option(name: .customLong("bootstrap"), help: "HOST:PORT of a node to join through (repeatable).")
    var bootstrap: [String]

    @Option(help: "Store semantics: plain (last write wins) or timestamped (newest version).")
    var store: String = StoreMode.plain.rawValue

    @Option(help: "How long to wait for each reply, e.g. 500ms or 5s.")
    var timeout: String = "5s"

    @Flag(help: "Print the result as one JSON object.")
    var json = false

    func storeMode() throws -> StoreMode {
        guard let mode = StoreMode(rawValue: store) else {
            throw ValidationFailure("unknown store mode '\(store)': expected plain or timestamped")
        }
        return mode
    }

    func logger(label: String) -> Logger {
        var logger = Logger(label: label)
        logger.logLevel = .warning
        return logger
    }
}
