import Crypto

/// What each side puts in its handshake payload carrying its static key (messages 2 and 3 of XX): its Ed25519
/// identity key and a signature by it over the Noise static key it uses. The peer checks the signature against the
/// static key the handshake authenticated, so the session is bound to the identity, not just to a Diffie–Hellman key.
public struct IdentityProof: Sendable, Equatable {
    public var identityKey: [UInt8]
    public var signature: [UInt8]

    static let context = Array("kadsim chat: noise static key".utf8)
    static let length = 32 + 64

    /// The proof by `signing` (whose public key is `identityKey`) for `noiseStaticPublicKey`.
    init(signing: Curve25519.Signing.PrivateKey, identityKey: [UInt8], noiseStaticPublicKey: [UInt8]) {
        self.identityKey = identityKey
        signature = Array(try! signing.signature(for: Self.context + noiseStaticPublicKey))
    }

    init(identityKey: [UInt8], signature: [UInt8]) {
        self.identityKey = identityKey
        self.signature = signature
    }

    public var bytes: [UInt8] { identityKey + signature }

    /// nil unless `bytes` is exactly a key and a signature.
    public init?(bytes: [UInt8]) {
        guard bytes.count == Self.length else { return nil }
        self.init(identityKey: Array(bytes.prefix(32)), signature: Array(bytes.suffix(64)))
    }

    /// Whether this proof signs `remoteStatic`, the static key the handshake authenticated.
    public func verifies(remoteStatic: [UInt8]) -> Bool {
        guard let key = try? Curve25519.Signing.PublicKey(rawRepresentation: identityKey) else { return false }
        return key.isValidSignature(signature, for: Self.context + remoteStatic)
    }
}
