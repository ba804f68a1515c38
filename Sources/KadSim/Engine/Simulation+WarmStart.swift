import Foundation
import KademliaCore

/// A warm start (`network.start: "warm"`): the nodes that start online come up at time 0 with routing tables filled
/// from global knowledge, as PeerSim and OverSim start Kademlia, so a large network begins in steady state without
/// simulating every join. Later rejoins run the protocol join as usual.
extension Simulation {
    /// A node coming up warm, in the id-sorted list the warm start works from.
    struct WarmNode {
        var id: NodeID
        var node: Int
        var contact: ContactDirectory.Interned
    }

    /// Fills the routing tables of `indices` from one another and brings those nodes online now.
    ///
    /// Each node gets, for every bucket index i, up to k nodes whose ids share exactly i leading bits with its own,
    /// chosen with the warm-start stream. In the id-sorted list those nodes form one contiguous run: the ids sharing
    /// at least i bits with the node form a window around it, and bit i splits that window in two.
    func warmStart(_ indices: [Int]) {
        // Each node's contact is interned once and rides along, so filling a table reads the sorted list only: no
        // random node and no hash lookup per contact.
        var sorted = indices.map { index in
            let id = nodes[index].core.id
            return WarmNode(id: id, node: index, contact: contacts.interned(Contact(id: id, address: nodes[index].core.address)))
        }
        sorted.sort { ($0.id, $0.node) < ($1.id, $1.node) }
        // Choosing stays in order (one random stream); filling the chosen tables is independent per node, so each
        // chunk's tables are filled on all cores.
        var chunk = WarmChunk()
        for position in sorted.indices {
            chunk.begin(node: sorted[position].node)
            chooseContacts(for: sorted[position].id, among: sorted, into: &chunk)
            if chunk.nodes.count == WarmChunk.size { fill(&chunk) }
        }
        fill(&chunk)
        placeFirstRecords(of: indices.filter { nodes[$0].isUser }, on: sorted)
        for index in indices {
            churnTrace.add(now, Int64(index), 1, 0, -1)
            markOnline(index)
            // In steady state owners republish at every phase of the interval, not all at once.
            let firstPublish = Microseconds(streams.warmStart.next() % UInt64(scenario.workload.ownerRepublish))
            startSession(index, firstPublishAfter: firstPublish)
        }
    }

    /// The contacts chosen for a run of nodes, waiting to be written into their tables.
    struct WarmChunk {
        static let size = 4096
        var nodes: [Int] = []
        /// Contacts of `nodes[i]` are `contacts[starts[i] ..< starts[i + 1]]` (the last runs to the end).
        var starts: [Int] = []
        var contacts: [ContactDirectory.Interned] = []
        /// Positions chosen for one bucket, kept to be reused.
        var chosen: [Int] = []

        mutating func begin(node: Int) {
            nodes.append(node)
            starts.append(contacts.count)
        }

        func contacts(ofEntry entry: Int) -> ArraySlice<ContactDirectory.Interned> {
            contacts[starts[entry] ..< (entry + 1 < starts.count ? starts[entry + 1] : contacts.count)]
        }
    }

    /// For every bucket index, up to k of the nodes whose ids share exactly that many leading bits with `id`.
    private func chooseContacts(for id: NodeID, among sorted: [WarmNode], into chunk: inout WarmChunk) {
        var window = sorted.indices
        var bit = 0
        while window.count > 1, bit < NodeID.bitCount {
            let split = Self.firstPosition(in: window, of: sorted, withBit: bit)
            let other = id.bit(bit) ? window.lowerBound..<split : split..<window.upperBound
            choose(upTo: scenario.kademlia.k, from: other, into: &chunk.chosen)
            for chosen in chunk.chosen { chunk.contacts.append(sorted[chosen].contact) }
            window = id.bit(bit) ? split..<window.upperBound : window.lowerBound..<split
            bit += 1
        }
    }

    /// Fills the tables of the chunk's nodes, split between the cores, and empties the chunk. The nodes of a chunk
    /// are distinct, and a table fill only reads the shared contact directory.
    private func fill(_ chunk: inout WarmChunk) {
        let now = self.now
        let directory = contacts
        let workers = min(ProcessInfo.processInfo.activeProcessorCount, max(1, chunk.nodes.count / 256))
        nodes.withUnsafeMutableBufferPointer { nodes in
            nonisolated(unsafe) let table = nodes
            let filled = chunk
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                for entry in stride(from: worker, to: filled.nodes.count, by: workers) {
                    table[filled.nodes[entry]].core.warmStart(contacts: filled.contacts(ofEntry: entry), from: directory, now: now)
                }
            }
        }
        chunk.nodes.removeAll(keepingCapacity: true)
        chunk.starts.removeAll(keepingCapacity: true)
        chunk.contacts.removeAll(keepingCapacity: true)
    }

    /// Writes each owner's first presence record (sequence 0) straight onto the k nodes closest to its key among
    /// `holders` (sorted by id), as a network in steady state would hold it.
    private func placeFirstRecords(of owners: [Int], on holders: [WarmNode]) {
        for owner in owners {
            guard let key = userKeys[owner] else { continue }
            let value = PresenceValue(sequence: 0, address: nodes[owner].core.address)
            let record = nodes[owner].core.firstRecord(of: value.value, key: key)
            oracle.writeStarted(owner: owner, sequence: 0, address: value.address)
            workloadTrace.add(now, 0, Int64(owner), 0)
            for holder in closest(to: key, among: holders) {
                nodes[holder].core.warmStore(record, key: key, now: now)
            }
            oracle.writeCompleted(owner: owner, sequence: 0, at: now)
            nodes[owner].nextWriteSequence = 1
        }
    }

    /// The k nodes of `holders` (sorted by id) closest to `key`: they lie in the smallest id-prefix range around
    /// `key` that holds at least k nodes.
    private func closest(to key: NodeID, among holders: [WarmNode]) -> [Int] {
        let k = scenario.kademlia.k
        var window = holders.indices
        var bit = 0
        while bit < NodeID.bitCount {
            let split = Self.firstPosition(in: window, of: holders, withBit: bit)
            let side = key.bit(bit) ? split..<window.upperBound : window.lowerBound..<split
            guard side.count >= k else { break }
            window = side
            bit += 1
        }
        return holders[window].sorted { $0.id.distance(to: key) < $1.id.distance(to: key) }.prefix(k).map(\.node)
    }

    /// Where a warm-started node's maintenance clock starts: uniformly within the first bucket-refresh (or republish)
    /// interval, so that the nodes' refreshes and republishes do not all fall due at the same instant.
    func warmTimerPhase() -> Microseconds {
        let interval = min(scenario.kademlia.bucketRefresh, scenario.kademlia.republish)
        return Microseconds(streams.warmStart.next() % UInt64(interval))
    }

    /// The first position in `window` whose id has `bit` set; the ids there are sorted and share the bits before it.
    private static func firstPosition(in window: Range<Int>, of sorted: [WarmNode], withBit bit: Int) -> Int {
        var low = window.lowerBound, high = window.upperBound
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle].id.bit(bit) { high = middle } else { low = middle + 1 }
        }
        return low
    }

    /// Sets `chosen` to up to `count` distinct positions of `range`: all of them when there are no more, else a
    /// uniform choice.
    private func choose(upTo count: Int, from range: Range<Int>, into chosen: inout [Int]) {
        chosen.removeAll(keepingCapacity: true)
        guard range.count > count else {
            chosen.append(contentsOf: range)
            return
        }
        while chosen.count < count {
            let candidate = range.lowerBound + Int(streams.warmStart.next() % UInt64(range.count))
            if !chosen.contains(candidate) { chosen.append(candidate) }
        }
    }
}
