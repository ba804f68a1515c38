import KademliaCore

extension Simulation {
    func accumulateOnlineTime() {
        guard now > scenario.warmup else { return }
        let from = max(lastOnlineChange, scenario.warmup)
        onlineNodeSeconds += Double(onlineCount) * Double(now - from) / Double(Time.second)
        lastOnlineChange = now
    }

    /// Closes the current minute of the time series.
    func sample() {
        currentMinute.onlineNodes = onlineCount
        series.append(currentMinute)
        let minute = currentMinute.minute + 1
        currentMinute = SeriesPoint(minute: minute, onlineNodes: 0, reads: 0, staleReads: 0, missingReads: 0)
        queue.schedule(.sample, at: now + Time.minute, node: 0)
    }

    /// The share of routing-table contacts, over a few random online nodes, that point at no live node; the next
    /// sample follows `deadContactSampleInterval` later.
    func sampleDeadContacts() {
        queue.schedule(.deadContactSample, at: now + scenario.deadContactSampleInterval, node: 0)
        guard onlineCount > 0 else { return }
        var dead = 0
        var total = 0
        for _ in 0..<Self.deadContactSampleSize {
            let index = Int(streams.measurement.next() % UInt64(nodes.count))
            guard status[index].isOnline else { continue }
            for contact in nodes[index].core.routingTable.contacts {
                total += 1
                guard let holder = owner(of: contact.address), status[holder].isOnline,
                      nodes[holder].core.address == contact.address, nodes[holder].core.id == contact.id else {
                    dead += 1
                    continue
                }
            }
        }
        if total > 0 { deadContactShares.append(Double(dead) / Double(total)) }
    }

    /// Counts a read of the measured period into the summary and the digest, and keeps it or batches it for the sink.
    func recordRead(_ observation: ReadObservation) {
        readTally.add(observation)
        readDigest.add(observation)
        guard readSink != nil else {
            observations.append(observation)
            return
        }
        readBatch.append(observation)
        if readBatch.count >= readBatchSize { flushReads() }
    }

    /// Hands the waiting reads to the sink; stops the run if it says so.
    func flushReads() {
        guard let readSink, !readBatch.isEmpty else { return }
        if !readSink(readBatch) { stopped = true }
        readBatch.removeAll(keepingCapacity: true)
    }

    func makeResult() -> SimulationResult {
        var totals = RunTotals(
            events: eventCount, messages: messages, bytes: bytes, onlineNodeSeconds: onlineNodeSeconds,
            measuredSeconds: Double(scenario.duration - scenario.warmup) / Double(Time.second),
            nodeCount: nodes.count, deadContactShareSamples: deadContactShares)
        totals.signaturesVerified = signaturesVerified - signaturesAtWarmup
        totals.deliveries = census.deliveries - steadyStateStart.deliveries
        if let start = steadyStateStart.allocations, let end = heapAllocations?() { totals.heapAllocations = end - start }
        totals.peakOnlineNodes = peakOnlineCount
        census.requestsByOrigin = nodes.indices.reduce(RequestTally()) { $0 + nodes[$1].core.requestsSent }
        let summary = RunSummary(tally: readTally, totals: totals)
        // The digest's order: every read, then the series, then the summary.
        var digest = readDigest
        for point in series { digest.add(point) }
        digest.add(summary)
        return SimulationResult(
            storeMode: storeMode, seed: seed, observations: observations, series: series, totals: totals, summary: summary,
            digest: digest, churnTrace: churnTrace, workloadTrace: workloadTrace, census: census, state: stateCensus())
    }

    private func stateCensus() -> StateCensus {
        var state = StateCensus()
        for node in nodes {
            state.storedRecords += node.core.storedRecordCount
            state.routingContacts += node.core.routingTable.count
            state.waitingContacts += node.core.routingTable.waitingCount
        }
        state.internedContacts = contacts.count
        state.queuedEvents = queue.count
        return state
    }
}
