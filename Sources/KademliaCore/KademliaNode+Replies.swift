extension KademliaNode {
    /// A reply whose shape does not fit the request fails that RPC alone.
    mutating func handleResponse(
        _ response: Response, to rpc: PendingRPC, from source: NodeAddress,
        senderHint: ContactDirectory.Interned?, now: Microseconds
    ) {
        guard let responderID = responderID(of: response, to: rpc) else {
            // A stun answer names no node: it is the only reply that ends its operation without a responder.
            if case (.stun, .stunAddress(let seen)) = (rpc.asked, response) {
                finishObservation(rpc, seen: seen, now: now)
            } else {
                handleFailure(of: rpc, now: now)
            }
            return
        }
        let responder = Contact(id: responderID, address: source)
        welcome(responder, hint: senderHint, now: now)
        guard case .operation(let operationID) = rpc.purpose, apply(response, from: responder, to: rpc, in: operationID) else { return }
        advance(operationID, now: now)
    }

    /// Feeds a reply to its operation, changed in place in its table. Returns false when the operation is gone.
    private mutating func apply(_ response: Response, from responder: Contact, to rpc: PendingRPC, in operationID: OperationID) -> Bool {
        // What the change needs of the node, read first: the table is being changed while it runs. A value is
        // checked (and its signature counted) only for an operation still there.
        var admitted = false
        if case (.findValue(let key), .value(let record)) = (rpc.asked, response) {
            guard operations.contains(operationID) else { return false }
            admitted = admits(record, key: key)
        }
        let ownID = id
        let stopsAtFirstValue = policy.getStopsAtFirstValue
        let quorum = configuration.quorum
        let spareAnswers = buffers?.answers
        let changed: Void? = operations.update(operationID) { operation in
            switch (rpc.asked, response) {
            case (.ping, .pong):
                if case .join(let outstanding) = operation.kind {
                    operation.kind = .join(pingsOutstanding: outstanding - 1)
                }
            case (.findNode, .nodes(let contacts)), (.findValue, .nodes(let contacts)):
                operation.lookup?.handleResponse(from: responder.id, contacts: contacts, ignoring: ownID)
            case (.findValue, .value(let record)):
                // A record the policy rejects (a bad signature) counts as an answer without a value.
                if admitted {
                    if operation.found.capacity == 0, let spareAnswers { operation.found = spareAnswers.take() }
                    operation.found.append((responder, record))
                }
                operation.lookup?.handleResponse(from: responder.id, contacts: [])
                if stopsAtFirstValue, case .get = operation.kind, operation.hasQuorum(quorum) {
                    operation.lookup?.stop()
                }
            case (.store, .stored(let accepted)):
                if case .storing(let record, let outstanding, let acknowledged) = operation.phase {
                    operation.phase = .storing(record: record, outstanding: outstanding - 1, acknowledged: acknowledged + (accepted ? 1 : 0))
                }
            default:
                break
            }
        }
        return changed != nil
    }

    /// The responder's id: known from the request, or (bootstrap pings) from the pong. Nil for a reply of the
    /// wrong shape.
    private func responderID(of response: Response, to rpc: PendingRPC) -> NodeID? {
        switch (rpc.asked, response) {
        case (.ping, .pong(let pongID)):
            if let expected = rpc.contactID, expected != pongID { return nil }
            return pongID
        case (.store, .stored), (.findNode, .nodes), (.findValue, .nodes), (.findValue, .value):
            return rpc.contactID
        default:
            return nil
        }
    }

    mutating func handleFailure(of rpc: PendingRPC, now: Microseconds) {
        if case .stun = rpc.asked {
            finishObservation(rpc, seen: nil, now: now)
            return
        }
        if let contactID = rpc.contactID {
            routingTable.recordFailure(of: contactID, limit: configuration.staleContactFailures)
        }
        guard case .operation(let operationID) = rpc.purpose, applyFailure(of: rpc, in: operationID) else { return }
        advance(operationID, now: now)
    }

    /// Reports what the node asked by `stun` saw (nil: no answer, or a reply of the wrong shape).
    private mutating func finishObservation(_ rpc: PendingRPC, seen: NodeAddress?, now: Microseconds) {
        guard case .operation(let operationID) = rpc.purpose, let operation = operations.removeValue(forKey: operationID) else { return }
        emit(operationID, .observedAddress(seen), operation, now: now)
    }

    /// `apply(_:from:to:in:)` for a failed RPC.
    private mutating func applyFailure(of rpc: PendingRPC, in operationID: OperationID) -> Bool {
        let changed: Void? = operations.update(operationID) { operation in
            switch operation.phase {
            case .looking:
                if case .join(let outstanding) = operation.kind, rpc.asked == .ping {
                    operation.kind = .join(pingsOutstanding: outstanding - 1)
                } else if let contactID = rpc.contactID {
                    operation.lookup?.handleFailure(from: contactID)
                }
            case .storing(let record, let outstanding, let acknowledged):
                operation.phase = .storing(record: record, outstanding: outstanding - 1, acknowledged: acknowledged)
            }
        }
        return changed != nil
    }
}
