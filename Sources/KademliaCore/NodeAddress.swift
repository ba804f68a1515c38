/// An IPv4 address and UDP port. Compact so the simulator can hold millions; the UDP node maps it to sockets.
public struct NodeAddress: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var ipv4: UInt32
    public var port: UInt16

    public init(ipv4: UInt32, port: UInt16) {
        self.ipv4 = ipv4
        self.port = port
    }

    /// Parses a dotted quad such as "127.0.0.1"; nil for anything else.
    public init?(host: String, port: Int) {
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4, (0...65_535).contains(port) else { return nil }
        var value: UInt32 = 0
        for part in parts {
            guard part.count <= 3, let octet = UInt8(part) else { return nil }
            value = value << 8 | UInt32(octet)
        }
        self.init(ipv4: value, port: UInt16(port))
    }

    /// Parses "HOST:PORT" with a dotted-quad host.
    public init?(_ text: String) {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]) else { return nil }
        self.init(host: String(text[..<colon]), port: port)
    }

    public var host: String {
        [24, 16, 8, 0].map { String((ipv4 >> UInt32($0)) & 0xFF) }.joined(separator: ".")
    }

    public var description: String { "\(host):\(port)" }

    public static func < (lhs: NodeAddress, rhs: NodeAddress) -> Bool {
        (lhs.ipv4, lhs.port) < (rhs.ipv4, rhs.port)
    }
}
