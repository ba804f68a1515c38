/// Reads one msgpack object from untrusted bytes. It checks every length against the bytes that remain before
/// allocating, stops at `maximumDepth` levels of arrays and maps, rejects invalid UTF-8, duplicate map keys and
/// ext types, and never traps. Bytes after the object are left unread, as u-msgpack-python leaves them.
public struct MessagePackReader {
    private let bytes: [UInt8]
    /// Index of the next unread byte.
    public private(set) var offset: Int
    private let maximumDepth: Int

    public init(bytes: [UInt8], offset: Int = 0, maximumDepth: Int = WireLimits.maximumNestingDepth) {
        self.bytes = bytes
        self.offset = offset
        self.maximumDepth = maximumDepth
    }

    /// Decodes the object at `offset` and moves past it.
    public mutating func read() throws(WireError) -> MessagePackValue {
        try readValue(depth: 1)
    }

    private var remaining: Int { bytes.count - offset }

    private mutating func readValue(depth: Int) throws(WireError) -> MessagePackValue {
        let type = try readByte()
        switch type {
        case 0x00...0x7f: return .int(Int64(type))
        case 0x80...0x8f: return try readMap(count: Int(type & 0x0f), depth: depth)
        case 0x90...0x9f: return try readArray(count: Int(type & 0x0f), depth: depth)
        case 0xa0...0xbf: return try readString(byteCount: Int(type & 0x1f))
        case 0xc0: return .null
        case 0xc2: return .bool(false)
        case 0xc3: return .bool(true)
        case 0xc4: return .binary(try readBytes(count: Int(try readBigEndian(UInt8.self))))
        case 0xc5: return .binary(try readBytes(count: Int(try readBigEndian(UInt16.self))))
        case 0xc6: return .binary(try readBytes(count: Int(try readBigEndian(UInt32.self))))
        case 0xca: return .float(Double(Float(bitPattern: try readBigEndian(UInt32.self))))
        case 0xcb: return .float(Double(bitPattern: try readBigEndian(UInt64.self)))
        case 0xcc: return .int(Int64(try readBigEndian(UInt8.self)))
        case 0xcd: return .int(Int64(try readBigEndian(UInt16.self)))
        case 0xce: return .int(Int64(try readBigEndian(UInt32.self)))
        case 0xcf:
            let number = try readBigEndian(UInt64.self)
            return number <= UInt64(Int64.max) ? .int(Int64(number)) : .uint(number)
        case 0xd0: return .int(Int64(Int8(bitPattern: try readBigEndian(UInt8.self))))
        case 0xd1: return .int(Int64(Int16(bitPattern: try readBigEndian(UInt16.self))))
        case 0xd2: return .int(Int64(Int32(bitPattern: try readBigEndian(UInt32.self))))
        case 0xd3: return .int(Int64(bitPattern: try readBigEndian(UInt64.self)))
        case 0xd9: return try readString(byteCount: Int(try readBigEndian(UInt8.self)))
        case 0xda: return try readString(byteCount: Int(try readBigEndian(UInt16.self)))
        case 0xdb: return try readString(byteCount: Int(try readBigEndian(UInt32.self)))
        case 0xdc: return try readArray(count: Int(try readBigEndian(UInt16.self)), depth: depth)
        case 0xdd: return try readArray(count: Int(try readBigEndian(UInt32.self)), depth: depth)
        case 0xde: return try readMap(count: Int(try readBigEndian(UInt16.self)), depth: depth)
        case 0xdf: return try readMap(count: Int(try readBigEndian(UInt32.self)), depth: depth)
        case 0xe0...0xff: return .int(Int64(Int8(bitPattern: type)))
        default: throw .unsupportedFormat(type)
        }
    }

    private mutating func readArray(count: Int, depth: Int) throws(WireError) -> MessagePackValue {
        guard depth <= maximumDepth else { throw .nestingTooDeep }
        // Every element takes at least one byte, so a count above the remaining bytes is a lie.
        guard count <= remaining else { throw .truncated }
        var elements: [MessagePackValue] = []
        elements.reserveCapacity(count)
        for _ in 0..<count {
            elements.append(try readValue(depth: depth + 1))
        }
        return .array(elements)
    }

    private mutating func readMap(count: Int, depth: Int) throws(WireError) -> MessagePackValue {
        guard depth <= maximumDepth else { throw .nestingTooDeep }
        guard count <= remaining / 2 else { throw .truncated }
        var entries: [MessagePackValue.MapEntry] = []
        entries.reserveCapacity(count)
        var keys = Set<MessagePackValue>(minimumCapacity: count)
        for _ in 0..<count {
            let key = try readValue(depth: depth + 1)
            guard keys.insert(key).inserted else { throw .duplicateMapKey }
            entries.append(.init(key: key, value: try readValue(depth: depth + 1)))
        }
        return .map(entries)
    }

    private mutating func readString(byteCount: Int) throws(WireError) -> MessagePackValue {
        guard byteCount <= remaining else { throw .truncated }
        let utf8 = bytes[offset..<offset + byteCount]
        offset += byteCount
        let invalid = transcode(utf8.makeIterator(), from: UTF8.self, to: UTF8.self, stoppingOnError: true) { _ in }
        guard !invalid else { throw .invalidUTF8 }
        return .string(String(decoding: utf8, as: UTF8.self))
    }

    private mutating func readBytes(count: Int) throws(WireError) -> [UInt8] {
        guard count <= remaining else { throw .truncated }
        defer { offset += count }
        return Array(bytes[offset..<offset + count])
    }

    private mutating func readByte() throws(WireError) -> UInt8 {
        guard remaining >= 1 else { throw .truncated }
        defer { offset += 1 }
        return bytes[offset]
    }

    private mutating func readBigEndian<Word: FixedWidthInteger & UnsignedInteger>(
        _: Word.Type
    ) throws(WireError) -> Word {
        let width = Word.bitWidth / 8
        guard remaining >= width else { throw .truncated }
        var word: Word = 0
        for index in offset..<offset + width {
            word = word << 8 | Word(bytes[index])
        }
        offset += width
        return word
    }
}
