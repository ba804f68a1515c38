/// Transport datagrams of a finished handshake on an unreliable network: each carries its nonce in the clear
/// (8 bytes, big-endian) before the ciphertext, so datagrams may be lost or reordered; one that was tampered with,
/// replayed, or is older than the replay window is dropped and counted.
public struct SecureChannel: Sendable {
    private var sending: NoiseCipherState
    private let receiving: NoiseCipherState
    private var window = ReplayWindow()
    /// Datagrams refused: tampered, not for this session, replayed, too old or malformed.
    public private(set) var dropped = 0

    static let counterLength = 8
    /// The largest plaintext one datagram carries (a 1,280-byte IPv6 minimum MTU less IP, UDP, counter and tag).
    public static let maximumPlaintext = 1_280 - 48 - counterLength - NoiseCipherState.tagLength

    public init(_ transport: NoiseTransport) {
        sending = transport.sending
        receiving = transport.receiving
    }

    public mutating func seal(_ plaintext: [UInt8]) throws(NoiseError) -> [UInt8] {
        guard plaintext.count <= Self.maximumPlaintext else { throw .tooLong }
        let counter = sending.nonce
        let ciphertext = try sending.encrypt(plaintext, associatedData: [UInt8]())
        return withUnsafeBytes(of: counter.bigEndian) { Array($0) } + ciphertext
    }

    /// The plaintext, or nil for a datagram that is dropped (and counted).
    public mutating func open(_ datagram: [UInt8]) -> [UInt8]? {
        guard datagram.count >= Self.counterLength + NoiseCipherState.tagLength,
              datagram.count <= Self.counterLength + NoiseCipherState.tagLength + Self.maximumPlaintext else {
            dropped += 1
            return nil
        }
        let counter = datagram.prefix(Self.counterLength).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        guard counter < .max, window.admits(counter),
              let plaintext = try? receiving.decrypt(datagram.dropFirst(Self.counterLength), associatedData: [UInt8](), nonce: counter)
        else {
            dropped += 1
            return nil
        }
        window.accept(counter)
        return plaintext
    }
}
