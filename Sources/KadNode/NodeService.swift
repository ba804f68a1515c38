import KademliaCore
import Logging

/// What `kadsim node` does: listen, join, serve until a signal or the duration, then close the socket.
public enum NodeService {
    /// Parses the HOST:PORT arguments of a command, failing on the first that is not an IPv4 address.
    public static func addresses(_ texts: [String]) throws -> [NodeAddress] {
        try texts.map { text in
            guard let address = NodeAddress(text) else { throw KadNodeError.invalidAddress(text) }
            return address
        }
    }

    /// Serves until SIGINT/SIGTERM or until `duration` passes. `attach` adds a service on the node's socket before it is
    /// announced; `announce` receives the listening line.
    public static func serve(
        host: String,
        port: Int,
        bootstrap: [NodeAddress],
        storeMode: StoreMode,
        addressLimits: AddressLimits = UDPNode.defaultAddressLimits,
        duration: Microseconds?,
        logger: Logger,
        attach: (UDPNode) async throws -> Void = { _ in },
        announce: (String) -> Void
    ) async throws {
        let node = try await UDPNode.start(
            host: host, port: port, bootstrap: bootstrap, storeMode: storeMode, addressLimits: addressLimits, logger: logger)
        do {
            try await attach(node)
        } catch {
            await node.shutdown()
            throw error
        }
        announce("node \(node.id.hex) listening on \(node.address) (\(storeMode.rawValue) store)")
        let signalled = await TerminationSignal.wait(timeout: duration.map { .microseconds($0) })
        logger.info(signalled ? "stopping on signal" : "stopping after the duration")
        await node.shutdown()
    }
}
