import Foundation
import KademliaCore

/// N Python kademlia nodes in one helper process (Python/pynode.py), driven by JSON lines.
final class PythonNetwork {
    private let process: Process
    private let input: FileHandle
    private let output: LineReader
    private let errorLog: URL
    /// The UDP ports of the nodes, in start order; all on 127.0.0.1.
    private(set) var ports: [Int] = []

    /// Starts `count` nodes; each bootstraps off `bootstrap` when given, else off the first Python node.
    init(count: Int, bootstrap: NodeAddress? = nil) throws {
        let python = try PythonInterpreter.require()
        process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [PythonInterpreter.helperScript, "--count", "\(count)"]
            + (bootstrap.map { ["--bootstrap", $0.description] } ?? [])
        let stdin = Pipe()
        let stdout = Pipe()
        errorLog = FileManager.default.temporaryDirectory.appendingPathComponent("pynode-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: errorLog.path, contents: nil)
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = try FileHandle(forWritingTo: errorLog)
        try process.run()
        input = stdin.fileHandleForWriting
        output = LineReader(fileDescriptor: stdout.fileHandleForReading.fileDescriptor)
        do {
            let ready = try Self.object(output.readLine(timeout: .seconds(60)))
            guard let ports = ready["ports"] as? [Int], ports.count == count else {
                throw TestFailure("unexpected first line from the Python helper: \(ready)")
            }
            self.ports = ports
        } catch {
            stop()
            throw TestFailure("Python helper failed to start: \(error)\n\(stderrTail)")
        }
    }

    func address(_ node: Int) -> NodeAddress {
        NodeAddress(host: "127.0.0.1", port: ports[node])!
    }

    var addresses: [NodeAddress] { ports.indices.map(address) }

    /// `Server.set`; returns what it returns (true even when every STORE timed out, as the library does).
    func set(node: Int, key: String, value: Value) throws -> Bool {
        try call(["op": "set", "node": node, "key": key, "value": TypedValue.json(value)])["stored"] as? Bool ?? false
    }

    /// `Server.get`; nil when the network had no value.
    func get(node: Int, key: String) throws -> Value? {
        try TypedValue.value(call(["op": "get", "node": node, "key": key])["value"])
    }

    /// The value in one node's own storage, without asking the network.
    func local(node: Int, key: String) throws -> Value? {
        try TypedValue.value(call(["op": "local", "node": node, "key": key])["value"])
    }

    /// Overwrites one node's stored value directly: a replica that missed later writes.
    func storeLocal(node: Int, key: String, value: Value) throws {
        _ = try call(["op": "store_local", "node": node, "key": key, "value": TypedValue.json(value)])
    }

    /// The ip:port of every contact in one node's routing table.
    func contacts(node: Int) throws -> [NodeAddress] {
        let texts = try call(["op": "contacts", "node": node])["contacts"] as? [String] ?? []
        return texts.compactMap(NodeAddress.init)
    }

    /// Runs `count` gets of random `keys` from random nodes inside the helper; returns the seconds and hits.
    func benchmarkGets(keys: [String], count: Int, seed: Int) throws -> (seconds: Double, found: Int) {
        let reply = try call(["op": "bench_gets", "keys": keys, "count": count, "seed": seed], timeout: .seconds(600))
        return (reply["seconds"] as? Double ?? .nan, reply["found"] as? Int ?? -1)
    }

    /// Indexes of the msgpack payloads that u-msgpack-python packs differently once it has read them.
    func repackMismatches(_ payloads: [[UInt8]]) throws -> [Int] {
        let hex = payloads.map { $0.map { String(format: "%02x", $0) }.joined() }
        return try call(["op": "repack", "payloads": hex])["mismatches"] as? [Int] ?? [-1]
    }

    func stop() {
        try? input.write(contentsOf: Data("{\"op\":\"quit\"}\n".utf8))
        let deadline = Date().addingTimeInterval(5)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: errorLog)
    }

    private func call(_ command: [String: Any], timeout: Duration = .seconds(60)) throws -> [String: Any] {
        let line = try JSONSerialization.data(withJSONObject: command) + Data("\n".utf8)
        try input.write(contentsOf: line)
        let reply = try Self.object(output.readLine(timeout: timeout))
        guard reply["ok"] as? Bool == true else {
            throw TestFailure("Python helper failed \(command["op"] ?? ""): \(reply["error"] ?? reply)")
        }
        return reply
    }

    private var stderrTail: String {
        let text = (try? String(contentsOf: errorLog, encoding: .utf8)) ?? ""
        return String(text.suffix(2_000))
    }

    private static func object(_ line: String) throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
            throw TestFailure("not a JSON object: \(line)")
        }
        return object
    }
}

/// Runs `body` with a Python network and always stops the helper afterwards.
@discardableResult
func withPythonNetwork<Result>(
    count: Int, bootstrap: NodeAddress? = nil, _ body: (PythonNetwork) async throws -> Result
) async throws -> Result {
    let network = try PythonNetwork(count: count, bootstrap: bootstrap)
    do {
        let result = try await body(network)
        network.stop()
        return result
    } catch {
        network.stop()
        throw error
    }
}
