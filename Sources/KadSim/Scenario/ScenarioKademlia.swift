import KademliaCore

extension Scenario {
    /// Protocol parameters handed to every node. The store mode is not here: it comes from `Scenario.stores`.
    public struct Kademlia: Sendable, Hashable {
        /// Bucket size and replication factor (the paper's k), 1...64. Default 20.
        public var k: Int
        /// Lookup parallelism (the paper's alpha), 1...k. Default 3.
        public var alpha: Int
        /// Time after which an unanswered request counts as failed, > 0. Default 5 s.
        public var rpcTimeout: Microseconds
        /// A bucket with no lookup in this long is refreshed, > 0. Default 1 h.
        public var bucketRefresh: Microseconds
        /// Interval at which nodes republish the records they hold, > 0. Default 1 h.
        public var republish: Microseconds
        /// A record not republished by its owner in this long expires, > 0. Default 7 d.
        public var recordTTL: Microseconds
        /// Consecutive failed requests after which a contact is evicted, 1...10. Default 1.
        public var staleContactFailures: Int
        /// Contacts kept per bucket to replace evicted ones, 0...10_000. Default 100.
        public var replacementCacheSize: Int
        /// A full bucket pings its head for a newcomer only if the head was silent this long, >= 0. Default 0 s
        /// (always, as the paper and the Python library); BEP 5 uses 15 min.
        public var headCheckAfter: Microseconds = 0
        /// A holder whose republish finds k nodes closer to the key hands the record over and deletes its copy.
        /// Default false (as the paper and the Python library: it republishes hourly until the TTL).
        public var dropRecordsWhenNotClosest = false
        /// Disjoint lookup paths (S/Kademlia's d), 1...k. Default 1: the ordinary lookup.
        public var disjointPaths: Int = 1
        /// Matching FIND_VALUE replies a read waits for, 1...k. Default 1.
        public var quorum: Int = 1
        /// S/Kademlia's secure node-id assignment: a node id is the hash of a public key found by a crypto puzzle,
        /// so no node can choose where it sits. When true, hostile eclipse nodes keep the random ids every node
        /// gets instead of ids next to the target keys. Default false.
        public var secureNodeIDs: Bool = false
        /// At most one contact per IP address and port in a routing table (a new id from a held address waits until
        /// the holder fails). Default false, as the paper and the Python library.
        public var oneContactPerAddress: Bool = false
        /// At most this many contacts of one bucket in one IPv4 /24, 0...64; 0 means no limit (the default).
        public var contactsPerSubnetPerBucket: Int = 0
        /// After a join, look up the buckets farther than the closest neighbour that are empty or idle for a refresh
        /// interval, as the paper says. Default true; the Python library does not.
        public var refreshBucketsOnJoin: Bool = true
        /// Known contacts move to the bucket's tail and take their new address (the paper). Default true; Python: no.
        public var leastRecentlySeenOrder: Bool = true
        /// Every message from a contact waiting in a replacement cache pings the head again, even while a ping is in
        /// flight. Default false; Python: yes.
        public var repeatsHeadChecks: Bool = false
        /// Every message from a contact waiting in a replacement cache runs the record-transfer check again. Default
        /// false; Python: yes.
        public var repeatsRecordTransfer: Bool = false
        /// Record transfer judges keys by the neighbours of SHA-1(key). Default false; Python: yes.
        public var transferKeyHashedTwice: Bool = false
        /// Neighbours come from walking buckets outward from the target's. Default false (exact); Python: yes.
        public var neighboursByBucketWalk: Bool = false
        /// Lookups in rounds of α that wait for every reply. Default false (α in flight); Python: yes.
        public var lookupsInRounds: Bool = false
        /// Buckets are id ranges split the Python library's way. Default false (one bucket per prefix length); Python: yes.
        public var relaxedBucketSplit: Bool = false
        /// The preset the switches above started from (`kademlia.compatibility`). Default `paper`.
        public var compatibility: Compatibility = .paper

        public init(
            k: Int = 20,
            alpha: Int = 3,
            rpcTimeout: Microseconds = 5 * Time.second,
            bucketRefresh: Microseconds = Time.hour,
            republish: Microseconds = Time.hour,
            recordTTL: Microseconds = 7 * Time.day,
            staleContactFailures: Int = 1,
            replacementCacheSize: Int = 100
        ) {
            self.k = k
            self.alpha = alpha
            self.rpcTimeout = rpcTimeout
            self.bucketRefresh = bucketRefresh
            self.republish = republish
            self.recordTTL = recordTTL
            self.staleContactFailures = staleContactFailures
            self.replacementCacheSize = replacementCacheSize
        }
    }
}

extension Scenario.Kademlia {
    /// The node configuration for one run with the given store.
    public func configuration(storeMode: StoreMode) -> KademliaConfiguration {
        var configuration = KademliaConfiguration()
        configuration.k = k
        configuration.alpha = alpha
        configuration.rpcTimeout = rpcTimeout
        configuration.bucketRefreshInterval = bucketRefresh
        configuration.republishInterval = republish
        configuration.recordTTL = recordTTL
        configuration.staleContactFailures = staleContactFailures
        configuration.replacementCacheSize = replacementCacheSize
        configuration.headCheckAfter = headCheckAfter
        configuration.dropRecordsWhenNotClosest = dropRecordsWhenNotClosest
        configuration.storeMode = storeMode
        configuration.disjointPaths = disjointPaths
        configuration.quorum = quorum
        configuration.refreshBucketsOnJoin = refreshBucketsOnJoin
        configuration.leastRecentlySeenOrder = leastRecentlySeenOrder
        configuration.repeatsHeadChecks = repeatsHeadChecks
        configuration.repeatsRecordTransfer = repeatsRecordTransfer
        configuration.transferKeyHashedTwice = transferKeyHashedTwice
        configuration.neighboursByBucketWalk = neighboursByBucketWalk
        configuration.lookupsInRounds = lookupsInRounds
        configuration.relaxedBucketSplit = relaxedBucketSplit
        configuration.addressLimits = AddressLimits(
            oneContactPerAddress: oneContactPerAddress, contactsPerSubnetPerBucket: contactsPerSubnetPerBucket)
        return configuration
    }
}
