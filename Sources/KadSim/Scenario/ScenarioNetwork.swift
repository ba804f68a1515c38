import KademliaCore

extension Scenario {
    /// The simulated network: how many nodes, how long a datagram takes, what gets lost.
    public struct Network: Sendable, Hashable {
        /// Number of nodes, 2...1_000_000. Required.
        public var nodes: Int
        /// One-way datagram latency. Default log-normal, median 40 ms, sigma 0.6.
        /// Only `constant`, `uniform` and `lognormal` are accepted in scenario files.
        public var latency: DurationDistribution
        /// Probability that a datagram is dropped, 0...1. Default 0.
        public var loss: Double
        /// Fraction of nodes behind a NAT (they can send but not be contacted first), 0...1. Default 0.
        public var natFraction: Double
        /// Scheduled network partitions. Default none.
        public var partitions: [Partition]
        /// The initial joins are spread evenly over this time, 0 < joinOver <= duration. Default nil: 50 ms apart,
        /// and all within half the warm-up.
        public var joinOver: Microseconds?
        /// How the nodes online at time 0 get their routing tables. Default `.joins`.
        public var start: Start

        public static let defaultLatency = DurationDistribution.lognormal(median: 40 * Time.millisecond, sigma: 0.6)

        public init(
            nodes: Int,
            latency: DurationDistribution = Network.defaultLatency,
            loss: Double = 0,
            natFraction: Double = 0,
            partitions: [Partition] = [],
            joinOver: Microseconds? = nil,
            start: Start = .joins
        ) {
            self.nodes = nodes
            self.latency = latency
            self.loss = loss
            self.natFraction = natFraction
            self.partitions = partitions
            self.joinOver = joinOver
            self.start = start
        }

        /// How a network begins.
        public enum Start: String, Sendable, Hashable, CaseIterable {
            /// Every node runs a protocol join, at its `joinOver` (or default) slot.
            case joins
            /// Every node that starts online is online at time 0 with a routing table filled from global knowledge
            /// (up to k random nodes per bucket range), as PeerSim and OverSim start Kademlia; no joins are simulated.
            case warm
        }
    }

    /// A partition: from `at` for `duration`, a `fraction` of the nodes cannot exchange datagrams with the rest.
    public struct Partition: Sendable, Hashable {
        /// Start, in virtual time since the run began.
        public var at: Microseconds
        /// Length, > 0.
        public var duration: Microseconds
        /// Fraction of nodes cut off from the others, 0...1.
        public var fraction: Double

        public init(at: Microseconds, duration: Microseconds, fraction: Double) {
            self.at = at
            self.duration = duration
            self.fraction = fraction
        }
    }
}
