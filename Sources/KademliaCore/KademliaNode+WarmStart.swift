extension KademliaNode {
    /// Fills the routing table with contacts the driver knows from outside (a simulator's global view, as PeerSim
    /// and OverSim start their Kademlia networks), each as if just heard from at `now`. Sends nothing and starts no
    /// operation, so a large network can begin in steady state instead of simulating every join. The contacts are
    /// interned in `directory`, the one this node was made with.
    public mutating func warmStart(contacts: ArraySlice<ContactDirectory.Interned>, from directory: ContactDirectory, now: Microseconds) {
        precondition(directory === routingTable.directory, "warm-start contacts come from the node's own contact directory")
        routingTable.observe(all: contacts, now: now)
    }
}

extension KademliaNode {
    /// The record this node's put of `value` under `key` writes when none is stored yet: a warm start places it
    /// on its replica set from outside instead of simulating the put.
    public mutating func firstRecord(of value: Value, key: NodeID) -> Record {
        signedRecord(value, key: key) ?? policy.recordToWrite(value, current: nil, writer: id)
    }

    /// Stores `record` under `key` as if a STORE had arrived at `now`, through the store policy's check; sends
    /// nothing. Returns whether the record was kept.
    @discardableResult
    public mutating func warmStore(_ record: Record, key: NodeID, now: Microseconds) -> Bool {
        let existing = storage.record(for: key, now: now, ttl: configuration.recordTTL)
        guard accepts(record, over: existing, key: key) else { return false }
        storage.store(record, for: key, now: now)
        return true
    }
}
