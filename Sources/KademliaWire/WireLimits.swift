import KademliaCore

/// Bounds the decoder enforces before it trusts a byte from the network.
public enum WireLimits {
    /// rpcudp ignores anything shorter: type byte, 20-byte message id, at least one payload byte.
    public static let minimumDatagramBytes = 22
    /// Larger than any UDP payload over IPv4, so only garbage hits it.
    public static let maximumDatagramBytes = 64 * 1024
    /// The largest UDP payload over IPv4 (65,535 less the IP and UDP headers): a datagram must fit it to be sent.
    public static let maximumSendableDatagramBytes = 65_507
    /// Room a STORE's record may need beyond its value: a version stamp, or a public key, sequence and signature.
    public static let recordMetadataBytesMaximum = 160
    /// The deepest legitimate message is three levels (`[name, [id, key, value]]`); a little slack for peers'
    /// stored lists, which are still rejected later as values.
    public static let maximumNestingDepth = 8
    /// The Python sender refuses requests whose msgpack payload is larger (rpcudp/protocol.py:124);
    /// a STORE bigger than this cannot travel to an unmodified Python node.
    public static let pythonRequestPayloadBytesMaximum = 8192
    /// Length of the rpcudp header: type byte plus message id.
    public static let headerBytes = 1 + NodeID.byteCount
}
