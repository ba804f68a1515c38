import Foundation
import KadNode
import KademliaCore
import Testing

extension NodeTests {
    /// 1,000 gets on a local 20-node Swift network and on a 20-node Python network, measured in one run.
    /// Opt-in, because it measures rather than checks: `KADSIM_BENCHMARK=1 swift test --filter GetLatencyBenchmark`.
    @Suite(
        .enabled(if: ProcessInfo.processInfo.environment["KADSIM_BENCHMARK"] != nil, "set KADSIM_BENCHMARK=1 to measure"),
        .enabled(if: PythonInterpreter.path != nil, PythonInterpreter.skipReason),
        .timeLimit(.minutes(10)))
    struct GetLatencyBenchmark {
        let nodeCount = 20
        let getCount = 1_000
        let keys = (0..<100).map { "benchmark key \($0)" }
        let missingKeys = (0..<100).map { "missing key \($0)" }

        @Test func thousandGetsSwiftVersusPython() async throws {
            let swift = try await withSwiftNodes(nodeCount) { nodes in
                for (index, key) in keys.enumerated() {
                    _ = try await nodes[index % nodeCount].put(key: NodeID(hashing: key), value: .int(Int64(index)))
                }
                return (stored: try await timeSwiftGets(nodes, keys: keys), missing: try await timeSwiftGets(nodes, keys: missingKeys))
            }
            let python = try await withPythonNetwork(count: nodeCount) { python in
                for (index, key) in keys.enumerated() {
                    #expect(try python.set(node: index % nodeCount, key: key, value: .int(Int64(index))))
                }
                return (
                    stored: try python.benchmarkGets(keys: keys, count: getCount, seed: 1),
                    missing: try python.benchmarkGets(keys: missingKeys, count: getCount, seed: 1))
            }
            #expect(swift.stored.found == getCount && python.stored.found == getCount)
            #expect(swift.missing.found == 0 && python.missing.found == 0)
            print("""
                GetLatencyBenchmark: \(getCount) sequential gets from random nodes of a \(nodeCount)-node network on 127.0.0.1
                  stored keys:  Swift \(report(swift.stored.seconds))   Python \(report(python.stored.seconds))
                  missing keys: Swift \(report(swift.missing.seconds))   Python \(report(python.missing.seconds))
                """)
        }

        func timeSwiftGets(_ nodes: [UDPNode], keys: [String]) async throws -> (seconds: Double, found: Int) {
            var generator = SeededGenerator(seed: 1)
            var found = 0
            let clock = ContinuousClock()
            let elapsed = try await clock.measure {
                for _ in 0..<getCount {
                    let node = nodes[Int.random(in: 0..<nodes.count, using: &generator)]
                    let key = keys[Int.random(in: 0..<keys.count, using: &generator)]
                    if try await node.get(key: NodeID(hashing: key)) != nil { found += 1 }
                }
            }
            return (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18, found)
        }

        func report(_ seconds: Double) -> String {
            String(format: "%.3f s (%.3f ms per get)", seconds, seconds * 1_000 / Double(getCount))
        }
    }
}
