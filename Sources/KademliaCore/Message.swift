/// The 20-byte id that pairs a response with its request (rpcudp's message id).
public struct MessageID: Hashable, Sendable {
    public var bits: NodeID

    public init(bits: NodeID) {
        self.bits = bits
    }
}

/// The four Kademlia RPCs, plus `stun`, which the Python library answers but never sends.
public enum Request: Hashable, Sendable {
    case ping
    case store(key: NodeID, record: Record)
    case findNode(target: NodeID)
    case findValue(key: NodeID)
    case stun

    public var name: String {
        switch self {
        case .ping: return "ping"
        case .store: return "store"
        case .findNode: return "find_node"
        case .findValue: return "find_value"
        case .stun: return "stun"
        }
    }
}

/// Replies carry no sender id (except `pong`), so the requester learns who answered from its pending-RPC table.
public enum Response: Hashable, Sendable {
    case pong(NodeID)
    case stored(Bool)
    case nodes([Contact])
    case value(Record)
    case stunAddress(NodeAddress)
}

public enum MessageBody: Hashable, Sendable {
    /// `sender` is the requester's own node id, the first argument of every RPC but `stun`.
    case request(Request, sender: NodeID)
    case response(Response)
}

/// One datagram's content, independent of its encoding.
public struct Message: Hashable, Sendable {
    public var id: MessageID
    public var body: MessageBody

    public init(id: MessageID, body: MessageBody) {
        self.id = id
        self.body = body
    }
}

/// A datagram the node wants sent.
public struct Transmit: Hashable, Sendable {
    public var destination: NodeAddress
    public var message: Message

    public init(destination: NodeAddress, message: Message) {
        self.destination = destination
        self.message = message
    }
}
