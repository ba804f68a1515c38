/// One decoded msgpack object, limited to the families the Python kademlia library puts on the wire.
/// Ext types are not part of the subset: the reader rejects them.
public enum MessagePackValue: Hashable, Sendable {
    case null
    case bool(Bool)
    /// Every integer that fits in `Int64`, whatever family it was encoded with.
    case int(Int64)
    /// Only integers above `Int64.max` (uint64 `cf`), so each number has one representation.
    case uint(UInt64)
    /// float32 is widened on decoding; the writer always emits float64 like u-msgpack-python.
    case float(Double)
    case string(String)
    case binary([UInt8])
    case array([MessagePackValue])
    /// Entries in wire order; the reader rejects duplicate keys as u-msgpack-python does.
    case map([MapEntry])

    public struct MapEntry: Hashable, Sendable {
        public var key: MessagePackValue
        public var value: MessagePackValue

        public init(key: MessagePackValue, value: MessagePackValue) {
            self.key = key
            self.value = value
        }
    }
}
