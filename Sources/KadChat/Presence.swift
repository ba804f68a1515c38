import KademliaCore

/// A chat user's presence record: where to reach them now and the Noise static key to expect there, published in the
/// signed store under SHA-1 of their identity key, so only the key holder can write it and a rolled-back copy (a
/// lower sequence) loses.
public struct Presence: Sendable, Equatable {
    public var name: String
    public var address: NodeAddress
    public var noiseStatic: [UInt8]

    static let magic = Array("KDP1".utf8)
    /// Names are short labels; the bound keeps a record inside one datagram.
    public static let maximumNameLength = NameClaim.maximumNameLength

    public init(name: String, address: NodeAddress, noiseStatic: [UInt8]) {
        self.name = name
        self.address = address
        self.noiseStatic = noiseStatic
    }

    /// `"KDP1" | name length (1 byte) | name (UTF-8) | Noise static key (32) | IPv4 (4, big-endian) | port (2)`.
    public var bytes: [UInt8] {
        let nameBytes = Array(name.utf8.prefix(Self.maximumNameLength))
        var bytes = Self.magic + [UInt8(nameBytes.count)] + nameBytes + noiseStatic
        bytes += withUnsafeBytes(of: address.ipv4.bigEndian) { Array($0) }
        bytes += withUnsafeBytes(of: address.port.bigEndian) { Array($0) }
        return bytes
    }

    /// nil for anything but a well-formed presence.
    public init?(bytes: [UInt8]) {
        guard bytes.count >= 5, Array(bytes.prefix(4)) == Self.magic else { return nil }
        let nameLength = Int(bytes[4])
        guard nameLength <= Self.maximumNameLength, bytes.count == 5 + nameLength + 32 + 6,
              let name = String(validating: bytes[5..<5 + nameLength], as: UTF8.self) else { return nil }
        let rest = Array(bytes[(5 + nameLength)...])
        let ipv4 = rest[32..<36].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        let port = rest[36..<38].reduce(UInt16(0)) { $0 << 8 | UInt16($1) }
        self.init(name: name, address: NodeAddress(ipv4: ipv4, port: port), noiseStatic: Array(rest[..<32]))
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
