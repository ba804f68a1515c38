extension KademliaNode {
    /// Replies to an incoming request. Every request but `stun` also introduces its sender to the routing table.
    mutating func answer(
        _ request: Request, sender: NodeID, messageID: MessageID, from source: NodeAddress,
        senderHint: ContactDirectory.Interned?, now: Microseconds
    ) {
        let response: Response
        var introducesSender = true
        switch request {
        case .ping:
            response = .pong(id)
        case .store(let key, let record):
            let existing = storage.record(for: key, now: now, ttl: configuration.recordTTL)
            let accepted = accepts(record, over: existing, key: key)
            if accepted { storage.store(record, for: key, now: now) }
            response = .stored(accepted)
        case .findNode(let target):
            response = .nodes(neighbours(of: target, excluding: source, now: now))
        case .findValue(let key):
            if let record = storedRecord(for: key, now: now) {
                response = .value(record)
            } else {
                response = .nodes(neighbours(of: key, excluding: source, now: now))
            }
        case .stun:
            response = .stunAddress(source)
            introducesSender = false
        }
        transmits.append(Transmit(destination: source, message: Message(id: messageID, body: .response(response))))
        if introducesSender {
            welcome(Contact(id: sender, address: source), hint: senderHint, now: now)
        }
    }

    /// The k contacts a FIND_NODE answer gives. The Python library's bucket walk touches the target's bucket.
    private mutating func neighbours(of target: NodeID, excluding source: NodeAddress, now: Microseconds) -> [Contact] {
        if configuration.neighboursByBucketWalk { routingTable.touch(bucketFor: target, now: now) }
        var contacts = buffers?.contactLists.take() ?? []
        routingTable.closest(to: target, count: configuration.k, excluding: source, into: &contacts)
        return contacts
    }

    /// Adds or refreshes a contact we heard from. A node that enters the table receives the records it
    /// should hold: those for which it is closer than our k-th neighbour while we are the closest we know
    /// (with `repeatsRecordTransfer`, a contact waiting in the replacement cache too, on every message from it).
    mutating func welcome(_ contact: Contact, hint: ContactDirectory.Interned?, now: Microseconds) {
        guard contact.id != id else { return }
        let observation = if let hint, hint.contact == contact {
            routingTable.observe(hint, now: now)
        } else {
            routingTable.observe(contact, now: now)
        }
        switch observation {
        case .inserted:
            transferRecords(to: contact, now: now)
        case .cached(let head):
            if configuration.repeatsRecordTransfer { transferRecords(to: contact, now: now) }
            if let head { send(.ping, to: head.address, contactID: head.id, purpose: .headCheck, now: now) }
        case .refreshed, .ignoredSelf:
            break
        }
    }

    /// Only keys for which no other contact is closer than this node are handed over. Below the last bucket that
    /// depends on the key's bucket alone, so whole runs of keys are skipped by bucket: the keys sharing exactly `p`
    /// leading bits with the own id form one run of the sorted keys. The runs are visited in key order (the same
    /// order as a pass over every key): runs of buckets where the own id has a 1 come first, shallowest first, then
    /// the keys of the last bucket, then runs of buckets where it has a 0, deepest first.
    private mutating func transferRecords(to newcomer: Contact, now: Microseconds) {
        guard storage.count > 0 else { return }
        if configuration.transferKeyHashedTwice || configuration.neighboursByBucketWalk || configuration.relaxedBucketSplit {
            // Judged by SHA-1(key), by walked neighbours or in range buckets, a key's verdict no longer follows from
            // its prefix bucket alone.
            transferRecords(in: 0..<storage.count, checkingEachKey: false, to: newcomer, now: now)
            return
        }
        let last = routingTable.bucketCount - 1
        for prefix in 0..<last where id.bit(prefix) {
            transferRecords(sharingExactly: prefix, to: newcomer, now: now)
        }
        let lastBucketKeys = storage.keyPositions(from: id.fillingBits(from: last, with: false), through: id.fillingBits(from: last, with: true))
        transferRecords(in: lastBucketKeys, checkingEachKey: true, to: newcomer, now: now)
        for prefix in stride(from: last - 1, through: 0, by: -1) where !id.bit(prefix) {
            transferRecords(sharingExactly: prefix, to: newcomer, now: now)
        }
    }

    /// The keys of bucket `prefix` (below the last), if that bucket holds nobody but the newcomer. The keys are
    /// looked at first: most buckets have none, and the bucket itself is then never touched.
    private mutating func transferRecords(sharingExactly prefix: Int, to newcomer: Contact, now: Microseconds) {
        let other = id.flippingBit(prefix)
        let positions = storage.keyPositions(from: other.fillingBits(from: prefix + 1, with: false), through: other.fillingBits(from: prefix + 1, with: true))
        guard !positions.isEmpty, !routingTable.bucket(prefix, holdsContactOtherThan: newcomer.id) else { return }
        transferRecords(in: positions, checkingEachKey: false, to: newcomer, now: now)
    }

    /// `checkingEachKey`: whether a contact closer than this node may exist per key (only in the last bucket, where
    /// it depends on the key; a run of an open bucket below it has none by construction). Each key is judged by the
    /// neighbours of the point it is judged at: itself, or SHA-1(key) with `transferKeyHashedTwice`.
    private mutating func transferRecords(in positions: Range<Int>, checkingEachKey: Bool, to newcomer: Contact, now: Microseconds) {
        let newcomerHandle = routingTable.directory.idHandle(of: newcomer.id)
        for position in positions {
            let key = storage.key(at: position)
            if checkingEachKey && routingTable.hasContactCloserThanSelf(to: key, excluding: newcomerHandle) { continue }
            guard let record = storedRecord(for: key, now: now) else { continue }
            let judged = configuration.transferKeyHashedTwice ? NodeID(hashing: key.bytes) : key
            if configuration.neighboursByBucketWalk { routingTable.touch(bucketFor: judged, now: now) }
            if let neighbours = routingTable.closestRange(to: judged, count: configuration.k, excluding: newcomer.id) {
                guard newcomer.id.distance(to: judged) < neighbours.farthest.distance(to: judged),
                      id.distance(to: judged) < neighbours.nearest.distance(to: judged) else { continue }
            }
            send(.store(key: key, record: record), to: newcomer.address, contactID: newcomer.id, purpose: .unattended(.recordTransfer), now: now)
        }
    }
}
