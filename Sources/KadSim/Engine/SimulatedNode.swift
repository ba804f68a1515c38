import KademliaCore

/// A simulated host: the protocol engine plus what the simulator knows about it from outside.
struct SimulatedNode {
    var core: KademliaNode
    /// Incremented on every rejoin; per-session events (publish, read) carry it so that old chains die out.
    var session: UInt32 = 0
    var isStable = false
    /// For a node that owns a presence record: the sequence number its next write gets.
    var nextWriteSequence: Int64 = 0
    let isUser: Bool
    /// Addresses this node sent to recently: what a NAT lets back in.
    var natMappings: [NodeAddress: Microseconds] = [:]
    var pendingReads: [OperationID: PendingRead] = [:]
    var pendingWrites: [OperationID: Int64] = [:]
    /// The highest genuine write sequence this node has read, per owner (for rollback detection).
    var highestSeen: [Int: Int64] = [:]
    /// This node's own contact as last interned in the shared directory: sent along with its datagrams, it spares
    /// each receiver hashing the sender.
    var internedSelf: ContactDirectory.Interned?

    struct PendingRead {
        var owner: Int
        var startedAt: Microseconds
        var latestAtStart: Int64
    }
}
