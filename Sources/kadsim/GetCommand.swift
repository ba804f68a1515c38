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

    @OptionGroup var client: ClientOptions

    @Argument(help: "The key; hashed with SHA-1 as the Python library hashes it.")
    var key: String

    func run() async throws {
        let report: RecordReport
        do {
            report = try await OneShotClient.get(
                key: key, bootstrap: NodeService.addresses(client.bootstrap), storeMode: client.storeMode(),
                rpcTimeout: DurationText.parse(client.timeout), logger: client.logger(label: "kadsim.get"))
        } catch {
            FileHandle.standardError.write(Data("kadsim get: \(error)\n".utf8))
            throw ExitCode(CommandExitStatus.error)
        }
        print(client.json ? report.json : report.text)
        if report.record == nil { throw ExitCode(CommandExitStatus.notFound) }
    }
}
