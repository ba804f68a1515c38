import KademliaCore

/// One simulation experiment as read from a scenario file (`Scenarios/*.json`).
///
/// Every field has the default documented here and in `docs/README-results.md`; `ScenarioLoader` fills them in,
/// so a `Scenario` value is always complete and valid. Durations are `Microseconds` of virtual time.
public struct Scenario: Sendable, Hashable {
    /// Short identifier, stored with each run. Required.
    public var name: String
    /// Free text for people. Optional.
    public var description: String?
    /// Virtual time simulated per run, warm-up included. Required, > 0.
    public var duration: Microseconds
    /// Virtual time at the start that is simulated but not measured. Default 0, must be < `duration`.
    public var warmup: Microseconds
    /// One run per seed (and per store). Default `[1]`; non-empty, no repeats.
    public var seeds: [UInt64]
    /// Record stores to compare, one run each. Default plain and timestamped, plain first; non-empty, no repeats.
    public var stores: [StoreMode]
    /// Size and behaviour of the simulated network.
    public var network: Network
    /// Protocol parameters.
    public var kademlia: Kademlia
    /// Churn model; nil means every node stays online for the whole run.
    public var churn: Churn?
    /// What users do: republish their presence record and read other users' records.
    public var workload: Workload
    /// Bounds on summary metrics that `kadsim run` checks after each run (for CI and regressions).
    public var expect: [Bound]
    /// Hostile nodes; nil means every node is honest.
    public var adversary: Adversary?
    /// How often, from the end of the warm-up, a few routing tables are checked for dead contacts. Default 10 min,
    /// >= 1 s; a run whose measured period is shorter has no sample, and says so.
    public var deadContactSampleInterval: Microseconds = Scenario.defaultDeadContactSampleInterval

    public static let defaultDeadContactSampleInterval: Microseconds = 10 * Time.minute
    /// The file this scenario was loaded from, as given to the loader ("" when built in code). Error messages
    /// name it and `churn.trace` is resolved relative to its directory.
    public var sourceFile: String

    public init(
        name: String,
        description: String? = nil,
        duration: Microseconds,
        warmup: Microseconds = 0,
        seeds: [UInt64] = [1],
        stores: [StoreMode] = StoreMode.scenarioDefault,
        network: Network,
        kademlia: Kademlia = Kademlia(),
        churn: Churn? = nil,
        workload: Workload = Workload(),
        expect: [Bound] = [],
        adversary: Adversary? = nil,
        sourceFile: String = ""
    ) {
        self.name = name
        self.description = description
        self.duration = duration
        self.warmup = warmup
        self.seeds = seeds
        self.stores = stores
        self.network = network
        self.kademlia = kademlia
        self.churn = churn
        self.workload = workload
        self.expect = expect
        self.adversary = adversary
        self.sourceFile = sourceFile
    }

    /// Virtual time that is measured: `duration - warmup`.
    public var measuredDuration: Microseconds { duration - warmup }

    /// A bound on one `RunSummary` metric: the run fails its expectations if the metric is outside it.
    public struct Bound: Sendable, Hashable {
        /// A `RunSummary` field name, e.g. `staleFraction`.
        public var metric: String
        /// The store this bound applies to; nil for all stores.
        public var store: StoreMode?
        /// Inclusive lower bound, if any.
        public var min: Double?
        /// Inclusive upper bound, if any.
        public var max: Double?

        public init(metric: String, store: StoreMode? = nil, min: Double? = nil, max: Double? = nil) {
            self.metric = metric
            self.store = store
            self.min = min
            self.max = max
        }

        /// Whether `value` satisfies the bound.
        public func admits(_ value: Double) -> Bool {
            if let min, value < min { return false }
            if let max, value > max { return false }
            return true
        }
    }
}

extension StoreMode {
    /// The stores a scenario compares when it names none: the two unsigned ones.
    public static let scenarioDefault: [StoreMode] = [.plain, .timestamped]
}
