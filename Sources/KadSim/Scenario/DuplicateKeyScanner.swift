/// Finds a key that appears twice in one JSON object, which `JSONSerialization` accepts silently (the last one
/// wins). Runs over text that has already parsed, so it only tracks structure: objects, arrays, keys and lines.
struct DuplicateKeyScanner {
    struct Duplicate: Equatable {
        /// Dotted path of the repeated key, as `ScenarioError` names fields (`network.partitions[0].at`).
        var path: String
        var firstLine: Int
        var repeatLine: Int
    }

    private enum Container {
        case object(path: String, keys: [String: Int], key: String?, expectingKey: Bool)
        case array(path: String, index: Int)
    }

    /// The first repeated key in document order, or nil when every object's keys are distinct.
    /// `prefix` is the path of the document itself (empty for a whole scenario file).
    static func firstDuplicate(in bytes: some Collection<UInt8>, prefix: String = "") -> Duplicate? {
        var scanner = DuplicateKeyScanner(bytes: Array(bytes), prefix: prefix)
        return scanner.scan()
    }

    private let bytes: [UInt8]
    private let prefix: String
    private var position = 0
    private var line = 1
    private var stack: [Container] = []

    private init(bytes: [UInt8], prefix: String) {
        self.bytes = bytes
        self.prefix = prefix
    }

    private mutating func scan() -> Duplicate? {
        while position < bytes.count {
            let byte = bytes[position]
            switch byte {
            case UInt8(ascii: "\n"):
                line += 1
                position += 1
            case UInt8(ascii: "{"):
                stack.append(.object(path: valuePath(), keys: [:], key: nil, expectingKey: true))
                position += 1
            case UInt8(ascii: "["):
                stack.append(.array(path: valuePath(), index: 0))
                position += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                stack.removeLast()
                position += 1
            case UInt8(ascii: ","):
                switch stack.last {
                case .object(let path, let keys, _, _): stack[stack.count - 1] = .object(path: path, keys: keys, key: nil, expectingKey: true)
                case .array(let path, let index): stack[stack.count - 1] = .array(path: path, index: index + 1)
                case nil: break
                }
                position += 1
            case UInt8(ascii: "\""):
                let startLine = line
                let string = readString()
                if case .object(let path, var keys, _, true) = stack.last {
                    if let firstLine = keys[string] {
                        return Duplicate(path: Self.join(path, string), firstLine: firstLine, repeatLine: startLine)
                    }
                    keys[string] = startLine
                    stack[stack.count - 1] = .object(path: path, keys: keys, key: string, expectingKey: false)
                }
            default:
                position += 1
            }
        }
        return nil
    }

    /// The path of the value that starts at the current position.
    private func valuePath() -> String {
        switch stack.last {
        case .object(let path, _, let key, _): return Self.join(path, key ?? "")
        case .array(let path, let index): return "\(path)[\(index)]"
        case nil: return prefix
        }
    }

    private static func join(_ path: String, _ key: String) -> String {
        path.isEmpty ? key : "\(path).\(key)"
    }

    /// Reads the string starting at the opening quote, decoding escapes, and leaves the position after it.
    private mutating func readString() -> String {
        var scalars = String.UnicodeScalarView()
        var utf8: [UInt8] = []
        func flush() {
            scalars.append(contentsOf: String(decoding: utf8, as: UTF8.self).unicodeScalars)
            utf8.removeAll()
        }
        position += 1
        var pendingHighSurrogate: UInt32?
        while position < bytes.count, bytes[position] != UInt8(ascii: "\"") {
            guard bytes[position] == UInt8(ascii: "\\"), position + 1 < bytes.count else {
                utf8.append(bytes[position])
                position += 1
                continue
            }
            flush()
            let escaped = bytes[position + 1]
            position += 2
            switch escaped {
            case UInt8(ascii: "u"):
                let digits = bytes[position..<min(position + 4, bytes.count)]
                position += 4
                let unit = UInt32(String(decoding: digits, as: UTF8.self), radix: 16) ?? 0xFFFD
                if (0xD800..<0xDC00).contains(unit) {
                    pendingHighSurrogate = unit
                    continue
                }
                var value = unit
                if let high = pendingHighSurrogate, (0xDC00..<0xE000).contains(unit) {
                    value = 0x10000 + ((high - 0xD800) << 10) + (unit - 0xDC00)
                }
                scalars.append(Unicode.Scalar(value) ?? "\u{FFFD}")
            case UInt8(ascii: "n"): scalars.append("\n")
            case UInt8(ascii: "t"): scalars.append("\t")
            case UInt8(ascii: "r"): scalars.append("\r")
            case UInt8(ascii: "b"): scalars.append("\u{08}")
            case UInt8(ascii: "f"): scalars.append("\u{0C}")
            default: scalars.append(Unicode.Scalar(escaped))
            }
            pendingHighSurrogate = nil
        }
        flush()
        position += 1
        return String(scalars)
    }
}
