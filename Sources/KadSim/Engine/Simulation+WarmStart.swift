import KademliaCore

/// A warm start (`network.start: "warm"`): the nodes that start online come up at time 0 with routing tables filled
/// from global knowledge, as PeerSim and OverSim start Kademlia, so a large network begins in steady state without
/// simulating every join. Later rejoins run the protocol join as usual.
extension Simulation {
    /// Fills the routing tables of `indices` from one another and brings those nodes online now.
    ///
    /// Each node gets, for every bucket index i, up to k nodes whose ids share exactly i leading bits with its own,
    /// chosen with the warm-start stream. In the id-sorted list those nodes form one contiguous run: the ids sharing
    /// at least i bits with the node form a window around it, and bit i splits that window in two.
    func warmStart(_ indices: [Int]) {
        // Each node's contact is interned once and rides along, so filling a table reads the sorted list only: no
        // random node and no hash lookup per contact.
        var sorted = indices.map { index in
            let core = nodes[index].core
            return (id: core.id, node: index, contact: contacts.interned(Contact(id: core.id, address: core.address)))
        }
        sorted.sort { ($0.id, $0.node) < ($1.id, $1.node) }
        let bucketSize = scenario.kademlia.k
        var chosenContacts: [ContactDirectory.Interned] = []
        for position in sorted.indices {
            let id = sorted[position].id
            chosenContacts.removeAll(keepingCapacity: true)
            var window = sorted.indices
            var bit = 0
            while window.count > 1, bit < NodeID.bitCount {
                let split = Self.firstPosition(in: window, of: sorted, withBit: bit)
                let other = id.bit(bit) ? window.lowerBound..<split : split..<window.upperBound
                for chosen in choose(upTo: bucketSize, from: other) {
                    chosenContacts.append(sorted[chosen].contact)
                }
                window = id.bit(bit) ? split..<window.upperBound : window.lowerBound..<split
                bit += 1
            }
            nodes[sorted[position].node].core.warmStart(contacts: chosenContacts, from: contacts, now: now)
        }
        for index in indices {
            churnTrace.add(now, Int64(index), 1, 0, -1)
            markOnline(index)
            startSession(index)
        }
    }

    /// Where a warm-started node's maintenance clock starts: uniformly within the first bucket-refresh (or republish)
    /// interval, so that the nodes' refreshes and republishes do not all fall due at the same instant.
    func warmTimerPhase() -> Microseconds {
        let interval = min(scenario.kademlia.bucketRefresh, scenario.kademlia.republish)
        return Microseconds(streams.warmStart.next() % UInt64(interval))
    }

    /// The first position in `window` whose id has `bit` set; the ids there are sorted and share the bits before it.
    private static func firstPosition(in window: Range<Int>, of sorted: [(id: NodeID, node: Int, contact: ContactDirectory.Interned)], withBit bit: Int) -> Int {
        var low = window.lowerBound, high = window.upperBound
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle].id.bit(bit) { high = middle } else { low = middle + 1 }
        }
        return low
    }

    /// Up to `count` distinct positions of `range`: all of them when there are no more, else a uniform choice.
    private func choose(upTo count: Int, from range: Range<Int>) -> [Int] {
        guard range.count > count else { return Array(range) }
        var chosen: [Int] = []
        chosen.reserveCapacity(count)
        while chosen.count < count {
            let candidate = range.lowerBound + Int(streams.warmStart.next() % UInt64(range.count))
            if !chosen.contains(candidate) { chosen.append(candidate) }
        }
        return chosen
    }
}
