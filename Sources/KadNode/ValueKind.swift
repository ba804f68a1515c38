import KademliaCore

/// The type a command-line VALUE is read as; the names are those `--json` output uses.
public enum ValueKind: String, Sendable, CaseIterable {
    case str, bytes, int, float, bool

    public init(of value: Value) {
        switch value {
        case .string: self = .str
        case .bytes: self = .bytes
        case .int: self = .int
        case .float: self = .float
        case .bool: self = .bool
        }
    }

    /// Reads `text` as this kind: bytes as hex digits, bools as true/false.
    public func parse(_ text: String) throws -> Value {
        switch self {
        case .str:
            return .string(text)
        case .bytes:
            guard let bytes = Self.hexBytes(text) else { throw KadNodeError.invalidValue("'\(text)' is not hex") }
            return .bytes(bytes)
        case .int:
            guard let number = Int64(text) else { throw KadNodeError.invalidValue("'\(text)' is not a 64-bit integer") }
            return .int(number)
        case .float:
            guard let number = Double(text) else { throw KadNodeError.invalidValue("'\(text)' is not a number") }
            return .float(number)
        case .bool:
            guard let flag = Bool(text) else { throw KadNodeError.invalidValue("'\(text)' is not true or false") }
            return .bool(flag)
        }
    }

    private static func hexBytes(_ text: String) -> [UInt8]? {
        let digits = Array(text.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let byte = UInt8(String(decoding: digits[index..<index + 2], as: UTF8.self), radix: 16) else { return nil }
            bytes.append(byte)
        }
        return bytes
    }
}
