import KadNode
import KademliaCore
import Logging

/// Starts `count` Swift nodes on 127.0.0.1; each joins the ones given (or, without, the first node started).
func startSwiftNodes(
    _ count: Int, joining bootstrap: [NodeAddress] = [], configuration: KademliaConfiguration = KademliaConfiguration()
) async throws -> [UDPNode] {
    var logger = Logger(label: "kadsim.test")
    logger.logLevel = .warning
    var nodes: [UDPNode] = []
    do {
        for _ in 0..<count {
            let node = try await UDPNode.start(configuration: configuration, logger: logger)
            let seeds = bootstrap.isEmpty ? nodes.prefix(1).map(\.address) : bootstrap
            nodes.append(node)
            if !seeds.isEmpty { try await node.join(seeds) }
        }
    } catch {
        await shutdown(nodes)
        throw error
    }
    return nodes
}

func shutdown(_ nodes: [UDPNode]) async {
    for node in nodes { await node.shutdown() }
}

/// Runs `body` with started nodes and always shuts them down afterwards.
@discardableResult
func withSwiftNodes<Result>(
    _ count: Int, joining bootstrap: [NodeAddress] = [], configuration: KademliaConfiguration = KademliaConfiguration(),
    _ body: ([UDPNode]) async throws -> Result
) async throws -> Result {
    let nodes = try await startSwiftNodes(count, joining: bootstrap, configuration: configuration)
    do {
        let result = try await body(nodes)
        await shutdown(nodes)
        return result
    } catch {
        await shutdown(nodes)
        throw error
    }
}

/// One value of each kind the Python library accepts from `Server.set`.
let sampleValues: [Value] = [
    .string("grüße, world"), .bytes([0, 1, 0xfe, 0xff]), .int(-1_234_567_890_123), .float(0.1), .bool(true),
]
