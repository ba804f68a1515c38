import KademliaCore

/// How the simulator encodes a presence record (owner's address at some write) into a DHT value, so that the
/// oracle can tell which write a returned value came from whatever the store mode.
public struct PresenceValue: Hashable, Sendable {
    /// The owner's write counter: 0 for its first publish, +1 for each later one.
    public var sequence: Int64
    public var address: NodeAddress

    public init(sequence: Int64, address: NodeAddress) {
        self.sequence = sequence
        self.address = address
    }

    public var value: Value {
        .int(sequence << 32 | Int64(address.ipv4))
    }

    /// Nil for a value the simulator never wrote (a forgery or garbage).
    public init?(_ value: Value, port: UInt16) {
        guard case .int(let packed) = value, packed >= 0 else { return nil }
        self.init(sequence: packed >> 32, address: NodeAddress(ipv4: UInt32(truncatingIfNeeded: packed), port: port))
    }
}
