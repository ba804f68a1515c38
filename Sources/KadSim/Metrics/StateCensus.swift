/// What the network holds when a run ends, offline nodes included (a laptop keeps its state while away). It shows
/// what grows over a long run: records kept for their TTL by every node that was ever among the closest, and
/// replacement caches filling with strangers.
public struct StateCensus: Sendable, Hashable {
    /// Records in every node's storage.
    public var storedRecords = 0
    /// Contacts in every routing table's buckets.
    public var routingContacts = 0
    /// Contacts waiting in every routing table's replacement caches.
    public var waitingContacts = 0
    /// Distinct (id, address) contacts the shared directory has interned.
    public var internedContacts = 0
    /// Events scheduled and not yet processed.
    public var queuedEvents = 0

    public init() {}
}
