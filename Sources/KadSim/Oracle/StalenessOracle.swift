import KademliaCore

/// Knows every owner's write history, outside the protocol, and classifies what reads return.
public struct StalenessOracle: Sendable {
    struct History: Sendable {
        /// Completion time per write sequence; nil while that write has not completed.
        var completedAt: [Microseconds?] = []
        var latestCompleted: Int64 = -1
        /// The address each write sequence carried, in sequence order: what the owner really wrote.
        var writtenAddresses: [NodeAddress] = []
    }

    private var histories: [History]

    public init(owners: Int) {
        histories = Array(repeating: History(), count: owners)
    }

    /// The latest completed write of `owner`, or -1 if none has completed.
    public func latestCompleted(of owner: Int) -> Int64 {
        histories[owner].latestCompleted
    }

    /// Records that the owner started write `sequence` of `address` (sequences start at 0 and go up by one).
    public mutating func writeStarted(owner: Int, sequence: Int64, address: NodeAddress) {
        guard Int(sequence) == histories[owner].writtenAddresses.count else { return }
        histories[owner].writtenAddresses.append(address)
    }

    /// Whether `owner` ever wrote `presence`: a known sequence number carrying the address it was written with.
    public func isGenuine(owner: Int, _ presence: PresenceValue) -> Bool {
        let written = histories[owner].writtenAddresses
        return presence.sequence >= 0 && presence.sequence < Int64(written.count) && written[Int(presence.sequence)] == presence.address
    }

    /// Records that the owner's write `sequence` finished at `time` (its put returned).
    public mutating func writeCompleted(owner: Int, sequence: Int64, at time: Microseconds) {
        let index = Int(sequence)
        if histories[owner].completedAt.count <= index {
            histories[owner].completedAt.append(contentsOf: repeatElement(nil, count: index + 1 - histories[owner].completedAt.count))
        }
        if histories[owner].completedAt[index] == nil { histories[owner].completedAt[index] = time }
        histories[owner].latestCompleted = max(histories[owner].latestCompleted, sequence)
    }

    /// When write `sequence` stopped being the newest: the first completion of any later write.
    public func supersededAt(owner: Int, sequence: Int64) -> Microseconds? {
        let history = histories[owner]
        var earliest: Microseconds?
        var index = Int(sequence) + 1
        while index < history.completedAt.count {
            if let time = history.completedAt[index] { earliest = min(earliest ?? time, time) }
            index += 1
        }
        return earliest
    }

    public struct Classification: Hashable, Sendable {
        public var outcome: ReadOutcome
        public var versionLag: Int64?
        public var stalenessAge: Microseconds?
    }

    /// Classifies a read that started at `startedAt` when the latest completed write was `latestAtStart`.
    /// A version newer than that (a write still completing) counts as fresh.
    public func classify(owner: Int, returned: Int64?, latestAtStart: Int64, startedAt: Microseconds) -> Classification {
        guard let returned else { return Classification(outcome: .missing) }
        guard returned < latestAtStart else { return Classification(outcome: .fresh) }
        let superseded = supersededAt(owner: owner, sequence: returned) ?? startedAt
        return Classification(outcome: .stale, versionLag: latestAtStart - returned, stalenessAge: max(0, startedAt - superseded))
    }
}
