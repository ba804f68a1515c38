import KademliaCore

/// What `RunSummary` needs from the reads of a run, gathered one read at a time so that the reads themselves need
/// not be kept: counts and sums, and the staleness ages and latencies that the percentiles need (8 bytes a read).
public struct ReadTally: Sendable, Hashable {
    public private(set) var count = 0
    var fresh = 0
    var stale = 0
    var missing = 0
    var forged = 0
    var rollbacks = 0
    var fromOwnCopy = 0
    var staleFromOwnCopy = 0
    var reachable = 0
    var hops = 0
    var messages = 0
    var lagSum: Int64 = 0
    /// Staleness ages of the stale reads that have one, in arrival order.
    var ages: [Microseconds] = []
    /// Latencies of all reads, in arrival order.
    var latencies: [Microseconds] = []

    public init() {}

    public init(_ observations: some Sequence<ReadObservation>) {
        for observation in observations { add(observation) }
    }

    public mutating func add(_ observation: ReadObservation) {
        count += 1
        switch observation.outcome {
        case .fresh: fresh += 1
        case .stale:
            stale += 1
            lagSum += observation.versionLag ?? 0
            if let age = observation.stalenessAge { ages.append(age) }
        case .missing: missing += 1
        case .forged: forged += 1
        }
        if observation.rollback { rollbacks += 1 }
        if observation.fromOwnCopy {
            fromOwnCopy += 1
            if observation.outcome == .stale { staleFromOwnCopy += 1 }
        }
        if observation.reachesOwner { reachable += 1 }
        hops += observation.hops
        messages += observation.messages
        latencies.append(observation.latency)
    }
}
