/// The signed store, after BitTorrent BEP 44 mutable items. A record's key is the SHA-1 of its owner's Ed25519
/// public key; the record carries a sequence number and a signature over (key, sequence, value).
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
        guard RecordSignature.isAuthentic(incoming, key: key), let sequence = incoming.signature?.sequence else { return false }
        guard let existing, let held = existing.signature?.sequence else { return true }
        return sequence > held || (sequence == held && incoming == existing)
    }

    public func admits(_ record: Record, key: NodeID) -> Bool {
        RecordSignature.isAuthentic(record, key: key)
    }

    public var verifiesSignatures: Bool { true }
    public var getStopsAtFirstValue: Bool { false }
    public var getAnswersLocally: Bool { false }
    public var putReadsFirst: Bool { false }

    /// The highest sequence number among signed records (the first seen on a tie); unsigned records never win.
    public func resolve(_ found: [Record]) -> Record? {
        var best: Record?
        for record in found {
            guard let sequence = record.signature?.sequence else { continue }
            if let held = best?.signature?.sequence, sequence <= held { continue }
            best = record
        }
        return best
    }

    public func needsRepair(_ returned: Record, answer: Record) -> Bool {
        guard let answerSequence = answer.signature?.sequence else { return false }
        guard let returnedSequence = returned.signature?.sequence else { return true }
        return answerSequence > returnedSequence
    }

    /// An unsigned record: in signed mode the node signs with its `RecordSigner` before the put starts.
    public func recordToWrite(_ value: Value, current: Record?, writer: NodeID) -> Record {
        Record(value: value)
    }
}
