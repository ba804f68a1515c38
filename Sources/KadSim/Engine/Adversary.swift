import KademliaCore

/// What the hostile nodes of a run know and plan: who they are, whose records they attack, the forgeries they
/// agreed on and the old genuine records they captured. They collude through this shared state; the simulator
/// consults it in `deliver` for every request a hostile node receives, so the honest core never changes.
struct Adversary {
    let kind: Scenario.Adversary.Kind
    let joinAt: Microseconds
    /// Hostile node indices, ascending.
    let hostile: [Int]
    /// Target key → owner index, for every attacked record.
    let targetOwners: [NodeID: Int]
    /// Target keys in id order; key `i` is worked on by hostile node `hostile[i % hostile.count]`.
    let targetKeys: [NodeID]
    /// The record every hostile node returns (and version inflation stores) for a target key.
    let forgeries: [NodeID: Record]
    /// Stale replay: the oldest genuine record seen per target key.
    var captured: [NodeID: Record] = [:]
    /// Lookups hostile nodes run for the attack: which key each is for.
    var operations: [Int: [OperationID: NodeID]] = [:]

    /// How often a hostile node repeats its active step (stores, captures).
    let stepInterval: Microseconds

    func isTarget(_ key: NodeID) -> Bool { targetOwners[key] != nil }

    /// The target keys hostile node `index` works on.
    func keys(workedOnBy index: Int) -> [NodeID] {
        guard let position = hostile.firstIndex(of: index) else { return [] }
        return targetKeys.indices.filter { $0 % hostile.count == position }.map { targetKeys[$0] }
    }

    /// A random id sharing its first 40 bits with `key`: closer to it than any honest node of a network below a
    /// trillion nodes.
    static func id(nextTo key: NodeID, using generator: inout SeededGenerator) -> NodeID {
        let noise = NodeID.random(using: &generator)
        let mask: UInt64 = 0xFFFF_FFFF_FF00_0000
        return NodeID(high: (key.high & mask) | (noise.high & ~mask), middle: noise.middle, low: noise.low)
    }

    /// The forged presence value: an unwritten sequence number pointing readers at a hostile address.
    static func forgedValue(pointingAt address: NodeAddress) -> Value {
        PresenceValue(sequence: Int64(Int32.max), address: address).value
    }

    /// A forgery for `key` in `mode`: the largest stamp in the timestamped store; in the signed store the
    /// owner's public key with the largest sequence number and a signature the adversary cannot make valid.
    static func forgery(
        for key: NodeID, mode: StoreMode, value: Value, ownerPublicKey: [UInt8]?, using generator: inout SeededGenerator
    ) -> Record {
        switch mode {
        case .plain:
            return Record(value: value)
        case .timestamped:
            return Record(value: value, stamp: Stamp(version: .max, writer: NodeID(high: .max, middle: .max, low: .max)))
        case .signed:
            let junk = (0..<RecordSignature.signatureByteCount).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            return Record(value: value, signature: RecordSignature(
                publicKey: ownerPublicKey ?? Array(repeating: 0, count: RecordSignature.publicKeyByteCount), sequence: .max, signature: junk))
        }
    }
}
