import KademliaCore

/// How a read of a presence record turned out, judged by the oracle against the owner's latest write.
public enum ReadOutcome: String, Sendable, Hashable, CaseIterable {
    /// The lookup returned the owner's latest version.
    case fresh
    /// The lookup returned an older version.
    case stale
    /// The lookup found no value at all.
    case missing
    /// The lookup returned a value the owner never wrote (the oracle knows every genuine write).
    case forged
}

/// One read of one owner's presence record by one reader, as measured by the simulator.
public struct ReadObservation: Sendable, Hashable {
    /// Virtual time the lookup completed.
    public var time: Microseconds
    /// Index of the reading node.
    public var reader: Int
    /// Index of the node whose record was read.
    public var owner: Int
    public var outcome: ReadOutcome
    /// Write sequence number the returned value came from; nil when missing.
    public var returnedVersion: Int64?
    /// The owner's latest write sequence number at `time`.
    public var latestVersion: Int64
    /// `latestVersion - returnedVersion`, for stale reads only.
    public var versionLag: Int64?
    /// For stale reads only: `time` minus the time the returned version was superseded.
    public var stalenessAge: Microseconds?
    /// Whether the returned address is the owner's current one and the owner is online.
    public var reachesOwner: Bool
    /// Time from issuing the lookup to its completion.
    public var latency: Microseconds
    /// Lookup rounds (hops) taken.
    public var hops: Int
    /// Messages sent by the lookup, requests and responses.
    public var messages: Int
    /// The returned genuine version is older than one this reader already saw for this owner.
    public var rollback: Bool
    /// The reader answered with its own stored copy (see `OperationStats.answeredFromOwnCopy`).
    public var fromOwnCopy: Bool

    public init(
        time: Microseconds, reader: Int, owner: Int, outcome: ReadOutcome, returnedVersion: Int64?,
        latestVersion: Int64, versionLag: Int64?, stalenessAge: Microseconds?, reachesOwner: Bool,
        latency: Microseconds, hops: Int, messages: Int, rollback: Bool = false, fromOwnCopy: Bool = false
    ) {
        self.time = time
        self.reader = reader
        self.owner = owner
        self.outcome = outcome
        self.returnedVersion = returnedVersion
        self.latestVersion = latestVersion
        self.versionLag = versionLag
        self.stalenessAge = stalenessAge
        self.reachesOwner = reachesOwner
        self.latency = latency
        self.hops = hops
        self.messages = messages
        self.rollback = rollback
        self.fromOwnCopy = fromOwnCopy
    }
}

/// One minute of a run's time series.
public struct SeriesPoint: Sendable, Hashable {
    /// Minutes since the start of the run (warm-up included).
    public var minute: Int
    /// Nodes online at the end of the minute.
    public var onlineNodes: Int
    /// Reads completed in the minute.
    public var reads: Int
    public var staleReads: Int
    public var missingReads: Int

    public init(minute: Int, onlineNodes: Int, reads: Int, staleReads: Int, missingReads: Int) {
        self.minute = minute
        self.onlineNodes = onlineNodes
        self.reads = reads
        self.staleReads = staleReads
        self.missingReads = missingReads
    }
}

/// Run-wide counters over the measured period (after warm-up).
public struct RunTotals: Sendable, Hashable {
    /// Events processed by the simulator.
    public var events: Int
    /// Datagrams sent by all nodes.
    public var messages: Int
    /// Bytes in those datagrams.
    public var bytes: Int
    /// Sum over nodes of the seconds each was online.
    public var onlineNodeSeconds: Double
    /// Length of the measured period in seconds.
    public var measuredSeconds: Double
    /// Nodes in the network, online or not.
    public var nodeCount: Int
    /// Periodic samples of the share of routing-table contacts that are offline or at an old address.
    public var deadContactShareSamples: [Double]
    /// Signatures verified by all nodes over the measured period (signed store only).
    public var signaturesVerified: Int = 0
    /// Datagram deliveries over the measured period.
    public var deliveries: Int = 0
    /// Heap allocations the whole process made over the measured period; nil when not counted.
    public var heapAllocations: UInt64?
    /// The most nodes online at once over the whole run, warm-up included (not part of the result digest).
    public var peakOnlineNodes: Int = 0

    public init(
        events: Int, messages: Int, bytes: Int, onlineNodeSeconds: Double, measuredSeconds: Double,
        nodeCount: Int, deadContactShareSamples: [Double]
    ) {
        self.events = events
        self.messages = messages
        self.bytes = bytes
        self.onlineNodeSeconds = onlineNodeSeconds
        self.measuredSeconds = measuredSeconds
        self.nodeCount = nodeCount
        self.deadContactShareSamples = deadContactShareSamples
    }
}
