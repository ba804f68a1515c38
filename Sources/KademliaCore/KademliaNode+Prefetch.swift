extension KademliaNode {
    /// Starts loading the headers of the buffers an input changes first (routing table, pending RPCs, outputs,
    /// storage, timeouts, operations), so that their cache misses overlap instead of stalling one after another.
    /// A hint for a driver that knows which node comes next; it changes nothing.
    public mutating func prefetchHotState() {
        routingTable.buckets.prefetchHeader()
        routingTable.slots.prefetchHeader()
        pending.prefetchHeaders()
        transmits.prefetchHeaders()
        storage.prefetchHeaders()
        timeouts.prefetchHeaders()
        operations.prefetchHeaders()
    }

    /// Starts loading the routing-table bucket a message from `sender` is filed in (its entries and its record).
    public mutating func prefetchBucket(of sender: NodeID) {
        routingTable.prefetchBucket(of: sender)
    }
}
