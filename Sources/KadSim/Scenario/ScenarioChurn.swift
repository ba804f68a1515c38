import KademliaCore

extension Scenario {
    /// Laptop-style churn: nodes alternate between online sessions and offline downtimes, and may come back
    /// at a new address.
    public struct Churn: Sendable, Hashable {
        /// Fraction of nodes that never go offline, 0...1. Default 0.
        public var stableFraction: Double
        /// Where session and downtime lengths come from.
        public var model: Model
        /// Probability that a node rejoining after downtime has a new address, 0...1. Default 0.
        public var newAddressProbability: Double

        public init(stableFraction: Double = 0, model: Model, newAddressProbability: Double = 0) {
            self.stableFraction = stableFraction
            self.model = model
            self.newAddressProbability = newAddressProbability
        }

        public enum Model: Sendable, Hashable {
            /// Session and downtime lengths drawn independently from these distributions
            /// (`exponential`, `weibull`, `lognormal` or `pareto` in scenario files).
            case sessions(session: DurationDistribution, downtime: DurationDistribution)
            /// Up and down transitions replayed from a CSV file.
            case trace(ChurnTrace)
        }
    }
}
