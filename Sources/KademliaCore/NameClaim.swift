/// A human name claimed by an Ed25519 key in the signed store. The record's value is `"kadsim-name:" | name`
/// (UTF-8), its key is the SHA-1 of that value, and the claimant signs it like any signed record. Nobody owns a name
/// by construction, so the store keeps the first claimant a storing node sees and refuses every other key there (the
/// claimant itself renews with higher sequence numbers); a reader answers the claimant that most responders hold.
/// First claim wins per storing node, not per network: a name is only as safe as a quorum of its k closest nodes.
public enum NameClaim {
    static let prefix = Array("kadsim-name:".utf8)
    /// Names are short labels; the bound keeps a claim inside one datagram.
    public static let maximumNameLength = 64

    /// The value that claims `name`.
    public static func value(claimingNamed name: String) -> Value {
        .bytes(prefix + Array(name.utf8))
    }

    /// Where the claim of `name` is stored.
    public static func key(for name: String) -> NodeID {
        NodeID(hashing: prefix + Array(name.utf8))
    }

    /// The name `value` claims; nil when it is no claim.
    public static func name(claimedBy value: Value) -> String? {
        guard isClaim(value), case .bytes(let bytes) = value else { return nil }
        return String(validating: bytes[prefix.count...], as: UTF8.self)
    }

    /// Whether `record` claims the name whose key is `key`, signed by the key it carries.
    public static func isAuthentic(_ record: Record, key: NodeID) -> Bool {
        guard isClaim(record.value), case .bytes(let bytes) = record.value, NodeID(hashing: bytes) == key else { return false }
        return RecordSignature.isSignedByItsKey(record, key: key)
    }

    static func isClaim(_ value: Value) -> Bool {
        guard case .bytes(let bytes) = value else { return false }
        return bytes.count > prefix.count && bytes.count <= prefix.count + maximumNameLength && bytes.starts(with: prefix)
    }
}
