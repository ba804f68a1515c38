/// Signed records, quorum reads and disjoint lookups: the defences against poisoning, kept out of the RPC code.
extension KademliaNode {
    /// The lookup for `target` with the configured number of disjoint paths. The seeds pass through a list from the
    /// answers' pool, when the driver keeps one, rather than a fresh array per lookup.
    func makeLookup(target: NodeID) -> DisjointLookup {
        var seeds = buffers?.contactLists.take() ?? []
        routingTable.closest(to: target, count: configuration.k, into: &seeds)
        defer { buffers?.contactLists.recycle(&seeds) }
        return DisjointLookup(
            target: target, k: configuration.k, alpha: configuration.alpha, paths: configuration.disjointPaths,
            seeds: seeds, oneContactPerAddress: configuration.addressLimits.oneContactPerAddress,
            inRounds: configuration.lookupsInRounds, spares: buffers?.lookupCandidates)
    }

    /// In signed mode, the record a put of `key` writes: signed with the owner's next sequence number. Nil
    /// otherwise (and for a key this node does not own and no name claim of its, whose put then stores nothing).
    mutating func signedRecord(_ value: Value, key: NodeID) -> Record? {
        guard policy.verifiesSignatures, let owned = signer?.key else { return nil }
        if owned == key { return signer?.sign(value) }
        guard NameClaim.name(claimedBy: value).map(NameClaim.key(for:)) == key else { return nil }
        return signer?.sign(value, key: key)
    }

    /// The policy's STORE check, counting the signature it verifies.
    mutating func accepts(_ record: Record, over existing: Record?, key: NodeID) -> Bool {
        if policy.verifiesSignatures && record.signature != nil { signaturesVerified += 1 }
        guard policy.accepts(record, over: existing, key: key) else {
            recordsRefused &+= 1
            return false
        }
        return true
    }

    /// The policy's reader-side check, counting the signature it verifies.
    mutating func admits(_ record: Record, key: NodeID) -> Bool {
        guard policy.verifiesSignatures else { return true }
        if record.signature != nil { signaturesVerified += 1 }
        guard policy.admits(record, key: key) else {
            recordsDropped &+= 1
            return false
        }
        return true
    }

    /// The policy's answer among the records that at least `quorum` responders returned identically.
    func resolveWithQuorum(_ found: [Record]) -> Record? {
        let quorum = configuration.quorum
        guard quorum > 1 else { return policy.resolve(found) }
        let agreed = found.filter { record in found.lazy.filter { $0 == record }.count >= quorum }
        return policy.resolve(agreed)
    }
}

extension Operation {
    /// Whether some record was returned identically by at least `quorum` responders.
    func hasQuorum(_ quorum: Int) -> Bool {
        guard quorum > 1 else { return !found.isEmpty }
        return found.contains { candidate in found.lazy.filter { $0.record == candidate.record }.count >= quorum }
    }
}
