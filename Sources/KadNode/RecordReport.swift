import Foundation
import KademliaCore

/// What `kadsim get` and `kadsim put` print: one human line, or one JSON object with `--json`.
public struct RecordReport: Sendable {
    public var key: String
    public var record: Record?
    /// Set for a put: how many nodes acknowledged the STORE.
    public var storedAt: Int?

    public init(key: String, record: Record?, storedAt: Int? = nil) {
        self.key = key
        self.record = record
        self.storedAt = storedAt
    }

    /// A put's confirmation shows at most this many characters of the value (a get prints it whole).
    public static let confirmationValueCharacters = 60

    public var text: String {
        guard let record else { return "not found: \(key)" }
        var line = record.value.description
        if storedAt != nil && line.count > Self.confirmationValueCharacters {
            line = "\(line.prefix(Self.confirmationValueCharacters))… (\(line.utf8.count) bytes)"
        }
        if let stamp = record.stamp { line += " (version \(stamp.version), writer \(stamp.writer.hex))" }
        if let storedAt { line = "stored \(line) at \(storedAt) node\(storedAt == 1 ? "" : "s")" }
        return line
    }

    public var json: String {
        var object: [String: Any] = ["key": key, "found": record != nil]
        if let record {
            object["type"] = ValueKind(of: record.value).rawValue
            object["value"] = Self.jsonValue(record.value)
            if let stamp = record.stamp {
                object["version"] = stamp.version
                object["writer"] = stamp.writer.hex
            }
        }
        if let storedAt { object["storedAt"] = storedAt }
        let data = try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }

    private static func jsonValue(_ value: Value) -> Any {
        switch value {
        case .string(let text): return text
        case .bytes(let bytes): return bytes.map { String(format: "%02x", $0) }.joined()
        case .int(let number): return number
        case .float(let number): return number
        case .bool(let flag): return flag
        }
    }
}
