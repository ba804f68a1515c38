/// The two directions of a finished handshake: messages sealed with `sending` are opened by the peer's `receiving`,
/// in order (the nonces count messages, so a replayed, dropped or reordered message fails to open).
public struct NoiseTransport: Sendable {
    public private(set) var sending: NoiseCipherState
    public private(set) var receiving: NoiseCipherState

    init(sending: NoiseCipherState, receiving: NoiseCipherState) {
        self.sending = sending
        self.receiving = receiving
    }

    public mutating func seal(_ plaintext: [UInt8]) throws(NoiseError) -> [UInt8] {
        guard plaintext.count + NoiseCipherState.tagLength <= NoiseHandshake.maximumMessageLength else { throw .tooLong }
        return try sending.encrypt(plaintext, associatedData: [UInt8]())
    }

    public mutating func open(_ ciphertext: [UInt8]) throws(NoiseError) -> [UInt8] {
        guard ciphertext.count <= NoiseHandshake.maximumMessageLength else { throw .tooLong }
        return try receiving.decrypt(ciphertext, associatedData: [UInt8]())
    }
}
