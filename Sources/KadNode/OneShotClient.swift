import KademliaCore
import KademliaWire
import Logging

/// What `kadsim put` and `kadsim get` do: join through a bootstrap node as a short-lived node on an
/// ephemeral port, run one operation, and close.
public enum OneShotClient {
    /// The Python library's 5 s. Contacts that left without a word (earlier one-shot clients) each cost this
    /// much, so a shorter timeout makes commands quicker on a fast network.
    public static let defaultRPCTimeout = KademliaConfiguration().rpcTimeout

    /// Writes `value` under the user key `key` (hashed as the Python library hashes it).
    /// Throws `notStored` when no node acknowledged the STORE.
    public static func put(
        key: String, value: Value, bootstrap: [NodeAddress], storeMode: StoreMode, rpcTimeout: Microseconds = defaultRPCTimeout,
        host: String = "0.0.0.0", logger: Logger
    ) async throws -> RecordReport {
        try checkFitsOneDatagram(value, key: NodeID(hashing: key))
        return try await withJoinedNode(bootstrap: bootstrap, storeMode: storeMode, rpcTimeout: rpcTimeout, host: host, logger: logger) { node in
            let (record, storedAt) = try await node.put(key: NodeID(hashing: key), value: value)
            guard storedAt > 0 else { throw KadNodeError.notStored(key: key) }
            return RecordReport(key: key, record: record, storedAt: storedAt)
        }
    }

    /// Reads the user key `key`; the report's record is nil when no node had it.
    public static func get(
        key: String, bootstrap: [NodeAddress], storeMode: StoreMode, rpcTimeout: Microseconds = defaultRPCTimeout,
        host: String = "0.0.0.0", logger: Logger
    ) async throws -> RecordReport {
        try await withJoinedNode(bootstrap: bootstrap, storeMode: storeMode, rpcTimeout: rpcTimeout, host: host, logger: logger) { node in
            RecordReport(key: key, record: try await node.get(key: NodeID(hashing: key)))
        }
    }

    /// Throws `valueTooLarge` at once, before any network traffic, for a value whose STORE (with the most record
    /// metadata any store mode adds) would not fit one UDP datagram.
    public static func checkFitsOneDatagram(_ value: Value, key: NodeID) throws {
        let store = Message(id: MessageID(bits: key), body: .request(.store(key: key, record: Record(value: value)), sender: key))
        let datagramBytes = WireCodec.encodedSize(of: store) + WireLimits.recordMetadataBytesMaximum
        guard datagramBytes <= WireLimits.maximumSendableDatagramBytes else {
            throw KadNodeError.valueTooLarge(datagramBytes: datagramBytes, limit: WireLimits.maximumSendableDatagramBytes)
        }
    }

    private static func withJoinedNode(
        bootstrap: [NodeAddress], storeMode: StoreMode, rpcTimeout: Microseconds, host: String, logger: Logger,
        _ body: (UDPNode) async throws -> RecordReport
    ) async throws -> RecordReport {
        guard rpcTimeout > 0 else { throw KadNodeError.invalidDuration("\(rpcTimeout)µs") }
        var configuration = KademliaConfiguration()
        configuration.storeMode = storeMode
        configuration.rpcTimeout = rpcTimeout
        // A one-shot node leaves at once: refreshing far buckets after the join would only delay it.
        configuration.refreshBucketsOnJoin = false
        let node = try await UDPNode.start(host: host, port: 0, configuration: configuration, logger: logger)
        do {
            try await node.join(bootstrap)
            let report = try await body(node)
            await node.shutdown()
            return report
        } catch {
            await node.shutdown()
            throw error
        }
    }
}
