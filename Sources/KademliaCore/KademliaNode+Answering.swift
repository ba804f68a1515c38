extension KademliaNode {
    /// Replies to an incoming request. Every request but `stun` also introduces its sender to the routing table.
    mutating func answer(_ request: Request, sender: NodeID, messageID: MessageID, from source: NodeAddress, now: Microseconds) {
        let response: Response
        switch request {
        case .ping:
            response = .pong(id)
        case .store(let key, let record):
            let existing = storage.record(for: key, now: now, ttl: configuration.recordTTL)
            let accepted = accepts(record, over: existing, key: key)
            if accepted { storage.store(record, for: key, now: now) }
            response = .stored(accepted)
        case .findNode(let target):
            response = .nodes(routingTable.closest(to: target, count: configuration.k, excluding: source))
        case .findValue(let key):
            if let record = storedRecord(for: key, now: now) {
                response = .value(record)
            } else {
                response = .nodes(routingTable.closest(to: key, count: configuration.k, excluding: source))
            }
        case .stun:
            response = .stunAddress(source)
        }
        transmits.append(Transmit(destination: source, message: Message(id: messageID, body: .response(response))))
        if request != .stun {
            welcome(Contact(id: sender, address: source), now: now)
        }
    }

    /// Adds or refreshes a contact we heard from. A node that enters the table receives the records it
    /// should hold: those for which it is closer than our k-th neighbour while we are the closest we know.
    /// (The Python library runs this check for a contact that only reached the replacement cache too, on
    /// every message from it; two nodes can then trade STOREs forever. We do it once, on insertion.)
    mutating func welcome(_ contact: Contact, now: Microseconds) {
        guard contact.id != id else { return }
        switch routingTable.observe(contact, now: now) {
        case .inserted:
            transferRecords(to: contact, now: now)
        case .cached(let head?):
            send(.ping, to: head.address, contactID: head.id, purpose: .headCheck, now: now)
        case .cached(nil), .refreshed, .ignoredSelf:
            break
        }
    }

    private mutating func transferRecords(to newcomer: Contact, now: Microseconds) {
        guard storage.count > 0 else { return }
        for key in storage.sortedKeys {
            // Cheap test first: only the closest node we know of hands the record over.
            if routingTable.hasContactCloserThanSelf(to: key, excluding: newcomer.id) { continue }
            guard let record = storedRecord(for: key, now: now) else { continue }
            let ownDistance = id.distance(to: key)
            let neighbours = routingTable.closest(to: key, count: configuration.k + 1).filter { $0.id != newcomer.id }.prefix(configuration.k)
            if let nearest = neighbours.first, let farthest = neighbours.last {
                let newcomerDistance = newcomer.id.distance(to: key)
                guard newcomerDistance < farthest.id.distance(to: key), ownDistance < nearest.id.distance(to: key) else { continue }
            }
            send(.store(key: key, record: record), to: newcomer.address, contactID: newcomer.id, purpose: .unattended(.recordTransfer), now: now)
        }
    }
}
