import KadSim
import KademliaCore

/// Store modes side by side over the same seeds (`kadsim compare`): per store, every metric's mean and 95%
/// confidence interval over seeds; per pair of stores, the paired difference of chosen metrics seed by seed.
public struct StoreComparison: Sendable {
    /// Metrics whose paired difference is reported by default.
    public static let defaultPairedMetrics = ["staleFraction", "missingFraction", "stalenessAgeP90"]

    /// The difference `store − baseline` of one metric, seed by seed, and its statistics.
    public struct PairedDifference: Sendable {
        public var metric: String
        public var store: StoreMode
        public var baseline: StoreMode
        public var perSeed: [(seed: UInt64, difference: Double)]
        public var statistics: SummaryStatistics
    }

    /// Stores in the order they first appear in the runs.
    public var stores: [StoreMode]
    /// Seeds that have a run for every store, in run order.
    public var seeds: [UInt64]
    /// Summaries per store, in `seeds` order.
    public var summaries: [StoreMode: [RunSummary]]
    /// For each store after the first, its difference from the first store, per metric in `pairedMetrics` order.
    public var differences: [PairedDifference]

    public init(runs: [some SummarizedRun], pairedMetrics: [String] = StoreComparison.defaultPairedMetrics) {
        var stores: [StoreMode] = []
        var seeds: [UInt64] = []
        for run in runs {
            if !stores.contains(run.storeMode) { stores.append(run.storeMode) }
            if !seeds.contains(run.seed) { seeds.append(run.seed) }
        }
        var bySeed: [UInt64: [StoreMode: RunSummary]] = [:]
        for run in runs { bySeed[run.seed, default: [:]][run.storeMode] = run.summary }
        seeds = seeds.filter { seed in stores.allSatisfy { bySeed[seed]?[$0] != nil } }
        self.stores = stores
        self.seeds = seeds
        var summaries: [StoreMode: [RunSummary]] = [:]
        for store in stores { summaries[store] = seeds.map { bySeed[$0]![store]! } }
        self.summaries = summaries
        differences = []
        guard let baseline = stores.first else { return }
        for store in stores.dropFirst() {
            for metric in pairedMetrics where RunSummary.metricNames.contains(metric) {
                let perSeed = seeds.map { seed in
                    (seed: seed, difference: bySeed[seed]![store]!.value(of: metric)! - bySeed[seed]![baseline]!.value(of: metric)!)
                }
                differences.append(PairedDifference(
                    metric: metric, store: store, baseline: baseline, perSeed: perSeed,
                    statistics: SummaryStatistics(perSeed.map(\.difference))))
            }
        }
    }

    /// Every metric, one column per store: `mean ± 95% half-width` over seeds.
    public func table() -> String {
        SummaryStatistics.comparisonTable(stores.map { (label: $0.rawValue, summaries: summaries[$0] ?? []) })
    }

    /// The paired differences: metric, `store − baseline`, `mean ± 95% half-width`, then each seed's difference
    /// (for up to `maxSeedColumns` seeds).
    public func differenceTable(maxSeedColumns: Int = 8) -> String {
        let seedColumns = seeds.count <= maxSeedColumns ? seeds : []
        var table = TextTable(header: ["metric", "difference", "mean ± 95% CI"] + seedColumns.map { "seed \($0)" })
        for difference in differences {
            let perSeed = seedColumns.isEmpty ? [] : difference.perSeed.map { SummaryStatistics.format($0.difference) }
            table.rows.append(
                [difference.metric, "\(difference.store.rawValue) − \(difference.baseline.rawValue)", difference.statistics.formatted]
                    + perSeed)
        }
        return table.render()
    }
}
