extension KademliaNode {
    mutating func startLookup(
        _ operationID: OperationID, kind: Operation.Kind, target: NodeID, findValue: Bool, prepared: Record? = nil, now: Microseconds
    ) {
        routingTable.touch(bucketFor: target, now: now)
        // Built in the call, not in a local: a local would keep a second reference to the lookup alive through
        // `advance`, whose first step would then copy it.
        operations.put(
            Operation(kind: kind, lookup: makeLookup(target: target), findsValue: findValue, startedAt: now, prepared: prepared),
            for: operationID)
        advance(operationID, now: now)
    }

    mutating func startJoin(_ operationID: OperationID, addresses: [NodeAddress], now: Microseconds) {
        operations.put(Operation(kind: .join(pingsOutstanding: addresses.count), startedAt: now), for: operationID)
        for address in addresses where address != self.address {
            send(.ping, to: address, contactID: nil, purpose: .operation(operationID), now: now)
        }
        if addresses.allSatisfy({ $0 == self.address }) {
            operations.update(operationID) { $0.kind = .join(pingsOutstanding: 0) }
        }
        advance(operationID, now: now)
    }

    /// Moves an operation on after any input: sends the lookup's next requests, or acts on its end. The operation
    /// changes in place in its table: taking it out and putting it back moved its few hundred bytes twice a reply.
    mutating func advance(_ operationID: OperationID, now: Microseconds) {
        guard let step = operations.update(operationID, { $0.nextStep }) else { return }
        switch step {
        case .waiting:
            return
        case .startJoinLookup:
            // Moved into the table, not copied: a second reference would make the lookup's next step copy it.
            var lookup: DisjointLookup? = makeLookup(target: id)
            operations.update(operationID) { $0.lookup = lookup.take() }
            sendLookupRequests(operationID, now: now)
        case .lookup:
            sendLookupRequests(operationID, now: now)
        case .stored(let record, let acknowledged):
            guard var operation = operations.removeValue(forKey: operationID) else { return }
            if case .put = operation.kind {
                emit(operationID, .put(record, storedAt: acknowledged), operation, now: now)
            }
            retire(&operation)
        }
    }

    private mutating func sendLookupRequests(_ operationID: OperationID, now: Microseconds) {
        // The node's request buffer is borrowed for this step (and returned before anything can re-enter).
        var targets = requestBuffer
        requestBuffer = []
        targets.removeAll(keepingCapacity: true)
        let next = operations.update(operationID) { operation -> (request: Request, finished: Bool) in
            operation.lookup!.appendNextRequests(to: &targets)
            let target = operation.lookup!.target
            return (operation.findsValue ? .findValue(key: target) : .findNode(target: target), operation.lookup!.isFinished)
        }
        if let next {
            for contact in targets {
                send(next.request, to: contact.address, contactID: contact.id, purpose: .operation(operationID), now: now)
            }
        }
        requestBuffer = targets
        if next?.finished == true { finishLookup(operationID, now: now) }
    }

    private mutating func finishLookup(_ operationID: OperationID, now: Microseconds) {
        // Most lookups (puts, republishes, refreshes) need the list only while they finish: it comes from the pool
        // of answers' lists and goes back to it.
        var closest = buffers?.contactLists.take() ?? []
        defer { buffers?.contactLists.recycle(&closest) }
        // Read in place: a copy of the operation alive while it ends would share its buffers, and handing them back
        // to the pool would then copy them.
        let finished = operations.update(operationID) { operation -> Operation.Kind? in
            guard operation.lookup != nil else { return nil }
            operation.lookup!.appendClosestResponded(to: &closest)
            return operation.kind
        }
        guard let kind = finished ?? nil else { return }
        switch kind {
        case .join:
            complete(operationID, .joined(contacts: routingTable.count), now: now)
            if configuration.refreshBucketsOnJoin, let nearest = closest.first {
                // The paper refreshes every bucket farther than the closest neighbour; a laptop back after a short
                // nap has fresh ones, so only empty buckets and those idle for a refresh interval are looked up.
                let cutoff = now - configuration.bucketRefreshInterval
                refreshBuckets(routingTable.bucketsFarther(than: nearest.id).filter {
                    routingTable.bucketNeedsRefresh($0, untouchedSince: cutoff)
                }, now: now)
            }
        case .findNode:
            complete(operationID, .found(closest), now: now)
        case .refresh:
            complete(operationID, .found(closest), now: now)
        case .get(let key):
            finishGet(operationID, key: key, closest: closest, now: now)
        case .put(let key, let value):
            guard let record = recordToPut(operationID, key: key, value: value, now: now) else { return }
            storeAtClosest(operationID, key: key, record: record, closest: closest, now: now)
        case .republish(let key, let record):
            storeAtClosest(operationID, key: key, record: record, closest: closest, now: now)
            if configuration.dropRecordsWhenNotClosest, closest.count >= configuration.k, let farthest = closest.last,
               farthest.id.distance(to: key) < id.distance(to: key) {
                storage.remove(key)
            }
        case .observeAddress:
            break  // a single stun request, no lookup
        }
    }

    /// What a put whose lookup ended writes: the record it prepared, or the policy's from what it found.
    private func recordToPut(_ operationID: OperationID, key: NodeID, value: Value, now: Microseconds) -> Record? {
        guard let operation = operations[operationID] else { return nil }
        var found = records(foundBy: operation, adding: policy.putReadsFirst ? storedRecord(for: key, now: now) : nil)
        defer { buffers?.records.recycle(&found) }
        return operation.prepared
            ?? policy.recordToWrite(value, current: policy.putReadsFirst ? resolveWithQuorum(found) : nil, writer: id)
    }

    private mutating func finishGet(_ operationID: OperationID, key: NodeID, closest: [Contact], now: Microseconds) {
        // Taken out, not copied, so that its buffers are not shared when they go back to the pool.
        guard var operation = operations.removeValue(forKey: operationID) else { return }
        let local = policy.getAnswersLocally ? nil : storedRecord(for: key, now: now)
        var found = records(foundBy: operation, adding: local)
        let answer = resolveWithQuorum(found)
        buffers?.records.recycle(&found)
        operation.answeredFromOwnCopy = answer != nil && answer == local && !operation.found.contains { $0.record == answer }
        if let answer {
            // Repair responders that returned an older record, and cache at the closest node that had none.
            for (responder, record) in operation.found where policy.needsRepair(record, answer: answer) {
                send(.store(key: key, record: answer), to: responder.address, contactID: responder.id, purpose: .unattended(.readRepair), now: now)
                operation.messages += 1
            }
            // `found` holds at most a few answers: a scan, not a set to build.
            if let nearestWithout = closest.first(where: { contact in !operation.found.contains { $0.responder.id == contact.id } }) {
                send(.store(key: key, record: answer), to: nearestWithout.address, contactID: nearestWithout.id, purpose: .unattended(.readRepair), now: now)
                operation.messages += 1
            }
        }
        end(operationID, &operation, .got(answer), now: now)
    }

    /// STOREs the record at the k closest nodes found, and here too if this node is closer than the farthest.
    private mutating func storeAtClosest(_ operationID: OperationID, key: NodeID, record: Record, closest: [Contact], now: Microseconds) {
        if let farthest = closest.last, id.distance(to: key) < farthest.id.distance(to: key),
           accepts(record, over: storedRecord(for: key, now: now), key: key) {
            storage.store(record, for: key, now: now)
        }
        operations.update(operationID) { $0.phase = .storing(record: record, outstanding: closest.count, acknowledged: 0) }
        for contact in closest {
            send(.store(key: key, record: record), to: contact.address, contactID: contact.id, purpose: .operation(operationID), now: now)
        }
        advance(operationID, now: now)
    }

    private mutating func complete(_ operationID: OperationID, _ result: OperationResult, now: Microseconds) {
        guard var operation = operations.removeValue(forKey: operationID) else { return }
        end(operationID, &operation, result, now: now)
    }

    /// Reports an operation already taken out of the table and hands its room back.
    private mutating func end(_ operationID: OperationID, _ operation: inout Operation, _ result: OperationResult, now: Microseconds) {
        emit(operationID, result, operation, now: now)
        retire(&operation)
    }

    /// The records `operation` found, in arrival order, then `local` if any: in a spare list when the driver keeps
    /// spare buffers (to be handed back to `buffers.records` once resolved).
    private func records(foundBy operation: Operation, adding local: Record?) -> [Record] {
        var records = buffers?.records.take() ?? []
        for answer in operation.found { records.append(answer.record) }
        if let local { records.append(local) }
        return records
    }

    /// An ended operation's lookup and found records hand their room back, when the driver keeps spare buffers.
    private func retire(_ operation: inout Operation) {
        guard let buffers else { return }
        operation.lookup?.recycleCandidates(into: buffers.lookupCandidates)
        buffers.answers.recycle(&operation.found)
    }
}
