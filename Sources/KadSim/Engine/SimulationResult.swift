import KademliaCore

/// Everything one run of one scenario, store mode and seed measured.
public struct SimulationResult: Sendable {
    public var storeMode: StoreMode
    public var seed: UInt64
    /// The reads of the measured period, in order; empty when the simulation handed them to a read sink.
    public var observations: [ReadObservation]
    public var series: [SeriesPoint]
    public var totals: RunTotals
    public var summary: RunSummary
    /// Hash of the reads, series and summary (see `ResultDigest`), computed as the run went.
    public var digest: ResultDigest
    /// Digests of the churn and workload traces: equal across store modes for the same seed.
    public var churnTrace: TraceDigest
    public var workloadTrace: TraceDigest
    public var census: EventCensus
    public var state: StateCensus
}
