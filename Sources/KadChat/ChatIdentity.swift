import Crypto
import Foundation

/// A chat user's long-term identity: an Ed25519 key kept in a file only its owner can read. The Noise static key is
/// derived from it, so one file is the whole identity.
public struct ChatIdentity: Sendable, Equatable {
    /// The Ed25519 private key (seed), 32 bytes.
    public let signingKey: [UInt8]
    /// The Ed25519 public key: the user's identity key.
    public let publicKey: [UInt8]
    /// The X25519 private key the Noise handshake authenticates with (raw), derived from the signing key so it needs
    /// no file.
    let noiseStaticBytes: [UInt8]
    /// Its public half, as presence records carry it.
    public let noiseStaticPublicKey: [UInt8]
    /// The identity's proof for its own Noise static key: the same in every handshake, so signed once.
    public let proof: IdentityProof

    static let header = "kadsim-identity-v1"

    public init(signingKey: [UInt8]) {
        precondition(signingKey.count == 32, "an Ed25519 seed is 32 bytes")
        self.signingKey = signingKey
        let signing = try! Curve25519.Signing.PrivateKey(rawRepresentation: signingKey)
        publicKey = Array(signing.publicKey.rawRepresentation)
        let derived = HKDF<SHA256>.deriveKey(
            inputKeyMaterial: SymmetricKey(data: signingKey), info: Array("kadsim chat noise static key".utf8), outputByteCount: 32)
        let noiseStatic = try! Curve25519.KeyAgreement.PrivateKey(rawRepresentation: derived.withUnsafeBytes { Array($0) })
        noiseStaticBytes = Array(noiseStatic.rawRepresentation)
        noiseStaticPublicKey = Array(noiseStatic.publicKey.rawRepresentation)
        proof = IdentityProof(signing: signing, identityKey: publicKey, noiseStaticPublicKey: noiseStaticPublicKey)
    }

    public static func generate() -> ChatIdentity {
        ChatIdentity(signingKey: Array(Curve25519.Signing.PrivateKey().rawRepresentation))
    }

    public static func == (lhs: ChatIdentity, rhs: ChatIdentity) -> Bool { lhs.signingKey == rhs.signingKey }

    /// The X25519 key the Noise handshake authenticates with.
    public var noiseStaticKey: Curve25519.KeyAgreement.PrivateKey {
        try! Curve25519.KeyAgreement.PrivateKey(rawRepresentation: noiseStaticBytes)
    }

    /// The file's text: a header line, then the seed in hex.
    var fileText: String {
        Self.header + "\n" + Hex.string(signingKey) + "\n"
    }

    /// Reads the identity at `path`, or creates it (mode 0600, never overwriting) when there is none.
    public static func loadOrCreate(path: String) throws(ChatIdentityError) -> (identity: ChatIdentity, created: Bool) {
        if FileManager.default.fileExists(atPath: path) { return (try load(path: path), false) }
        let identity = generate()
        try identity.write(to: path)
        return (identity, true)
    }

    public static func load(path: String) throws(ChatIdentityError) -> ChatIdentity {
        var status = stat()
        guard stat(path, &status) == 0 else { throw .unreadable(path: path, reason: String(cString: strerror(errno))) }
        let permissions = status.st_mode & 0o777
        guard permissions & 0o077 == 0 else { throw .tooOpen(path: path, permissions: permissions) }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .unreadable(path: path, reason: String(cString: strerror(errno == 0 ? EACCES : errno)))
        }
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count >= 2, lines[0] == header, lines.dropFirst(2).allSatisfy(\.isEmpty),
              let seed = Hex.bytes(lines[1]), seed.count == 32 else {
            throw .malformed(path: path)
        }
        return ChatIdentity(signingKey: seed)
    }

    /// Creates `path` with mode 0600; an existing file is never replaced.
    func write(to path: String) throws(ChatIdentityError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else { throw .unwritable(path: path, reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        let bytes = Array(fileText.utf8)
        let written = bytes.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
        guard written == bytes.count else { throw .unwritable(path: path, reason: String(cString: strerror(errno))) }
    }
}

/// Why an identity file cannot be used, said in one line that names the file.
public enum ChatIdentityError: Error, Sendable, Equatable, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case unwritable(path: String, reason: String)
    case malformed(path: String)
    case tooOpen(path: String, permissions: mode_t)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason): "cannot read identity \(path): \(reason)"
        case .unwritable(let path, let reason): "cannot create identity \(path): \(reason)"
        case .malformed(let path):
            "\(path): not a kadsim identity (expected a line \(ChatIdentity.header) and a line of 64 hex digits)"
        case .tooOpen(let path, let permissions):
            "\(path): permissions \(String(permissions, radix: 8)) let others read the key; expected 600 (chmod 600 \(path))"
        }
    }
}
