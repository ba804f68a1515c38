import KademliaCore

/// A chat user's presence record: where to reach them now and the Noise static key to expect there, published in the
/// signed store under SHA-1 of their identity key, so only the key holder can write it and a rolled-back copy (a
/// lower sequence) loses.
public struct Presence: Sendable, Equatable {
    public var name: String
    public var address: NodeAddress
    public var noiseStatic: [UInt8]
    /// The node that passes introductions on to this user (see `Introducer`); nil when none answered its registration.
    public var introducer: NodeAddress?
    public var mapping: NATMapping

    static let magic = Array("KDP1".utf8)
    /// Names are short labels; the bound keeps a record inside one datagram.
    public static let maximumNameLength = NameClaim.maximumNameLength

    public init(name: String, address: NodeAddress, noiseStatic: [UInt8], introducer: NodeAddress? = nil, mapping: NATMapping = .unknown) {
        self.name = name
        self.address = address
        self.noiseStatic = noiseStatic
        self.introducer = introducer
        self.mapping = mapping
    }

    /// `"KDP1" | name length (1 byte) | name (UTF-8) | Noise static key (32) | address (IPv4, port: 6, big-endian)`, then
    /// `introducer (6, zero for none) | NAT mapping (1)`.
    public var bytes: [UInt8] {
        let nameBytes = Array(name.utf8.prefix(Self.maximumNameLength))
        let introducerBytes = introducer?.chatBytes ?? [UInt8](repeating: 0, count: NodeAddress.chatByteCount)
        return Self.magic + [UInt8(nameBytes.count)] + nameBytes + noiseStatic + address.chatBytes + introducerBytes + [mapping.rawValue]
    }

    /// nil for anything but a well-formed presence.
    public init?(bytes: [UInt8]) {
        guard bytes.count >= 5, Array(bytes.prefix(4)) == Self.magic else { return nil }
        let nameLength = Int(bytes[4])
        guard nameLength <= Self.maximumNameLength, bytes.count == 5 + nameLength + 32 + 6 + 7,
              let name = String(validating: bytes[5..<5 + nameLength], as: UTF8.self) else { return nil }
        let rest = Array(bytes[(5 + nameLength)...])
        guard let address = NodeAddress(chatBytes: rest[32..<38]), let introducer = NodeAddress(chatBytes: rest[38..<44]),
              let mapping = NATMapping(rawValue: rest[44]) else { return nil }
        self.init(
            name: name, address: address, noiseStatic: Array(rest[..<32]), introducer: introducer.ipv4 == 0 ? nil : introducer,
            mapping: mapping)
    }

    /// The DHT key of the user with this identity key.
    public static func key(of identityKey: [UInt8]) -> NodeID { RecordSignature.key(for: identityKey) }

    /// This presence as a record signed by `identity` with sequence `sequence`.
    public func record(signedBy identity: ChatIdentity, sequence: UInt64) -> Record {
        try! RecordSigner.sign(.bytes(bytes), sequence: sequence, privateKey: identity.signingKey)
    }

    /// The presence in `record` if it is authentic for the user `identityKey` (signed by that key, at its key);
    /// nil for a forged, foreign or malformed record.
    public static func verified(_ record: Record, identityKey: [UInt8]) -> Presence? {
        let key = Self.key(of: identityKey)
        guard record.signature?.publicKey == identityKey, RecordSignature.isAuthentic(record, key: key),
              case .bytes(let bytes) = record.value else { return nil }
        return Presence(bytes: bytes)
    }
}
