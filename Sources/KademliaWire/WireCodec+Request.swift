import KademliaCore

/// Requests are `[name (str), args (array)]`; every RPC but `stun` starts its args with the sender's id.
extension WireCodec {
    static func writeRequest(_ request: Request, sender: NodeID, into writer: inout MessagePackWriter) {
        writer.writeArrayHeader(count: 2)
        writer.writeString(request.name)
        switch request {
        case .ping:
            writer.writeArrayHeader(count: 1)
            writer.writeBinary(sender.bytes)
        case .store(let key, let record):
            writer.writeArrayHeader(count: 3)
            writer.writeBinary(sender.bytes)
            writer.writeBinary(key.bytes)
            writer.writeRecord(record)
        case .findNode(let target):
            writer.writeArrayHeader(count: 2)
            writer.writeBinary(sender.bytes)
            writer.writeBinary(target.bytes)
        case .findValue(let key):
            writer.writeArrayHeader(count: 2)
            writer.writeBinary(sender.bytes)
            writer.writeBinary(key.bytes)
        case .stun:
            writer.writeArrayHeader(count: 0)
        }
    }

    static func readRequest(_ payload: MessagePackValue) throws(WireError) -> (Request, sender: NodeID) {
        guard case .array(let parts) = payload, parts.count == 2,
            case .string(let name) = parts[0], case .array(let arguments) = parts[1]
        else { throw .malformedRequest }
        switch name {
        case "ping":
            guard arguments.count == 1 else { throw .malformedRequest }
            return (.ping, try nodeID(arguments[0]))
        case "store":
            guard arguments.count == 3 else { throw .malformedRequest }
            let record = try Record(wire: arguments[2])
            return (.store(key: try nodeID(arguments[1]), record: record), try nodeID(arguments[0]))
        case "find_node":
            guard arguments.count == 2 else { throw .malformedRequest }
            return (.findNode(target: try nodeID(arguments[1])), try nodeID(arguments[0]))
        case "find_value":
            guard arguments.count == 2 else { throw .malformedRequest }
            return (.findValue(key: try nodeID(arguments[1])), try nodeID(arguments[0]))
        case "stun":
            guard arguments.isEmpty else { throw .malformedRequest }
            return (.stun, .zero)
        default:
            throw .unknownRPC(name)
        }
    }

    /// Ids and keys must be a 20-byte bin. (Python accepts any bytes here; a shorter id cannot be a NodeID.)
    private static func nodeID(_ object: MessagePackValue) throws(WireError) -> NodeID {
        guard case .binary(let content) = object, let id = NodeID(bytes: content) else { throw .malformedRequest }
        return id
    }
}
