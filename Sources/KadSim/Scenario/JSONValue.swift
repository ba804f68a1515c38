import Foundation

/// A JSON document as parsed by `JSONSerialization`, with numbers kept precise enough to tell integers,
/// large unsigned integers and fractions apart, and booleans apart from numbers.
enum JSONValue: Equatable {
    case null
    case bool(Bool)
    case number(JSONNumber)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// Parses a document; fragments (a bare number or string) are allowed.
    static func parse(_ data: Data) throws -> JSONValue {
        let any = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        return JSONValue(foundation: any)
    }

    init(foundation any: Any) {
        switch any {
        case is NSNull:
            self = .null
        case let string as String:
            self = .string(string)
        case let number as NSNumber:
            let type = String(cString: number.objCType)
            if type == "c" || type == "B" {
                self = .bool(number.boolValue)
            } else if type == "Q" {
                self = .number(JSONNumber(unsigned: number.uint64Value))
            } else if type == "d" || type == "f" {
                self = .number(JSONNumber(double: number.doubleValue))
            } else {
                self = .number(JSONNumber(integer: number.int64Value))
            }
        case let array as [Any]:
            self = .array(array.map(JSONValue.init(foundation:)))
        case let dictionary as [String: Any]:
            self = .object(dictionary.mapValues(JSONValue.init(foundation:)))
        default:
            self = .string(String(describing: any))
        }
    }

    /// The Foundation tree for `JSONSerialization`.
    var foundation: Any {
        switch self {
        case .null: return NSNull()
        case .bool(let value): return value
        case .number(let number):
            if let integer = number.integer { return NSNumber(value: integer) }
            if let unsigned = number.unsigned { return NSNumber(value: unsigned) }
            return NSNumber(value: number.double)
        case .string(let value): return value
        case .array(let values): return values.map(\.foundation)
        case .object(let members): return members.mapValues(\.foundation)
        }
    }

    /// Pretty-printed text with sorted keys.
    func text() -> String {
        let data = (try? JSONSerialization.data(
            withJSONObject: foundation, options: [.prettyPrinted, .sortedKeys, .fragmentsAllowed, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    /// How a value is named in "got ..." parts of error messages.
    var shortDescription: String {
        switch self {
        case .null: return "null"
        case .bool(let value): return value ? "true" : "false"
        case .number(let number): return number.text
        case .string(let value): return JSONValue.quoted(value)
        case .array: return "an array"
        case .object: return "an object"
        }
    }

    static func quoted(_ string: String) -> String {
        var result = "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 {
                    result += String(format: "\\u%04x", scalar.value)
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}

/// A JSON number: always available as a `Double`, and as an exact integer when it is one.
struct JSONNumber: Equatable {
    var double: Double
    /// Set when the value is an integer that fits in `Int64`.
    var integer: Int64?
    /// Set when the value is a non-negative integer that fits in `UInt64`.
    var unsigned: UInt64?

    init(integer: Int64) {
        self.double = Double(integer)
        self.integer = integer
        self.unsigned = integer >= 0 ? UInt64(integer) : nil
    }

    init(unsigned: UInt64) {
        self.double = Double(unsigned)
        self.integer = Int64(exactly: unsigned)
        self.unsigned = unsigned
    }

    init(double: Double) {
        self.double = double
        self.integer = Int64(exactly: double)
        self.unsigned = UInt64(exactly: double)
    }

    var text: String {
        if let integer { return String(integer) }
        if let unsigned { return String(unsigned) }
        return String(double)
    }
}
