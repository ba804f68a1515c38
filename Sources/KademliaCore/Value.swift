/// A stored value as the Python kademlia library accepts it from `Server.set`: str, bytes, int, float or bool.
public enum Value: Hashable, Sendable, CustomStringConvertible {
    case string(String)
    case bytes([UInt8])
    case int(Int64)
    case float(Double)
    case bool(Bool)

    public var description: String {
        switch self {
        case .string(let text): return text
        case .bytes(let bytes): return "0x" + bytes.map { String(format2hex: $0) }.joined()
        case .int(let number): return String(number)
        case .float(let number): return String(number)
        case .bool(let flag): return flag ? "true" : "false"
        }
    }
}

extension String {
    init(format2hex byte: UInt8) {
        let digits = String(byte, radix: 16)
        self = digits.count == 1 ? "0" + digits : digits
    }
}
