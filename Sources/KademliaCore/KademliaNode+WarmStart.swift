extension KademliaNode {
    /// Fills the routing table with contacts the driver knows from outside (a simulator's global view, as PeerSim
    /// and OverSim start their Kademlia networks), each as if just heard from at `now`. Sends nothing and starts no
    /// operation, so a large network can begin in steady state instead of simulating every join. The contacts are
    /// interned in `directory`, the one this node was made with.
    public mutating func warmStart(contacts: [ContactDirectory.Interned], from directory: ContactDirectory, now: Microseconds) {
        precondition(directory === routingTable.directory, "warm-start contacts come from the node's own contact directory")
        for contact in contacts { _ = routingTable.observe(contact, now: now) }
    }
}
