import KademliaCore

extension NodeAddress {
    /// Length of `chatBytes`.
    static let chatByteCount = 6

    /// The address in chat records and datagrams: IPv4 (4 bytes, big-endian), then the port (2 bytes, big-endian).
    var chatBytes: [UInt8] {
        withUnsafeBytes(of: ipv4.bigEndian) { Array($0) } + withUnsafeBytes(of: port.bigEndian) { Array($0) }
    }

    /// nil unless `bytes` is exactly one address.
    init?(chatBytes bytes: some Collection<UInt8>) {
        guard bytes.count == Self.chatByteCount else { return nil }
        let ipv4 = bytes.prefix(4).reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        let port = bytes.dropFirst(4).reduce(UInt16(0)) { $0 << 8 | UInt16($1) }
        self.init(ipv4: ipv4, port: port)
    }
}
