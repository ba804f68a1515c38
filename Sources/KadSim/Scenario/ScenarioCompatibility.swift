extension Scenario.Kademlia {
    /// A named set of the switchable behaviours: `kademlia.compatibility` starts from it, and any switch the
    /// scenario also gives overrides it.
    public enum Compatibility: String, CaseIterable, Sendable {
        /// The paper's protocol: every switch at its default.
        case paper
        /// Every behaviour of the Python kademlia 2.2.3 library that kadsim can switch, but the repeated record
        /// transfer, which floods wherever it applies.
        case python223 = "python-2.2.3"

        func apply(to kademlia: inout Scenario.Kademlia) {
            kademlia.compatibility = self
            switch self {
            case .paper:
                break
            case .python223:
                kademlia.refreshBucketsOnJoin = false
                kademlia.leastRecentlySeenOrder = false
                kademlia.repeatsHeadChecks = true
                kademlia.transferKeyHashedTwice = true
                kademlia.neighboursByBucketWalk = true
                kademlia.lookupsInRounds = true
                kademlia.relaxedBucketSplit = true
            }
        }
    }
}
