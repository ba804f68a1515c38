import KademliaCore

/// A tiny deterministic network for tests: fixed latency, datagrams and timers ordered by (time, sequence).
struct TestNetwork {
    struct Pending {
        var time: Microseconds
        var sequence: Int
        var destination: NodeAddress
        var source: NodeAddress
        var message: Message
    }

    var nodes: [KademliaNode] = []
    var indexByAddress: [NodeAddress: Int] = [:]
    var silent: Set<Int> = []
    var queue: [Pending] = []
    var sequence = 0
    var now: Microseconds = 0
    var latency: Microseconds = 10 * Time.millisecond
    var events: [(node: Int, event: NodeEvent)] = []
    /// Every transmit in order, for determinism checks.
    var log: [String] = []
    /// Requests in flight per operation-owning node, sampled on every send.
    var maxInFlightPerOperation = 0

    /// `buffers`: spare buffers all nodes share, as the simulator's do (none by default, as a lone node has).
    init(count: Int, configuration: KademliaConfiguration, seed: UInt64, buffers: NodeBuffers? = nil) {
        var generator = SeededGenerator(seed: seed, stream: 99)
        let shared = SharedConfiguration(configuration)
        for index in 0..<count {
            let address = NodeAddress(ipv4: 0x0A00_0000 + UInt32(index), port: 4000)
            let node = KademliaNode(
                id: NodeID.random(using: &generator), address: address, configuration: shared, seed: seed &+ UInt64(index),
                buffers: buffers)
            indexByAddress[address] = index
            nodes.append(node)
        }
    }

    /// Joins every node through node 0, one after the other.
    mutating func joinAll() {
        for index in 1..<nodes.count {
            _ = start(.join([nodes[0].address]), at: index)
            runUntilIdle()
        }
    }

    mutating func start(_ command: Command, at index: Int) -> OperationID {
        let operation = nodes[index].start(command, now: now)
        collect(from: index)
        return operation
    }

    mutating func collect(from index: Int) {
        for transmit in nodes[index].drainTransmits() {
            log.append("\(now) \(nodes[index].address)->\(transmit.destination) \(transmit.message)")
            sequence += 1
            queue.append(Pending(time: now + latency, sequence: sequence, destination: transmit.destination, source: nodes[index].address, message: transmit.message))
        }
        for event in nodes[index].drainEvents() { events.append((index, event)) }
    }

    /// Delivers datagrams and fires timers in time order until nothing is left before `limit`.
    mutating func run(until limit: Microseconds) {
        while true {
            let nextDatagram = queue.indices.min { (queue[$0].time, queue[$0].sequence) < (queue[$1].time, queue[$1].sequence) }
            var nextTimer: (time: Microseconds, node: Int)?
            for index in nodes.indices where !silent.contains(index) {
                if let deadline = nodes[index].nextDeadline, deadline < (nextTimer?.time ?? .max) { nextTimer = (deadline, index) }
            }
            let datagramTime = nextDatagram.map { queue[$0].time } ?? .max
            if let timer = nextTimer, timer.time < datagramTime, timer.time <= limit {
                now = max(now, timer.time)
                nodes[timer.node].handleTimeout(now: now)
                collect(from: timer.node)
            } else if let position = nextDatagram, datagramTime <= limit {
                let datagram = queue.remove(at: position)
                now = max(now, datagram.time)
                guard let index = indexByAddress[datagram.destination], !silent.contains(index) else { continue }
                nodes[index].handle(datagram.message, from: datagram.source, now: now)
                collect(from: index)
            } else {
                now = max(now, limit)
                return
            }
        }
    }

    /// Runs until no datagram is queued (timers still pending are left for later).
    mutating func runUntilIdle() {
        while !queue.isEmpty || nodes.contains(where: { $0.pendingRPCCount > 0 }) {
            let nextTime = queue.map(\.time).min() ?? (now + 6 * Time.second)
            run(until: nextTime)
        }
    }

    func result(of operation: OperationID, at index: Int) -> (OperationResult, OperationStats)? {
        for (node, event) in events where node == index {
            if case .completed(let id, let result, let stats) = event, id == operation { return (result, stats) }
        }
        return nil
    }
}
