import KademliaCore
import NIOCore

extension SocketAddress {
    init(_ address: NodeAddress) throws {
        self = try SocketAddress(ipAddress: address.host, port: Int(address.port))
    }

    /// The IPv4 address a datagram came from; nil for IPv6 or Unix sockets, which the core cannot address.
    var nodeAddress: NodeAddress? {
        guard case .v4 = self, let host = ipAddress, let port else { return nil }
        return NodeAddress(host: host, port: port)
    }
}
