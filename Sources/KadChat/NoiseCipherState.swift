import Crypto
import Foundation

/// The Noise CipherState for ChaChaPoly: a key and a counter nonce. Without a key it passes data through, as the
/// framework says (the first handshake message of XX travels in the clear).
public struct NoiseCipherState: Sendable {
    /// Raw key bytes: Crypto's key types are not Sendable here.
    private var key: [UInt8]?
    /// The nonce of the next message; the peer must use the same sequence, so a replayed, dropped or reordered
    /// message fails to decrypt.
    public private(set) var nonce: UInt64 = 0

    public static let tagLength = 16

    init(key: [UInt8]? = nil) {
        self.key = key
    }

    var hasKey: Bool { key != nil }

    /// 32 bits of zeros, then the counter little-endian: the framework's ChaChaPoly nonce.
    private static func nonceBytes(_ counter: UInt64) throws -> ChaChaPoly.Nonce {
        var bytes = [UInt8](repeating: 0, count: 4)
        withUnsafeBytes(of: counter.littleEndian) { bytes.append(contentsOf: $0) }
        return try ChaChaPoly.Nonce(data: bytes)
    }

    public mutating func encrypt(_ plaintext: some DataProtocol, associatedData: some DataProtocol) throws(NoiseError) -> [UInt8] {
        guard let key else { return Array(plaintext) }
        guard nonce < .max else { throw .nonceExhausted }
        do {
            let sealed = try ChaChaPoly.seal(plaintext, using: SymmetricKey(data: key), nonce: try Self.nonceBytes(nonce), authenticating: associatedData)
            nonce += 1
            return Array(sealed.ciphertext) + Array(sealed.tag)
        } catch {
            throw .decryptionFailed
        }
    }

    public mutating func decrypt(_ ciphertext: some DataProtocol, associatedData: some DataProtocol) throws(NoiseError) -> [UInt8] {
        guard key != nil else { return Array(ciphertext) }
        guard nonce < .max else { throw .nonceExhausted }
        let plaintext = try decrypt(ciphertext, associatedData: associatedData, nonce: nonce)
        nonce += 1
        return plaintext
    }

    /// Decrypts with the given nonce, leaving the counter alone: for datagrams that carry their nonce, which may
    /// arrive out of order (the caller keeps a replay window).
    func decrypt(_ ciphertext: some DataProtocol, associatedData: some DataProtocol, nonce explicit: UInt64) throws(NoiseError) -> [UInt8] {
        guard let key else { return Array(ciphertext) }
        let bytes = Array(ciphertext)
        guard bytes.count >= Self.tagLength else { throw .truncated }
        do {
            let box = try ChaChaPoly.SealedBox(
                nonce: try Self.nonceBytes(explicit), ciphertext: bytes.dropLast(Self.tagLength), tag: bytes.suffix(Self.tagLength))
            return Array(try ChaChaPoly.open(box, using: SymmetricKey(data: key), authenticating: associatedData))
        } catch {
            throw .decryptionFailed
        }
    }
}
