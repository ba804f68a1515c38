import ArgumentParser
import Foundation
import KadChatNode
import KadNode
import KademliaCore
import Logging

/// `kadsim node`: one real Kademlia node on UDP, interoperable with Python kademlia 2.2.3 nodes.
struct NodeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "node",
        abstract: "Run a Kademlia node on a UDP port until SIGINT/SIGTERM or --duration.")

    @Option(help: "UDP port to listen on.")
    var port: Int = 5050

    @Option(help: "IPv4 address to listen on.")
    var host: String = "127.0.0.1"

    @Option(name: .customLong("bootstrap"), help: "HOST:PORT of a node to join through (repeatable).")
    var bootstrap: [String] = []

    @Option(help: "Store semantics: plain (as the Python library), timestamped or signed.")
    var store: String = StoreMode.plain.rawValue

    @Option(help: "Stop after this long, e.g. 90s, 10m, 2h (default: run until interrupted).")
    var duration: String?

    @Flag(inversion: .prefixedNo, help: "At most one routing-table contact per IP address and port.")
    var oneContactPerAddress = true

    @Option(help: "At most this many contacts of one bucket in one IPv4 /24 (0: no limit).")
    var contactsPerSubnet = 0

    @Flag(help: "Introduce chat users behind NATs who register here to peers who ask (UDP hole punching).")
    var introduce = false

    func run() async throws {
        do {
            guard let storeMode = StoreMode(rawValue: store) else {
                throw ValidationFailure("unknown store mode '\(store)': expected plain, timestamped or signed")
            }
            guard (0...64).contains(contactsPerSubnet) else {
                throw ValidationFailure("--contacts-per-subnet: expected an integer between 0 and 64, got \(contactsPerSubnet)")
            }
            let addresses = try NodeService.addresses(bootstrap)
            let limit = try duration.map(DurationText.parse)
            try await NodeService.serve(
                host: host, port: port, bootstrap: addresses, storeMode: storeMode,
                addressLimits: AddressLimits(oneContactPerAddress: oneContactPerAddress, contactsPerSubnetPerBucket: contactsPerSubnet),
                duration: limit,
                logger: Logger(label: "kadsim.node"),
                attach: { node in if introduce { try await IntroducerService.attach(to: node) } },
                // Written unbuffered so scripts waiting for the line see it while the node runs.
                announce: { FileHandle.standardOutput.write(Data(($0 + "\n").utf8)) })
        } catch {
            FileHandle.standardError.write(Data("kadsim node: \(error)\n".utf8))
            throw ExitCode(CommandExitStatus.error)
        }
    }
}

/// A bad option value found while running, reported as one line like every other error.
struct ValidationFailure: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) {
        self.description = description
    }
}
