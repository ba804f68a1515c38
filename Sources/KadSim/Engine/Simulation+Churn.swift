import KademliaCore

/// Laptop-style churn: nodes vanish without a goodbye and come back with their old table and records,
/// often at a new address.
extension Simulation {
    /// Spacing of the initial joins, so the network grows instead of starting with a join storm.
    static let maximumJoinSpacing: Microseconds = 50 * Time.millisecond

    /// Without `network.joinOver`, nodes join one after another this far apart: at most 50 ms, and all within half
    /// the warm-up.
    var initialJoinSpacing: Microseconds {
        let count = Microseconds(scenario.network.nodes)
        return scenario.warmup > 0 ? min(Self.maximumJoinSpacing, scenario.warmup / (2 * count)) : Self.maximumJoinSpacing
    }

    /// When node `index` first joins: `index · joinOver / nodes` (exact, whatever the node count), or
    /// `index · initialJoinSpacing` without `joinOver`.
    func initialJoinTime(of index: Int) -> Microseconds {
        guard let joinOver = scenario.network.joinOver else { return Microseconds(index) * initialJoinSpacing }
        return Microseconds(scenario.network.nodes).dividingFullWidth(Microseconds(index).multipliedFullWidth(by: joinOver)).quotient
    }

    func scheduleChurn() {
        let count = nodes.count
        var startsOffline = Array(repeating: false, count: count)
        if let churn = scenario.churn {
            var order = Array(0..<count)
            order.shuffle(using: &streams.churn)
            for index in order.prefix(Int((churn.stableFraction * Double(count)).rounded())) { nodes[index].isStable = true }
            if case .trace(let trace) = churn.model {
                var seen = Array(repeating: false, count: count)
                for event in trace.events {
                    if !seen[event.node] {
                        seen[event.node] = true
                        startsOffline[event.node] = event.isUp
                    }
                    queue.schedule(
                        event.isUp ? .nodeUp : .nodeDown, at: event.time, node: event.node,
                        detail: event.address.map(Self.addressDetail) ?? Self.drawnAddress)
                }
            }
        }
        let warm = scenario.network.start == .warm
        var warmNodes: [Int] = []
        for index in 0..<count where !startsOffline[index] || status[index].isHostile {
            // Hostile nodes always join through the protocol, so honest tables start without them.
            if warm && !status[index].isHostile {
                warmNodes.append(index)
                continue
            }
            let slot = warm ? 0 : initialJoinTime(of: index)
            queue.schedule(.nodeUp, at: status[index].isHostile ? max(slot, adversary?.joinAt ?? 0) : slot, node: index)
        }
        if warm { warmStart(warmNodes) }
    }

    private var sessionModel: (session: DurationDistribution, downtime: DurationDistribution)? {
        guard let churn = scenario.churn, case .sessions(let session, let downtime) = churn.model else { return nil }
        return (session, downtime)
    }

    /// A `nodeUp` event's detail: the trace's word on the address (`addressDetail`), or `drawnAddress`.
    static let drawnAddress: UInt32 = 0
    static func addressDetail(_ address: ChurnTrace.AddressOnRejoin) -> UInt32 {
        switch address {
        case .same: return 1
        case .new: return 2
        }
    }

    /// Brings the node online; a rejoin moves to a new address as `addressDetail` says, or with
    /// `churn.newAddressProbability` when it says nothing (`drawnAddress`).
    func bringUp(_ index: Int, addressDetail: UInt32 = Simulation.drawnAddress) {
        guard !status[index].isOnline else { return }
        let rejoins = nodes[index].session > 0
        let moves = rejoins && (addressDetail == Self.drawnAddress
            ? scenario.churn.map { streams.churn.nextUnit() < $0.newAddressProbability } ?? false
            : addressDetail == Self.addressDetail(.new))
        if moves { nodes[index].core.address = allocateAddress(for: index) }
        let bootstrap = randomOnlineNode(excluding: index)
        churnTrace.add(now, Int64(index), 1, moves ? 1 : 0, Int64(bootstrap ?? -1))
        markOnline(index)
        // A rejoin goes through the bootstrap node and every contact still in the old table.
        let seeds = bootstrap.map { [nodes[$0].core.address] } ?? []
        _ = nodes[index].core.start(.join(seeds), now: now)
        startSession(index)
    }

    /// Counts the node online, opens its next session and, under a session model, draws when that session ends.
    func markOnline(_ index: Int) {
        accumulateOnlineTime()
        onlineCount += 1
        peakOnlineCount = max(peakOnlineCount, onlineCount)
        status[index].isOnline = true
        nodes[index].session += 1
        nodes[index].natMappings.removeAll()
        if let model = sessionModel, !nodes[index].isStable {
            queue.schedule(.nodeDown, at: now + model.session.sample(using: &streams.churn), node: index)
        }
    }

    /// The session's workload (a user's first publish, by default `workload.publishAfterJoin` after coming
    /// online; the reads) and the node's timer.
    func startSession(_ index: Int, firstPublishAfter delay: Microseconds? = nil) {
        let session = nodes[index].session
        if nodes[index].isUser {
            queue.schedule(.publish, at: now + (delay ?? scenario.workload.publishAfterJoin), node: index, detail: session)
        }
        scheduleNextRead(of: index, session: session)
        afterInput(index)
    }

    func takeDown(_ index: Int) {
        guard status[index].isOnline, !status[index].isHostile else { return }
        churnTrace.add(now, Int64(index), 0)
        accumulateOnlineTime()
        onlineCount -= 1
        status[index].isOnline = false
        status[index].disarm()
        nodes[index].core.disconnect()
        nodes[index].pendingReads.removeAll()
        nodes[index].pendingWrites.removeAll()
        if let model = sessionModel {
            queue.schedule(.nodeUp, at: now + model.downtime.sample(using: &streams.churn), node: index)
        }
    }

    /// A uniformly chosen online node other than `excluded`, from the churn stream (nil when none is online).
    private func randomOnlineNode(excluding excluded: Int) -> Int? {
        guard onlineCount > (status[excluded].isOnline ? 1 : 0) else { return nil }
        while true {
            let candidate = Int(streams.churn.next() % UInt64(nodes.count))
            if candidate != excluded && status[candidate].isOnline { return candidate }
        }
    }

    // MARK: Partitions

    func schedulePartitions() {
        for (number, partition) in scenario.network.partitions.enumerated() {
            queue.schedule(.partitionStart, at: partition.at, node: 0, detail: UInt32(number))
            queue.schedule(.partitionEnd, at: partition.at + partition.duration, node: 0, detail: UInt32(number))
        }
    }

    /// Cuts a random fraction of all nodes (drawn from the churn stream) off from the rest.
    func startPartition(_ number: Int) {
        let partition = scenario.network.partitions[number]
        var order = Array(nodes.indices)
        order.shuffle(using: &streams.churn)
        for index in order.prefix(Int((partition.fraction * Double(nodes.count)).rounded())) {
            partitionSides[index] = UInt32(number + 1)
        }
        churnTrace.add(now, -1, Int64(number))
    }

    func endPartition(_ number: Int) {
        for index in partitionSides.indices where partitionSides[index] == UInt32(number + 1) {
            partitionSides[index] = 0
        }
        churnTrace.add(now, -2, Int64(number))
    }
}
