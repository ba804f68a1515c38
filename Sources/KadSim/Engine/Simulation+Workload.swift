import Foundation
import KademliaCore

/// The chat's presence workload: every user owns a record (its name → its current address), publishes it
/// on every (re)join and every owner-republish interval, and reads other users' records at random.
extension Simulation {
    func publish(from index: Int, session: UInt32) {
        guard status[index].isOnline, nodes[index].session == session, !status[index].isHostile, let key = userKeys[index] else { return }
        let sequence = nodes[index].nextWriteSequence
        nodes[index].nextWriteSequence += 1
        let value = PresenceValue(sequence: sequence, address: nodes[index].core.address)
        oracle.writeStarted(owner: index, sequence: sequence, address: value.address)
        workloadTrace.add(now, 0, Int64(index), sequence)
        let operation = nodes[index].core.start(.put(key: key, value: value.value), now: now)
        nodes[index].pendingWrites[operation] = sequence
        queue.schedule(.publish, at: now + scenario.workload.ownerRepublish, node: index, detail: session)
        afterInput(index)
    }

    func scheduleNextRead(of index: Int, session: UInt32) {
        let perSecond = scenario.workload.readsPerNodePerHour / 3600
        guard perSecond > 0, !users.isEmpty else { return }
        let gap = -log(1 - streams.workload.nextUnit()) / perSecond
        queue.schedule(.read, at: now + max(1, Microseconds(gap * 1e6)), node: index, detail: session)
    }

    func read(from index: Int, session: UInt32) {
        guard status[index].isOnline, nodes[index].session == session else { return }
        scheduleNextRead(of: index, session: session)
        let owner = users[Int(streams.workload.next() % UInt64(users.count))]
        workloadTrace.add(now, 1, Int64(index), Int64(owner))
        // A user looking itself up, or a record never written, says nothing about staleness.
        guard owner != index, nodes[owner].nextWriteSequence > 0, !status[index].isHostile, let key = userKeys[owner] else { return }
        let operation = nodes[index].core.start(.get(key: key), now: now)
        nodes[index].pendingReads[operation] = .init(owner: owner, startedAt: now, latestAtStart: oracle.latestCompleted(of: owner))
        afterInput(index)
    }

    func handle(_ event: NodeEvent, at index: Int) {
        guard case .completed(let operation, let result, let stats) = event else { return }
        if status[index].isHostile {
            adversaryCompleted(operation, result, at: index)
            return
        }
        switch result {
        case .put:
            if let sequence = nodes[index].pendingWrites.removeValue(forKey: operation) {
                oracle.writeCompleted(owner: index, sequence: sequence, at: now)
            }
        case .got(let record):
            if let pending = nodes[index].pendingReads.removeValue(forKey: operation) {
                observeRead(pending, record: record, reader: index, stats: stats)
            }
        case .joined, .found, .observedAddress:
            break
        }
    }

    private func observeRead(_ read: SimulatedNode.PendingRead, record: Record?, reader: Int, stats: OperationStats) {
        let parsed = record.flatMap { PresenceValue($0.value, port: Self.port) }
        let forged = record != nil && !(parsed.map { oracle.isGenuine(owner: read.owner, $0) } ?? false)
        let presence = forged ? nil : parsed
        var rollback = false
        if let sequence = presence?.sequence {
            let seen = nodes[reader].highestSeen[read.owner] ?? -1
            rollback = sequence < seen
            if sequence > seen { nodes[reader].highestSeen[read.owner] = sequence }
        }
        guard read.startedAt >= scenario.warmup, read.latestAtStart >= 0 else { return }
        var verdict = oracle.classify(owner: read.owner, returned: presence?.sequence, latestAtStart: read.latestAtStart, startedAt: read.startedAt)
        if forged { verdict = StalenessOracle.Classification(outcome: .forged) }
        // Fields read in place: copying a node would retain every buffer it holds.
        let reachesOwner = status[read.owner].isOnline && presence?.address == nodes[read.owner].core.address
            && partitionSides[read.owner] == partitionSides[reader]
        recordRead(ReadObservation(
            time: read.startedAt, reader: reader, owner: read.owner, outcome: verdict.outcome,
            returnedVersion: presence?.sequence, latestVersion: read.latestAtStart, versionLag: verdict.versionLag,
            stalenessAge: verdict.stalenessAge, reachesOwner: reachesOwner, latency: now - read.startedAt,
            hops: stats.hops, messages: stats.messages, rollback: rollback, fromOwnCopy: stats.answeredFromOwnCopy))
        currentMinute.reads += 1
        if verdict.outcome == .stale { currentMinute.staleReads += 1 }
        if verdict.outcome == .missing { currentMinute.missingReads += 1 }
    }
}
