import KademliaCore

/// The headline numbers of one run (one scenario, store and seed), computed from the reads of the measured period
/// and the run totals. Fractions are in 0...1; stalenessAge values are seconds, latencies milliseconds.
public struct RunSummary: Sendable, Hashable, Codable {
    /// Number of reads.
    public var reads: Int
    /// Share of reads that returned the owner's latest version.
    public var freshFraction: Double
    /// Share of reads that returned an older version.
    public var staleFraction: Double
    /// Share of reads that returned nothing.
    public var missingFraction: Double
    /// Share of all reads whose returned address reaches the owner (current address, owner online).
    public var reachableFraction: Double
    /// Nearest-rank percentiles of staleness age over stale reads, seconds (0 without stale reads).
    public var stalenessAgeP50: Double
    public var stalenessAgeP90: Double
    public var stalenessAgeP99: Double
    public var stalenessAgeMax: Double
    /// Mean version lag over stale reads (0 without stale reads).
    public var versionLagMean: Double
    /// Nearest-rank percentiles of read latency over all reads, milliseconds (0 without reads).
    public var latencyP50: Double
    public var latencyP99: Double
    /// Mean lookup hops per read.
    public var hopsMean: Double
    /// Mean messages sent per read.
    public var messagesPerRead: Double
    /// All messages divided by online node-seconds: traffic per online node per second.
    public var messagesPerNodePerSecond: Double
    /// All bytes divided by online node-seconds.
    public var bytesPerNodePerSecond: Double
    /// Online node-seconds divided by measured seconds: the average number of nodes online.
    public var meanOnlineNodes: Double
    /// Mean of the dead-contact-share samples (0 without samples).
    public var deadContactShare: Double
    /// Share of reads that returned a value the owner never wrote.
    public var forgedFraction: Double = 0
    /// Share of reads that returned a genuine version older than one the same reader had already seen.
    public var rollbackFraction: Double = 0
    /// `forgedFraction + rollbackFraction`: reads an attacker could have chosen.
    public var poisonedReadFraction: Double = 0
    /// Share of reads that returned a genuine version of the owner's record (fresh or stale).
    public var lookupSuccess: Double = 0
    /// Signatures verified by all nodes divided by online node-seconds (0 outside the signed store).
    public var signaturesVerifiedPerNodePerSecond: Double = 0
    /// Share of reads the reader answered with its own stored copy.
    public var ownCopyFraction: Double = 0
    /// Share of those reads that were stale (0 without such reads).
    public var ownCopyStaleFraction: Double = 0
    /// How many dead-contact-share samples `deadContactShare` averages; 0 means the run was too short to sample.
    public var deadContactSamples: Int = 0

    public init(
        reads: Int = 0, freshFraction: Double = 0, staleFraction: Double = 0, missingFraction: Double = 0,
        reachableFraction: Double = 0, stalenessAgeP50: Double = 0, stalenessAgeP90: Double = 0,
        stalenessAgeP99: Double = 0, stalenessAgeMax: Double = 0, versionLagMean: Double = 0,
        latencyP50: Double = 0, latencyP99: Double = 0, hopsMean: Double = 0, messagesPerRead: Double = 0,
        messagesPerNodePerSecond: Double = 0, bytesPerNodePerSecond: Double = 0, meanOnlineNodes: Double = 0,
        deadContactShare: Double = 0
    ) {
        self.reads = reads
        self.freshFraction = freshFraction
        self.staleFraction = staleFraction
        self.missingFraction = missingFraction
        self.reachableFraction = reachableFraction
        self.stalenessAgeP50 = stalenessAgeP50
        self.stalenessAgeP90 = stalenessAgeP90
        self.stalenessAgeP99 = stalenessAgeP99
        self.stalenessAgeMax = stalenessAgeMax
        self.versionLagMean = versionLagMean
        self.latencyP50 = latencyP50
        self.latencyP99 = latencyP99
        self.hopsMean = hopsMean
        self.messagesPerRead = messagesPerRead
        self.messagesPerNodePerSecond = messagesPerNodePerSecond
        self.bytesPerNodePerSecond = bytesPerNodePerSecond
        self.meanOnlineNodes = meanOnlineNodes
        self.deadContactShare = deadContactShare
    }

    /// Summarises `observations` (the reads of the measured period, any order) and `totals`.
    public init(observations: [ReadObservation], totals: RunTotals) {
        self.init(tally: ReadTally(observations), totals: totals)
    }

    /// Summarises the reads gathered in `tally` and `totals`.
    public init(tally: ReadTally, totals: RunTotals) {
        self.init()
        let count = tally.count
        reads = count
        if count > 0 {
            let total = Double(count)
            freshFraction = Double(tally.fresh) / total
            staleFraction = Double(tally.stale) / total
            missingFraction = Double(tally.missing) / total
            reachableFraction = Double(tally.reachable) / total
            forgedFraction = Double(tally.forged) / total
            rollbackFraction = Double(tally.rollbacks) / total
            poisonedReadFraction = Double(tally.forged + tally.rollbacks) / total
            lookupSuccess = Double(tally.fresh + tally.stale) / total
            ownCopyFraction = Double(tally.fromOwnCopy) / total
            if tally.fromOwnCopy > 0 { ownCopyStaleFraction = Double(tally.staleFromOwnCopy) / Double(tally.fromOwnCopy) }
            hopsMean = Double(tally.hops) / total
            messagesPerRead = Double(tally.messages) / total
            if tally.stale > 0 { versionLagMean = Double(tally.lagSum) / Double(tally.stale) }
            let ages = tally.ages.sorted()
            let second = Double(Time.second)
            stalenessAgeP50 = Double(Percentile.nearestRank(ages, percent: 50) ?? 0) / second
            stalenessAgeP90 = Double(Percentile.nearestRank(ages, percent: 90) ?? 0) / second
            stalenessAgeP99 = Double(Percentile.nearestRank(ages, percent: 99) ?? 0) / second
            stalenessAgeMax = Double(ages.last ?? 0) / second
            let latencies = tally.latencies.sorted()
            let millisecond = Double(Time.millisecond)
            latencyP50 = Double(Percentile.nearestRank(latencies, percent: 50) ?? 0) / millisecond
            latencyP99 = Double(Percentile.nearestRank(latencies, percent: 99) ?? 0) / millisecond
        }
        if totals.onlineNodeSeconds > 0 {
            messagesPerNodePerSecond = Double(totals.messages) / totals.onlineNodeSeconds
            bytesPerNodePerSecond = Double(totals.bytes) / totals.onlineNodeSeconds
            signaturesVerifiedPerNodePerSecond = Double(totals.signaturesVerified) / totals.onlineNodeSeconds
        }
        if totals.measuredSeconds > 0 {
            meanOnlineNodes = totals.onlineNodeSeconds / totals.measuredSeconds
        }
        deadContactSamples = totals.deadContactShareSamples.count
        if !totals.deadContactShareSamples.isEmpty {
            deadContactShare = totals.deadContactShareSamples.reduce(0, +) / Double(totals.deadContactShareSamples.count)
        }
    }
}

extension RunSummary {
    /// The metric names in declaration order; scenario `expect` bounds and `kadsim compare` use these.
    public static let metricNames: [String] = [
        "reads", "freshFraction", "staleFraction", "missingFraction", "reachableFraction",
        "stalenessAgeP50", "stalenessAgeP90", "stalenessAgeP99", "stalenessAgeMax", "versionLagMean",
        "latencyP50", "latencyP99", "hopsMean", "messagesPerRead", "messagesPerNodePerSecond",
        "bytesPerNodePerSecond", "meanOnlineNodes", "deadContactShare",
    ]

    /// The poisoning metrics, added after the first results schema (migration v2); kept apart so that
    /// `metricNames`, its columns and result digests stay as they were.
    public static let poisoningMetricNames: [String] = [
        "forgedFraction", "rollbackFraction", "poisonedReadFraction", "lookupSuccess", "signaturesVerifiedPerNodePerSecond",
    ]

    /// Metrics for comparing with a real network, added with migration v3 and kept apart for the same reason.
    public static let fidelityMetricNames: [String] = ["ownCopyFraction", "ownCopyStaleFraction", "deadContactSamples"]

    /// The metrics `kadsim compare` tabulates: `metricNames`, then the share of reads answered from the reader's own
    /// copy and how stale those were.
    public static let comparedMetricNames: [String] = metricNames + ["ownCopyFraction", "ownCopyStaleFraction"]

    /// Every metric a bound can name: `metricNames`, `poisoningMetricNames`, then `fidelityMetricNames`.
    public static let allMetricNames: [String] = metricNames + poisoningMetricNames + fidelityMetricNames

    /// `(name, value)` for every metric in `allMetricNames` order.
    public var allMetrics: [(name: String, value: Double)] {
        Self.allMetricNames.map { ($0, value(of: $0)!) }
    }

    /// The value of the metric called `name`, or nil for an unknown name.
    public func value(of name: String) -> Double? {
        switch name {
        case "forgedFraction": forgedFraction
        case "rollbackFraction": rollbackFraction
        case "poisonedReadFraction": poisonedReadFraction
        case "lookupSuccess": lookupSuccess
        case "signaturesVerifiedPerNodePerSecond": signaturesVerifiedPerNodePerSecond
        case "ownCopyFraction": ownCopyFraction
        case "ownCopyStaleFraction": ownCopyStaleFraction
        case "deadContactSamples": Double(deadContactSamples)
        case "reads": Double(reads)
        case "freshFraction": freshFraction
        case "staleFraction": staleFraction
        case "missingFraction": missingFraction
        case "reachableFraction": reachableFraction
        case "stalenessAgeP50": stalenessAgeP50
        case "stalenessAgeP90": stalenessAgeP90
        case "stalenessAgeP99": stalenessAgeP99
        case "stalenessAgeMax": stalenessAgeMax
        case "versionLagMean": versionLagMean
        case "latencyP50": latencyP50
        case "latencyP99": latencyP99
        case "hopsMean": hopsMean
        case "messagesPerRead": messagesPerRead
        case "messagesPerNodePerSecond": messagesPerNodePerSecond
        case "bytesPerNodePerSecond": bytesPerNodePerSecond
        case "meanOnlineNodes": meanOnlineNodes
        case "deadContactShare": deadContactShare
        default: nil
        }
    }

    /// Sets the metric called `name`; returns false for an unknown name. `reads` and `deadContactSamples` are rounded.
    @discardableResult
    public mutating func setValue(_ value: Double, of name: String) -> Bool {
        switch name {
        case "forgedFraction": forgedFraction = value
        case "rollbackFraction": rollbackFraction = value
        case "poisonedReadFraction": poisonedReadFraction = value
        case "lookupSuccess": lookupSuccess = value
        case "signaturesVerifiedPerNodePerSecond": signaturesVerifiedPerNodePerSecond = value
        case "ownCopyFraction": ownCopyFraction = value
        case "ownCopyStaleFraction": ownCopyStaleFraction = value
        case "deadContactSamples": deadContactSamples = Int(value.rounded())
        case "reads": reads = Int(value.rounded())
        case "freshFraction": freshFraction = value
        case "staleFraction": staleFraction = value
        case "missingFraction": missingFraction = value
        case "reachableFraction": reachableFraction = value
        case "stalenessAgeP50": stalenessAgeP50 = value
        case "stalenessAgeP90": stalenessAgeP90 = value
        case "stalenessAgeP99": stalenessAgeP99 = value
        case "stalenessAgeMax": stalenessAgeMax = value
        case "versionLagMean": versionLagMean = value
        case "latencyP50": latencyP50 = value
        case "latencyP99": latencyP99 = value
        case "hopsMean": hopsMean = value
        case "messagesPerRead": messagesPerRead = value
        case "messagesPerNodePerSecond": messagesPerNodePerSecond = value
        case "bytesPerNodePerSecond": bytesPerNodePerSecond = value
        case "meanOnlineNodes": meanOnlineNodes = value
        case "deadContactShare": deadContactShare = value
        default: return false
        }
        return true
    }

    /// `(name, value)` for every metric, in `metricNames` order.
    public var metrics: [(name: String, value: Double)] {
        Self.metricNames.map { ($0, value(of: $0)!) }
    }

    /// The bounds of `scenario.expect` that apply to `store` and that this summary violates.
    public func violations(of bounds: [Scenario.Bound], store: StoreMode) -> [Scenario.Bound] {
        bounds.filter { bound in
            guard bound.store == nil || bound.store == store, let value = value(of: bound.metric) else { return false }
            return !bound.admits(value)
        }
    }
}
