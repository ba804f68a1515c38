/// Which store semantics a node runs.
public enum StoreMode: String, Sendable, CaseIterable, Codable {
    /// What the Python kademlia 2.2.3 library does: last write wins, majority of the first round that has a value.
    case plain
    /// Every value carries a version; the highest version wins everywhere.
    case timestamped
    /// BEP 44-style mutable records: the key is the SHA-1 of the owner's Ed25519 public key, every record is
    /// signed over (key, sequence, value), storing nodes and readers verify, the highest sequence wins.
    case signed
}

/// Protocol parameters. Defaults follow the Python kademlia 2.2.3 library so that `plain` is that library;
/// the paper's value is noted where it differs.
public struct KademliaConfiguration: Sendable, Hashable {
    /// Bucket size and replication factor. Paper: 20. Python: `ksize = 20`.
    public var k = 20
    /// Parallel requests per lookup. Paper: 3. Python: `alpha = 3`.
    public var alpha = 3
    /// How long to wait for a reply. Python (rpcudp): 5 s, no retry.
    public var rpcTimeout: Microseconds = 5 * Time.second
    /// Buckets untouched this long are refreshed with a random lookup. Paper and Python: 1 h.
    public var bucketRefreshInterval: Microseconds = Time.hour
    /// Holders republish records not stored in this long. Paper and Python: 1 h.
    public var republishInterval: Microseconds = Time.hour
    /// A record not re-stored in this long is dropped. Paper: 24 h. Python: 604,800 s (1 week).
    public var recordTTL: Microseconds = 7 * Time.day
    /// Failed RPCs after which a contact leaves the routing table. Python: 1 (any timeout removes it).
    public var staleContactFailures = 1
    /// Replacement cache entries per bucket. Python: `ksize * 5` = 100.
    public var replacementCacheSize = 100
    /// A full bucket pings its least-recently-seen contact for a newcomer only if that contact has been silent this
    /// long. Paper and Python: 0 (always ping). BEP 5 (BitTorrent's DHT): 15 min.
    public var headCheckAfter: Microseconds = 0
    /// How much of the table one address or one /24 may hold. Paper and Python: no limits.
    public var addressLimits = AddressLimits.none
    /// A holder whose republish lookup finds k nodes closer to the key than itself hands the record to them and
    /// deletes its own copy, so it stops republishing. Paper and Python: no (every holder republishes hourly until
    /// the TTL, however far the key's k closest have moved away).
    public var dropRecordsWhenNotClosest = false
    /// After joining, refresh the buckets farther than the closest neighbour, as the paper says (those empty or
    /// idle for a refresh interval). Python: no.
    public var refreshBucketsOnJoin = true
    /// A contact heard from again moves to its bucket's tail and takes the address it was heard from, as the paper
    /// says. Python: no (a known id changes nothing, so the head is the oldest inserted contact).
    public var leastRecentlySeenOrder = true
    /// Every message from a contact waiting in a replacement cache pings the bucket's head again, even while an
    /// earlier ping is in flight. Python: yes (such a contact counts as new on every message). Here: no, a bucket has
    /// one head check at a time.
    public var repeatsHeadChecks = false
    /// Every message from a contact waiting in a replacement cache (each request it sends and each reply it gives)
    /// runs the record-transfer check again, as for a newcomer. Python: yes (such a contact counts as new). Here:
    /// no, records go to a contact once, when it enters the table. With it, a holder that is a key's closest sends
    /// that key to a waiting contact again on every reply to the last transfer: a STORE exchange that ends only when
    /// the contact enters the table, leaves its cache or goes offline.
    public var repeatsRecordTransfer = false
    /// Record transfer judges a key by the neighbours of SHA-1(key) rather than of the key itself. Python: yes (it
    /// hashes the already hashed key again).
    public var transferKeyHashedTwice = false
    /// Neighbours (a FIND_NODE answer, a lookup's seeds, the record-transfer check) come from walking buckets outward
    /// from the target's until k are found, and the walk touches the target's bucket as a lookup does. Python: yes
    /// (approximate: a closer contact in a bucket not reached is missed). Here: no, the exact k closest.
    public var neighboursByBucketWalk = false
    /// Lookups go in rounds: α requests, then none until every one has answered or failed (a dead contact holds
    /// the round for a whole RPC timeout); a round whose k nearest did not change asks all of them not yet asked,
    /// and a get answers from the values of the first round that has any. Python: yes. Here: no, α in flight.
    public var lookupsInRounds = false
    /// Buckets are ranges of the id space; a full one splits when it covers the own id or when the ids it holds
    /// share a prefix whose length is not a multiple of 5, so a table keeps up to 16 buckets for each 5 bits of prefix
    /// where the paper's keeps one per bit. Lonely buckets, the own id's included, are refreshed with an id in their
    /// range. Python: yes. Here: no, the paper's one bucket per shared-prefix length.
    public var relaxedBucketSplit = false
    public var storeMode: StoreMode = .plain
    /// Lookup paths that share no node, as in S/Kademlia (d). 1 is the paper's single lookup.
    public var disjointPaths = 1
    /// Matching FIND_VALUE replies a get waits for before it answers (q). 1 answers on the first.
    public var quorum = 1

    public init() {}
}
