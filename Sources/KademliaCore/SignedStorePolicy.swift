/// The signed store, after BitTorrent BEP 44 mutable items. A record's key is the SHA-1 of its owner's Ed25519
/// public key (or, for a `NameClaim`, of the claimed name); the record carries a sequence number and a signature over
/// (key, sequence, value).
///
/// - Storing nodes verify and refuse a sequence number not above the one they hold (the same record again only
///   refreshes it, as BEP 44 allows).
/// - Readers verify every returned record, drop invalid ones, run the whole lookup and answer the highest
///   sequence number; responders that returned a lower one are repaired.
/// - The owner keeps its own counter (`RecordSigner`) instead of reading the network's, so a forged high number
///   cannot make it write below the forgery. `recordToWrite` is therefore never the signed record: the node signs.
public struct SignedStorePolicy: StorePolicy {
    public init() {}

    /// Without the key nothing can be verified: refuse.
    public func accepts(_ incoming: Record, over existing: Record?) -> Bool { false }

    public func accepts(_ incoming: Record, over existing: Record?, key: NodeID) -> Bool {
        guard RecordSignature.isAuthentic(incoming, key: key) || NameClaim.isAuthentic(incoming, key: key),
              let signed = incoming.signature else { return false }
        guard let existing, let held = existing.signature else { return true }
        // At an owner's key every authentic record has the same signer; at a name, the first claimant keeps it.
        guard held.publicKey == signed.publicKey else { return false }
        return signed.sequence > held.sequence || (signed.sequence == held.sequence && incoming == existing)
    }

    public func admits(_ record: Record, key: NodeID) -> Bool {
        RecordSignature.isAuthentic(record, key: key) || NameClaim.isAuthentic(record, key: key)
    }

    public var verifiesSignatures: Bool { true }
    public var getStopsAtFirstValue: Bool { false }
    public var getAnswersLocally: Bool { false }
    public var putReadsFirst: Bool { false }

    /// The highest sequence number among signed records (the first seen on a tie); unsigned records never win. For a
    /// name, only the records of the claimant most responders returned count (the first seen on a tie).
    public func resolve(_ found: [Record]) -> Record? {
        let claimant = Self.majorityClaimant(found)
        var best: Record?
        for record in found {
            guard let signed = record.signature else { continue }
            if let claimant, signed.publicKey != claimant { continue }
            if let held = best?.signature?.sequence, signed.sequence <= held { continue }
            best = record
        }
        return best
    }

    /// The public key that signed the most name claims in `found`; nil when there are none.
    static func majorityClaimant(_ found: [Record]) -> [UInt8]? {
        var claimants: [(publicKey: [UInt8], count: Int)] = []
        for record in found where NameClaim.isClaim(record.value) {
            guard let publicKey = record.signature?.publicKey else { continue }
            if let index = claimants.firstIndex(where: { $0.publicKey == publicKey }) {
                claimants[index].count += 1
            } else {
                claimants.append((publicKey, 1))
            }
        }
        // The first seen wins a tie (max(by:) would keep the last).
        var best: (publicKey: [UInt8], count: Int)?
        for claimant in claimants where claimant.count > best?.count ?? 0 { best = claimant }
        return best?.publicKey
    }

    public func needsRepair(_ returned: Record, answer: Record) -> Bool {
        guard let answerSignature = answer.signature else { return false }
        guard let returnedSignature = returned.signature else { return true }
        // A node holding another claimant's name would refuse the answer.
        return returnedSignature.publicKey == answerSignature.publicKey && answerSignature.sequence > returnedSignature.sequence
    }

    /// An unsigned record: in signed mode the node signs with its `RecordSigner` before the put starts.
    public func recordToWrite(_ value: Value, current: Record?, writer: NodeID) -> Record {
        Record(value: value)
    }
}
