import KademliaCore

/// Everything one run of one scenario, store mode and seed measured.
public struct SimulationResult: Sendable {
    public var storeMode: StoreMode
    public var seed: UInt64
    public var observations: [ReadObservation]
    public var series: [SeriesPoint]
    public var totals: RunTotals
    public var summary: RunSummary
    /// Digests of the churn and workload traces: equal across store modes for the same seed.
    public var churnTrace: TraceDigest
    public var workloadTrace: TraceDigest
    public var census: EventCensus

    public var digest: ResultDigest {
        ResultDigest(observations: observations, series: series, summary: summary)
    }
}
