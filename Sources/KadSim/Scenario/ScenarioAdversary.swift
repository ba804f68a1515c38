import KademliaCore

extension Scenario {
    /// Hostile nodes: always online, running the real core for routing, but answering as their kind dictates.
    /// Which nodes are hostile comes from the seed's own adversary stream, so churn and workload draws stay the
    /// same whatever the store or lookup variant.
    public struct Adversary: Sendable, Hashable {
        public enum Kind: String, Sendable, Hashable, CaseIterable {
            /// Stores forged records for target keys with the largest version, and answers FIND_VALUE with them.
            case versionInflation = "version-inflation"
            /// Colluding nodes all answer FIND_VALUE for target keys with the same forged value, to win the
            /// plain store's vote.
            case majorityForgery = "majority-forgery"
            /// Hostile nodes take ids next to the target keys and answer FIND_NODE and FIND_VALUE only with
            /// other hostile contacts.
            case eclipse
            /// Acknowledges STOREs, keeps nothing, never returns a value.
            case drop
            /// Captures an old genuine version of each target record, returns it and re-publishes it.
            case staleReplay = "stale-replay"
            /// A cheap Sybil flood: each hostile host pings honest nodes under made-up ids from its one address, and
            /// answers FIND_NODE and FIND_VALUE for target keys with k made-up contacts at its own address, with ids
            /// next to the key (closer than any honest node); it acknowledges STOREs of target keys and keeps nothing.
            case sybil
        }

        /// How many nodes are hostile.
        public enum Size: Sendable, Hashable {
            /// This share of all nodes, rounded to the nearest whole node.
            case fraction(Double)
            case count(Int)
        }

        /// Whose records are attacked.
        public enum Targets: Sendable, Hashable {
            /// Every honest user's record.
            case all
            /// The records of these node indices (as in the reads table's `owner`); non-users are ignored.
            case owners([Int])
        }

        public var kind: Kind
        public var size: Size
        /// When hostile nodes come online (they never leave). Default 0.
        public var joinAt: Microseconds
        /// Default `.all`.
        public var targets: Targets

        public init(kind: Kind, size: Size, joinAt: Microseconds = 0, targets: Targets = .all) {
            self.kind = kind
            self.size = size
            self.joinAt = joinAt
            self.targets = targets
        }

        /// Hostile nodes in a network of `nodes`.
        public func hostileCount(nodes: Int) -> Int {
            switch size {
            case .fraction(let share): return min(nodes, Int((share * Double(nodes)).rounded()))
            case .count(let count): return min(nodes, count)
            }
        }
    }
}
