import KademliaCore

/// Hostile nodes and signing identities: chosen from their own random streams, so that churn and workload draw
/// the same numbers whatever the store, the lookup options or the attack.
extension Simulation {
    /// A hostile node's first active step comes this long after it joins, and repeats every owner-republish interval.
    static let adversarySettleTime: Microseconds = 30 * Time.second
    /// Pings under made-up ids a Sybil host sends in each active step, each to a random honest node.
    static let sybilPingsPerStep = 200

    /// In the signed store every node gets an Ed25519 key from the signing-key stream, and each user's record
    /// key becomes the SHA-1 of its public key.
    func prepareSigning() {
        guard storeMode == .signed else { return }
        for index in nodes.indices {
            var raw: [UInt8] = []
            raw.reserveCapacity(32)
            for _ in 0..<4 {
                let word = streams.signingKeys.next()
                for shift in stride(from: 56, through: 0, by: -8) { raw.append(UInt8(truncatingIfNeeded: word >> UInt64(shift))) }
            }
            guard let signer = RecordSigner(privateKey: raw) else { continue }
            nodes[index].core.signer = signer
            if userKeys[index] != nil { userKeys[index] = signer.key }
        }
    }

    func prepareAdversary() {
        guard let spec = scenario.adversary else { return }
        let count = spec.hostileCount(nodes: nodes.count)
        guard count > 0 else { return }
        var order = Array(nodes.indices)
        order.shuffle(using: &streams.adversary)
        let hostile = order.prefix(count).sorted()
        for index in hostile {
            status[index].isHostile = true
            nodes[index].isStable = true
            status[index].behindNAT = false
        }
        let owners: [Int] = switch spec.targets {
        case .all: users.filter { !status[$0].isHostile }
        case .owners(let list): list.filter { nodes[$0].isUser && !status[$0].isHostile }
        }
        var targetOwners: [NodeID: Int] = [:]
        for owner in owners { if let key = userKeys[owner] { targetOwners[key] = owner } }
        let targetKeys = targetOwners.keys.sorted()
        if spec.kind == .eclipse, !scenario.kademlia.secureNodeIDs, !targetKeys.isEmpty {
            // Each hostile node takes an id sharing its first 40 bits with one target key: closer than any
            // honest node of a network below a trillion nodes. With secure node ids it cannot choose, and keeps
            // the random id from the identity stream.
            for (position, index) in hostile.enumerated() {
                let id = Adversary.id(nextTo: targetKeys[position % targetKeys.count], using: &streams.adversary)
                nodes[index].core = KademliaNode(
                    id: id, address: nodes[index].core.address, configuration: configuration, seed: streams.adversary.next(),
                    directory: contacts, buffers: buffers)
            }
        }
        var forgeries: [NodeID: Record] = [:]
        for (position, key) in targetKeys.enumerated() {
            let agent = hostile[position % hostile.count]
            forgeries[key] = Adversary.forgery(
                for: key, mode: storeMode, value: Adversary.forgedValue(pointingAt: nodes[agent].core.address),
                ownerPublicKey: targetOwners[key].flatMap { nodes[$0].core.signer?.publicKey }, using: &streams.adversary)
        }
        adversary = Adversary(
            kind: spec.kind, joinAt: spec.joinAt, hostile: hostile, targetOwners: targetOwners, targetKeys: targetKeys,
            forgeries: forgeries, stepInterval: scenario.workload.ownerRepublish)
    }

    /// Schedules the hostile nodes' active steps, and the signature-count snapshot at the end of warm-up.
    func scheduleDefences() {
        if storeMode == .signed { queue.schedule(.warmupEnd, at: scenario.warmup, node: 0) }
        guard let adversary, [.versionInflation, .staleReplay, .sybil].contains(adversary.kind) else { return }
        for index in adversary.hostile where adversary.kind == .sybil || !adversary.keys(workedOnBy: index).isEmpty {
            queue.schedule(.adversary, at: adversary.joinAt + Self.adversarySettleTime, node: index)
        }
    }

    /// All signatures verified so far, by every node.
    var signaturesVerified: Int {
        nodes.reduce(0) { $0 + $1.core.signaturesVerified }
    }

    // MARK: Active steps

    /// Version inflation: find the k closest to each key worked on and store the forgery there. Stale replay:
    /// capture an old genuine record with a get, then keep re-publishing it the same way.
    func adversaryStep(_ index: Int) {
        guard var adversary, status[index].isOnline else { return }
        if adversary.kind == .sybil {
            floodWithMadeUpIDs(from: index)
            queue.schedule(.adversary, at: now + adversary.stepInterval, node: index)
            return
        }
        for key in adversary.keys(workedOnBy: index) {
            let command: Command = adversary.kind == .staleReplay && adversary.captured[key] == nil
                ? .get(key: key) : .findNode(target: key)
            let operation = nodes[index].core.start(command, now: now)
            adversary.operations[index, default: [:]][operation] = key
        }
        self.adversary = adversary
        queue.schedule(.adversary, at: now + adversary.stepInterval, node: index)
        afterInput(index)
    }

    /// Sybil: pings to random honest nodes, each under a new made-up id, all from this host's one address.
    private func floodWithMadeUpIDs(from index: Int) {
        for _ in 0..<Self.sybilPingsPerStep {
            let victim = Int(streams.adversary.next() % UInt64(nodes.count))
            guard !status[victim].isHostile, status[victim].isOnline else { continue }
            let ping = Message(
                id: MessageID(bits: NodeID.random(using: &streams.adversary)),
                body: .request(.ping, sender: NodeID.random(using: &streams.adversary)))
            send(Transmit(destination: nodes[victim].core.address, message: ping), from: index)
        }
    }

    /// Sybil: k made-up contacts at this host's address, with ids sharing their first 40 bits with `target`.
    private func madeUpContacts(closeTo target: NodeID, at index: Int) -> [Contact] {
        (0..<scenario.kademlia.k).map { _ in
            Contact(id: Adversary.id(nextTo: target, using: &streams.adversary), address: nodes[index].core.address)
        }
    }

    /// A hostile node's own lookup finished.
    func adversaryCompleted(_ operation: OperationID, _ result: OperationResult, at index: Int) {
        guard var adversary, let key = adversary.operations[index]?.removeValue(forKey: operation) else { return }
        switch result {
        case .got(let record?):
            capture(record, key: key, into: &adversary)
        case .found(let contacts):
            let record = adversary.kind == .staleReplay ? adversary.captured[key] : adversary.forgeries[key]
            if let record {
                for contact in contacts {
                    guard let holder = owner(of: contact.address), !status[holder].isHostile else { continue }
                    let request = Message(
                        id: MessageID(bits: NodeID.random(using: &streams.adversary)),
                        body: .request(.store(key: key, record: record), sender: nodes[index].core.id))
                    send(Transmit(destination: contact.address, message: request), from: index)
                }
            }
        default:
            break
        }
        self.adversary = adversary
    }

    /// Keeps the oldest genuine record seen for a target key.
    private func capture(_ record: Record, key: NodeID, into adversary: inout Adversary) {
        guard adversary.kind == .staleReplay, let owner = adversary.targetOwners[key],
              let presence = PresenceValue(record.value, port: Self.port), oracle.isGenuine(owner: owner, presence) else { return }
        if let held = adversary.captured[key], let old = PresenceValue(held.value, port: Self.port), old.sequence <= presence.sequence { return }
        adversary.captured[key] = record
    }

    // MARK: Answering

    /// Answers a request to hostile node `index` as the attack dictates; false lets the honest core answer.
    func intercept(_ message: Message, from source: NodeAddress, at index: Int) -> Bool {
        guard var adversary, case .request(let request, _) = message.body else { return false }
        let response: Response
        switch (adversary.kind, request) {
        case (.eclipse, .findNode(let target)) where adversary.isTarget(target),
             (.eclipse, .findValue(let target)) where adversary.isTarget(target):
            response = .nodes(hostileContacts(closestTo: target, excluding: index, adversary: adversary))
        case (.sybil, .findNode(let target)) where adversary.isTarget(target),
             (.sybil, .findValue(let target)) where adversary.isTarget(target):
            response = .nodes(madeUpContacts(closeTo: target, at: index))
        case (.staleReplay, .store(let key, let record)) where adversary.isTarget(key):
            capture(record, key: key, into: &adversary)
            self.adversary = adversary
            response = .stored(true)
        case (_, .store(let key, _)) where adversary.isTarget(key):
            response = .stored(true)  // acknowledged, never kept
        case (.versionInflation, .findValue(let key)), (.majorityForgery, .findValue(let key)):
            guard let forgery = adversary.forgeries[key] else { return false }
            response = .value(forgery)
        case (.staleReplay, .findValue(let key)):
            guard let old = adversary.captured[key] else { return false }
            response = .value(old)
        case (.drop, .findValue(let key)) where adversary.isTarget(key):
            response = .nodes(nodes[index].core.routingTable.closest(to: key, count: scenario.kademlia.k, excluding: source))
        default:
            return false
        }
        send(Transmit(destination: source, message: Message(id: message.id, body: .response(response))), from: index)
        return true
    }

    /// The k online hostile nodes closest to `target`, other than `excluded`.
    private func hostileContacts(closestTo target: NodeID, excluding excluded: Int, adversary: Adversary) -> [Contact] {
        var contacts: [(distance: NodeID, contact: Contact)] = []
        contacts.reserveCapacity(adversary.hostile.count)
        for index in adversary.hostile where index != excluded && status[index].isOnline {
            let contact = Contact(id: nodes[index].core.id, address: nodes[index].core.address)
            contacts.append((contact.id.distance(to: target), contact))
        }
        contacts.sort { $0.distance < $1.distance }
        return contacts.prefix(scenario.kademlia.k).map(\.contact)
    }
}
