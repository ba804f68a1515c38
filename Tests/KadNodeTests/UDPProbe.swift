import Foundation
import KademliaCore

/// A bare UDP socket on 127.0.0.1 for speaking to nodes byte by byte: raw requests, forged replies, floods.
final class UDPProbe {
    private let socketDescriptor: Int32
    let address: NodeAddress

    init() throws {
        let descriptor = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        guard descriptor >= 0 else { throw TestFailure("socket() failed: \(errno)") }
        var local = Self.socketAddress(NodeAddress(host: "127.0.0.1", port: 0)!)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &local) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, length) == 0 && getsockname(descriptor, $0, &length) == 0
            }
        }
        guard bound else {
            close(descriptor)
            throw TestFailure("bind() failed: \(errno)")
        }
        socketDescriptor = descriptor
        address = Self.nodeAddress(local)
    }

    deinit {
        close(socketDescriptor)
    }

    func send(_ bytes: [UInt8], to destination: NodeAddress) {
        var remote = Self.socketAddress(destination)
        _ = withUnsafePointer(to: &remote) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                sendto(socketDescriptor, bytes, bytes.count, 0, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
    }

    /// The next datagram, or nil after `timeout`.
    func receive(timeout: Duration) -> (bytes: [UInt8], source: NodeAddress)? {
        var descriptor = pollfd(fd: socketDescriptor, events: Int16(POLLIN), revents: 0)
        let milliseconds = Int32(timeout.components.seconds * 1_000 + timeout.components.attoseconds / 1_000_000_000_000_000)
        guard poll(&descriptor, 1, max(1, milliseconds)) > 0 else { return nil }
        var buffer = [UInt8](repeating: 0, count: 65_536)
        var remote = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let count = withUnsafeMutablePointer(to: &remote) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                recvfrom(socketDescriptor, &buffer, buffer.count, 0, $0, &length)
            }
        }
        guard count >= 0 else { return nil }
        return (Array(buffer[..<count]), Self.nodeAddress(remote))
    }

    private static func socketAddress(_ address: NodeAddress) -> sockaddr_in {
        var result = sockaddr_in()
        result.sin_family = sa_family_t(AF_INET)
        result.sin_port = address.port.bigEndian
        result.sin_addr.s_addr = address.ipv4.bigEndian
        return result
    }

    private static func nodeAddress(_ address: sockaddr_in) -> NodeAddress {
        NodeAddress(ipv4: UInt32(bigEndian: address.sin_addr.s_addr), port: UInt16(bigEndian: address.sin_port))
    }
}
