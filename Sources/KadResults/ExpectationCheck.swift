import KadSim
import KademliaCore

/// The result of checking a scenario's `expect` bounds against its runs (`kadsim check`).
///
/// A bound with a store is checked against that store's runs; a bound without a store is checked against each
/// store separately. With several seeds the bound is checked on the mean over seeds.
public struct ExpectationCheck: Sendable {
    /// One bound checked against one store.
    public struct Outcome: Sendable, Hashable {
        public var bound: Scenario.Bound
        public var store: StoreMode
        /// Mean of the metric over the store's seeds.
        public var value: Double
        /// The metric per seed, in run order.
        public var perSeed: [(seed: UInt64, value: Double)]
        public var passed: Bool

        /// The seed to replay when the bound failed: the one furthest on the wrong side of it.
        public var worstSeed: UInt64? {
            guard !passed else { return nil }
            return perSeed.max { excess(of: $0.value) < excess(of: $1.value) }?.seed
        }

        private func excess(of value: Double) -> Double {
            var excess = -Double.infinity
            if let max = bound.max { excess = Swift.max(excess, value - max) }
            if let min = bound.min { excess = Swift.max(excess, min - value) }
            return excess
        }

        public static func == (lhs: Outcome, rhs: Outcome) -> Bool {
            lhs.bound == rhs.bound && lhs.store == rhs.store && lhs.value == rhs.value && lhs.passed == rhs.passed
                && lhs.perSeed.map(\.seed) == rhs.perSeed.map(\.seed) && lhs.perSeed.map(\.value) == rhs.perSeed.map(\.value)
        }

        public func hash(into hasher: inout Hasher) {
            hasher.combine(bound)
            hasher.combine(store)
            hasher.combine(value)
        }
    }

    public var outcomes: [Outcome]

    /// Checks `bounds` against `runs`; stores are taken in the order they first appear in `runs`.
    /// A bound on a store without runs, or on an unknown metric, produces no outcome.
    public init(bounds: [Scenario.Bound], runs: [some SummarizedRun]) {
        var stores: [StoreMode] = []
        for run in runs where !stores.contains(run.storeMode) { stores.append(run.storeMode) }
        outcomes = []
        for bound in bounds {
            for store in stores where bound.store == nil || bound.store == store {
                let perSeed = runs.filter { $0.storeMode == store }.compactMap { run in
                    run.summary.value(of: bound.metric).map { (seed: run.seed, value: $0) }
                }
                guard !perSeed.isEmpty else { continue }
                let mean = perSeed.map(\.value).reduce(0, +) / Double(perSeed.count)
                outcomes.append(Outcome(bound: bound, store: store, value: mean, perSeed: perSeed, passed: bound.admits(mean)))
            }
        }
    }

    public var failures: [Outcome] { outcomes.filter { !$0.passed } }
    public var passed: Bool { failures.isEmpty }
}
