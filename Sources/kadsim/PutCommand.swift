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

    @OptionGroup var client: ClientOptions

    @Option(help: "How to read VALUE: str, bytes (hex), int, float or bool.")
    var type: String = ValueKind.str.rawValue

    @Argument(help: "The key; hashed with SHA-1 as the Python library hashes it.")
    var key: String

    @Argument(help: "The value.")
    var value: String

    func run() async throws {
        do {
            guard let kind = ValueKind(rawValue: type) else {
                throw ValidationFailure("unknown value type '\(type)': expected str, bytes, int, float or bool")
            }
            let report = try await OneShotClient.put(
                key: key, value: kind.parse(value), bootstrap: NodeService.addresses(client.bootstrap),
                storeMode: client.storeMode(), rpcTimeout: DurationText.parse(client.timeout),
                logger: client.logger(label: "kadsim.put"))
            print(client.json ? report.json : report.text)
        } catch {
            FileHandle.standardError.write(Data("kadsim put: \(error)\n".utf8))
            throw ExitCode(CommandExitStatus.error)
        }
    }
}
