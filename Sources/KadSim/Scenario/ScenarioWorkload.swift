import KademliaCore

extension Scenario {
    /// What the users do: each user owns a presence record (its current address) and reads others'.
    public struct Workload: Sendable, Hashable {
        /// Interval at which an online owner republishes its presence record, > 0. Default 5 min.
        public var ownerRepublish: Microseconds
        /// Reads per online node per hour, >= 0. Default 12.
        public var readsPerNodePerHour: Double
        /// Fraction of nodes that own a presence record, 0...1. Default 1.
        public var userFraction: Double
        /// How long after coming online (its first join or a rejoin) a user publishes, so that its join has found
        /// neighbours, >= 0. Default 10 s.
        public var publishAfterJoin: Microseconds = Workload.defaultPublishAfterJoin

        public static let defaultPublishAfterJoin: Microseconds = 10 * Time.second

        public init(ownerRepublish: Microseconds = 5 * Time.minute, readsPerNodePerHour: Double = 12, userFraction: Double = 1) {
            self.ownerRepublish = ownerRepublish
            self.readsPerNodePerHour = readsPerNodePerHour
            self.userFraction = userFraction
        }
    }
}
