import Crypto
import Foundation

/// The Noise SymmetricState with SHA-256: the chaining key, the handshake hash, and the cipher they key.
struct NoiseSymmetricState: Sendable {
    private(set) var chainingKey: [UInt8]
    private(set) var handshakeHash: [UInt8]
    private(set) var cipher = NoiseCipherState()

    init(protocolName: String) {
        let name = Array(protocolName.utf8)
        handshakeHash = name.count <= 32 ? name + [UInt8](repeating: 0, count: 32 - name.count) : Array(SHA256.hash(data: name))
        chainingKey = handshakeHash
    }

    mutating func mixHash(_ data: some DataProtocol) {
        var hasher = SHA256()
        hasher.update(data: handshakeHash)
        hasher.update(data: data)
        handshakeHash = Array(hasher.finalize())
    }

    /// The framework's HKDF is RFC 5869's with the chaining key as salt and no info.
    private func derive(_ inputKeyMaterial: [UInt8]) -> (first: [UInt8], second: [UInt8]) {
        let output = HKDF<SHA256>.deriveKey(
            inputKeyMaterial: SymmetricKey(data: inputKeyMaterial), salt: chainingKey, info: [UInt8](), outputByteCount: 64)
        let bytes = output.withUnsafeBytes { Array($0) }
        return (Array(bytes[..<32]), Array(bytes[32...]))
    }

    mutating func mixKey(_ inputKeyMaterial: [UInt8]) {
        let (chaining, key) = derive(inputKeyMaterial)
        chainingKey = chaining
        cipher = NoiseCipherState(key: key)
    }

    mutating func encryptAndHash(_ plaintext: [UInt8]) throws(NoiseError) -> [UInt8] {
        let ciphertext = try cipher.encrypt(plaintext, associatedData: handshakeHash)
        mixHash(ciphertext)
        return ciphertext
    }

    mutating func decryptAndHash(_ ciphertext: [UInt8]) throws(NoiseError) -> [UInt8] {
        let plaintext = try cipher.decrypt(ciphertext, associatedData: handshakeHash)
        mixHash(ciphertext)
        return plaintext
    }

    /// The two transport keys: the initiator sends with the first and receives with the second.
    func split() -> (NoiseCipherState, NoiseCipherState) {
        let (first, second) = derive([])
        return (NoiseCipherState(key: first), NoiseCipherState(key: second))
    }
}
