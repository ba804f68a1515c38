/// Why a Noise message was refused. Every one means: drop the datagram (and count it), nothing else.
public enum NoiseError: Error, Sendable, Equatable {
    /// Shorter than the fields the pattern requires here.
    case truncated
    /// The authentication tag did not verify: tampered, replayed out of order, or not for this session.
    case decryptionFailed
    /// A public key the Diffie–Hellman function rejects (a low-order point).
    case invalidPublicKey
    /// Longer than a Noise message may be (65,535 bytes).
    case tooLong
    /// A write or read out of turn, or after the handshake ended.
    case outOfTurn
    /// 2^64 − 1 messages under one key: the session must end.
    case nonceExhausted
}
