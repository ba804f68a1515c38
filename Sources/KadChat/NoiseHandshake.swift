import Crypto
import Foundation

/// The Noise XX handshake (Noise_XX_25519_ChaChaPoly_SHA256), sans-IO: each side turns a payload into the next
/// message or a received message into its payload, and after three messages both hold each other's static key and
/// a pair of transport ciphers.
///
///     -> e
///     <- e, ee, s, es
///     -> s, se
///
/// A message that fails to read leaves the handshake as it was, so a forged or damaged datagram is dropped without
/// ending a session that the genuine one can still complete.
public struct NoiseHandshake: Sendable {
    public enum Role: Sendable { case initiator, responder }

    public static let protocolName = "Noise_XX_25519_ChaChaPoly_SHA256"
    public static let maximumMessageLength = 65_535
    static let keyLength = 32

    public let role: Role
    // Keys as raw bytes: Crypto's key types are not Sendable here.
    private let staticKey: [UInt8]
    private let staticPublicKey: [UInt8]
    private var ephemeralKey: [UInt8]?
    private var remoteEphemeral: [UInt8]?
    /// The peer's static public key, once the message carrying it has been read.
    public private(set) var remoteStatic: [UInt8]?
    private var symmetric: NoiseSymmetricState
    /// Messages written or read so far (3 when complete).
    private var step = 0

    /// `ephemeralKey` is for test vectors; left out, a fresh one is generated when the first message needs it.
    public init(role: Role, staticKey: Curve25519.KeyAgreement.PrivateKey, prologue: [UInt8] = [],
                ephemeralKey: Curve25519.KeyAgreement.PrivateKey? = nil) {
        self.role = role
        self.staticKey = Array(staticKey.rawRepresentation)
        staticPublicKey = Array(staticKey.publicKey.rawRepresentation)
        self.ephemeralKey = ephemeralKey.map { Array($0.rawRepresentation) }
        symmetric = NoiseSymmetricState(protocolName: Self.protocolName)
        symmetric.mixHash(prologue)
    }

    public var isComplete: Bool { step == 3 }

    /// Binds everything both sides saw; equal on both sides once complete (a channel binding).
    public var handshakeHash: [UInt8] { symmetric.handshakeHash }

    private var writesNext: Bool { (step % 2 == 0) == (role == .initiator) }

    public mutating func writeMessage(payload: [UInt8] = []) throws(NoiseError) -> [UInt8] {
        guard step < 3, writesNext else { throw .outOfTurn }
        var next = self
        var message: [UInt8] = []
        switch step {
        case 0:
            message += next.appendEphemeral()
        case 1:
            message += next.appendEphemeral()
            try next.mixDH(next.ephemeral, next.remoteEphemeral)
            message += try next.symmetric.encryptAndHash(staticPublicKey)
            try next.mixDH(staticKey, next.remoteEphemeral)
        default:
            message += try next.symmetric.encryptAndHash(staticPublicKey)
            try next.mixDH(staticKey, next.remoteEphemeral)
        }
        message += try next.symmetric.encryptAndHash(payload)
        guard message.count <= Self.maximumMessageLength else { throw .tooLong }
        next.step += 1
        self = next
        return message
    }

    public mutating func readMessage(_ message: [UInt8]) throws(NoiseError) -> [UInt8] {
        guard step < 3, !writesNext else { throw .outOfTurn }
        guard message.count <= Self.maximumMessageLength else { throw .tooLong }
        var next = self
        var rest = message[...]
        func take(_ count: Int) throws(NoiseError) -> [UInt8] {
            guard rest.count >= count else { throw .truncated }
            defer { rest = rest.dropFirst(count) }
            return Array(rest.prefix(count))
        }
        let sealedKeyLength = Self.keyLength + NoiseCipherState.tagLength
        switch step {
        case 0:
            next.remoteEphemeral = try take(Self.keyLength)
            next.symmetric.mixHash(next.remoteEphemeral!)
        case 1:
            next.remoteEphemeral = try take(Self.keyLength)
            next.symmetric.mixHash(next.remoteEphemeral!)
            try next.mixDH(next.ephemeral, next.remoteEphemeral)
            next.remoteStatic = try next.symmetric.decryptAndHash(try take(sealedKeyLength))
            try next.mixDH(next.ephemeral, next.remoteStatic)
        default:
            next.remoteStatic = try next.symmetric.decryptAndHash(try take(sealedKeyLength))
            try next.mixDH(next.ephemeral, next.remoteStatic)
        }
        let payload = try next.symmetric.decryptAndHash(Array(rest))
        next.step += 1
        self = next
        return payload
    }

    /// The transport ciphers, once the handshake is complete.
    public func transport() throws(NoiseError) -> NoiseTransport {
        guard isComplete else { throw .outOfTurn }
        let (initiatorToResponder, responderToInitiator) = symmetric.split()
        return role == .initiator
            ? NoiseTransport(sending: initiatorToResponder, receiving: responderToInitiator)
            : NoiseTransport(sending: responderToInitiator, receiving: initiatorToResponder)
    }

    // MARK: - Tokens

    private var ephemeral: [UInt8] { ephemeralKey! }

    private mutating func appendEphemeral() -> [UInt8] {
        let key = ephemeralKey.map { try! Curve25519.KeyAgreement.PrivateKey(rawRepresentation: $0) } ?? Curve25519.KeyAgreement.PrivateKey()
        ephemeralKey = Array(key.rawRepresentation)
        let bytes = Array(key.publicKey.rawRepresentation)
        symmetric.mixHash(bytes)
        return bytes
    }

    private mutating func mixDH(_ local: [UInt8], _ remote: [UInt8]?) throws(NoiseError) {
        guard let remote else { throw .outOfTurn }
        do {
            let privateKey = try Curve25519.KeyAgreement.PrivateKey(rawRepresentation: local)
            let secret = try privateKey.sharedSecretFromKeyAgreement(with: try Curve25519.KeyAgreement.PublicKey(rawRepresentation: remote))
            symmetric.mixKey(secret.withUnsafeBytes { Array($0) })
        } catch {
            throw .invalidPublicKey
        }
    }
}
