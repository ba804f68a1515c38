import Foundation
import KademliaCore

/// The helper's lossless JSON form of a value: bytes as hex, ints as decimal text, floats as `float.hex()`.
enum TypedValue {
    static func json(_ value: Value) -> [String: Any] {
        switch value {
        case .string(let text): return ["type": "str", "value": text]
        case .bytes(let bytes): return ["type": "bytes", "value": bytes.map { String(format: "%02x", $0) }.joined()]
        case .int(let number): return ["type": "int", "value": String(number)]
        case .float(let number): return ["type": "float", "value": hexFloat(number)]
        case .bool(let flag): return ["type": "bool", "value": flag]
        }
    }

    static func value(_ json: Any?) throws -> Value? {
        guard let object = json as? [String: Any] else { return nil }
        let raw = object["value"]
        switch object["type"] as? String {
        case "str": return (raw as? String).map(Value.string)
        case "bytes": return (raw as? String).map { .bytes(hexBytes($0)) }
        case "int": return (raw as? String).flatMap(Int64.init).map(Value.int)
        case "float": return (raw as? String).flatMap(Double.init).map(Value.float)
        case "bool": return (raw as? Bool).map(Value.bool)
        default: throw TestFailure("Python returned a value of another type: \(object)")
        }
    }

    /// C99 hex float, which Python's `float.fromhex` reads exactly.
    private static func hexFloat(_ number: Double) -> String {
        String(format: "%a", number)
    }

    private static func hexBytes(_ text: String) -> [UInt8] {
        let digits = Array(text.utf8)
        return stride(from: 0, to: digits.count, by: 2).map {
            UInt8(String(decoding: digits[$0..<$0 + 2], as: UTF8.self), radix: 16)!
        }
    }
}
