import Crypto

/// Proof that a record's owner wrote it, in the spirit of BitTorrent BEP 44 mutable items: the record's key is
/// the SHA-1 of the owner's Ed25519 public key, and the owner signs (key, sequence, value). Storing nodes and
/// readers check the signature; a higher sequence number replaces a lower one.
public struct RecordSignature: Hashable, Sendable, CustomStringConvertible {
    /// Length of an Ed25519 public key.
    public static let publicKeyByteCount = 32
    /// Length of an Ed25519 signature.
    public static let signatureByteCount = 64

    /// The owner's Ed25519 public key (32 bytes).
    public var publicKey: [UInt8]
    /// The owner's counter: each write signs the next number; storing nodes refuse a number not above theirs.
    public var sequence: UInt64
    /// Ed25519 signature (64 bytes) over `signedBytes(key:sequence:value:)`.
    public var signature: [UInt8]

    public init(publicKey: [UInt8], sequence: UInt64, signature: [UInt8]) {
        self.publicKey = publicKey
        self.sequence = sequence
        self.signature = signature
    }

    public var description: String { "seq\(sequence)" }

    /// The key a public key owns: SHA-1 of its 32 bytes.
    public static func key(for publicKey: [UInt8]) -> NodeID {
        NodeID(hashing: publicKey)
    }

    /// What the owner signs: `"KDSG" | key (20 bytes) | sequence (UInt64 big-endian) | value`, the value as a
    /// type byte (1 string, 2 bytes, 3 int, 4 float, 5 bool) and its content (UTF-8, raw, 8 bytes big-endian
    /// two's complement or IEEE 754 bits, one byte 0/1).
    public static func signedBytes(key: NodeID, sequence: UInt64, value: Value) -> [UInt8] {
        var bytes: [UInt8] = Array("KDSG".utf8) + key.bytes
        bytes.reserveCapacity(40)
        func append(_ word: UInt64) {
            for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: word >> UInt64(shift))) }
        }
        append(sequence)
        switch value {
        case .string(let text):
            bytes.append(1)
            bytes += Array(text.utf8)
        case .bytes(let content):
            bytes.append(2)
            bytes += content
        case .int(let number):
            bytes.append(3)
            append(UInt64(bitPattern: number))
        case .float(let number):
            bytes.append(4)
            append(number.bitPattern)
        case .bool(let flag):
            bytes.append(5)
            bytes.append(flag ? 1 : 0)
        }
        return bytes
    }

    /// Whether `record` carries a valid signature by the owner of `key`: the public key hashes to `key` and the
    /// signature verifies over (key, sequence, value). One Ed25519 verification when the shapes are right.
    public static func isAuthentic(_ record: Record, key: NodeID) -> Bool {
        guard let signed = record.signature, signed.publicKey.count == publicKeyByteCount,
              Self.key(for: signed.publicKey) == key else { return false }
        return isSignedByItsKey(record, key: key)
    }

    /// Whether `record`'s signature verifies, under the public key it carries, over (key, sequence, value), whoever
    /// that key belongs to.
    static func isSignedByItsKey(_ record: Record, key: NodeID) -> Bool {
        guard let signed = record.signature,
              signed.publicKey.count == publicKeyByteCount, signed.signature.count == signatureByteCount,
              let publicKey = try? Curve25519.Signing.PublicKey(rawRepresentation: signed.publicKey)
        else { return false }
        return publicKey.isValidSignature(signed.signature, for: signedBytes(key: key, sequence: signed.sequence, value: record.value))
    }
}

/// An owner's signing identity and its own write counter: the owner never reads the sequence number from the
/// network (a hostile node could claim any), it counts its writes itself.
public struct RecordSigner: Sendable {
    /// Raw Ed25519 private key (32 bytes).
    public let privateKey: [UInt8]
    public let publicKey: [UInt8]
    /// The one key this signer can write: SHA-1 of `publicKey`.
    public let key: NodeID
    /// The sequence number the next write gets.
    public private(set) var nextSequence: UInt64

    /// Nil when `privateKey` is not 32 bytes.
    public init?(privateKey: [UInt8], nextSequence: UInt64 = 0) {
        guard let signing = try? Curve25519.Signing.PrivateKey(rawRepresentation: privateKey) else { return nil }
        self.privateKey = privateKey
        self.publicKey = Array(signing.publicKey.rawRepresentation)
        self.key = RecordSignature.key(for: publicKey)
        self.nextSequence = nextSequence
    }

    /// Why a record could not be signed.
    public enum SigningError: Error, Equatable, Sendable {
        /// An Ed25519 private key is 32 bytes.
        case invalidPrivateKey(byteCount: Int)
        case signatureFailed
    }

    /// Signs `value`, stored under `key` (by default the signer's own), with the next sequence number. The key
    /// was checked when the signer was made, so this fails (nil, and the sequence number is not used up) only if the
    /// signing library does.
    public mutating func sign(_ value: Value, key: NodeID? = nil) -> Record? {
        guard let record = try? Self.sign(value, sequence: nextSequence, privateKey: privateKey, key: key) else { return nil }
        nextSequence += 1
        return record
    }

    /// A record for `value` signed with `privateKey` at `sequence`, stored under `key` (by default the one the
    /// private key owns; a `NameClaim` has its own).
    public static func sign(_ value: Value, sequence: UInt64, privateKey: [UInt8], key: NodeID? = nil) throws(SigningError) -> Record {
        guard let signing = try? Curve25519.Signing.PrivateKey(rawRepresentation: privateKey) else {
            throw .invalidPrivateKey(byteCount: privateKey.count)
        }
        let publicKey = Array(signing.publicKey.rawRepresentation)
        let key = key ?? RecordSignature.key(for: publicKey)
        guard let signature = try? signing.signature(for: RecordSignature.signedBytes(key: key, sequence: sequence, value: value)) else {
            throw .signatureFailed
        }
        return Record(value: value, signature: RecordSignature(publicKey: publicKey, sequence: sequence, signature: Array(signature)))
    }
}
