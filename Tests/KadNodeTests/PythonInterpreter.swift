import Foundation
import Testing

/// Where the Python with kademlia 2.2.3 lives: `$KADSIM_PYTHON`, else `<repo>/.venv/bin/python3`.
/// Outside CI a missing interpreter skips the interop tests; with `CI` set they run and fail loudly.
enum PythonInterpreter {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let helperScript = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().appendingPathComponent("Python/pynode.py").path

    static let path: String? = {
        let environment = ProcessInfo.processInfo.environment
        let candidates: [String?] = [environment["KADSIM_PYTHON"], repositoryRoot.appendingPathComponent(".venv/bin/python3").path]
        return candidates.compactMap { $0 }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    static let isRequired = ProcessInfo.processInfo.environment["CI"] != nil

    /// The trait condition: run when Python is there, or when CI demands it (and then fail without it).
    static let shouldRun = path != nil || isRequired

    static let skipReason: Comment =
        "Python kademlia not found: set KADSIM_PYTHON or run `python3 -m venv .venv && .venv/bin/pip install kademlia==2.2.3`"

    static func require() throws -> String {
        guard let path else { throw TestFailure("\(skipReason) (required because CI is set)") }
        return path
    }
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) {
        self.description = description
    }
}
