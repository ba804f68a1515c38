/// Appends msgpack to a byte array exactly as u-msgpack-python 2.8.0 packs it: the smallest integer family,
/// float64 for every float, str8 (`d9`) and bin8 (`c4`) for short strings and byte strings.
public struct MessagePackWriter {
    public private(set) var bytes: [UInt8]

    public init(reservingCapacity capacity: Int = 0) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    public mutating func writeNil() {
        bytes.append(0xc0)
    }

    public mutating func writeBool(_ flag: Bool) {
        bytes.append(flag ? 0xc3 : 0xc2)
    }

    public mutating func writeInt(_ number: Int64) {
        if number >= 0 {
            writeUInt(UInt64(number))
        } else if number >= -32 {
            bytes.append(UInt8(bitPattern: Int8(number)))
        } else if number >= Int64(Int8.min) {
            bytes.append(0xd0)
            bytes.append(UInt8(bitPattern: Int8(number)))
        } else if number >= Int64(Int16.min) {
            bytes.append(0xd1)
            appendBigEndian(UInt16(bitPattern: Int16(number)))
        } else if number >= Int64(Int32.min) {
            bytes.append(0xd2)
            appendBigEndian(UInt32(bitPattern: Int32(number)))
        } else {
            bytes.append(0xd3)
            appendBigEndian(UInt64(bitPattern: number))
        }
    }

    public mutating func writeUInt(_ number: UInt64) {
        if number < 0x80 {
            bytes.append(UInt8(number))
        } else if number <= UInt64(UInt8.max) {
            bytes.append(0xcc)
            bytes.append(UInt8(number))
        } else if number <= UInt64(UInt16.max) {
            bytes.append(0xcd)
            appendBigEndian(UInt16(number))
        } else if number <= UInt64(UInt32.max) {
            bytes.append(0xce)
            appendBigEndian(UInt32(number))
        } else {
            bytes.append(0xcf)
            appendBigEndian(number)
        }
    }

    public mutating func writeDouble(_ number: Double) {
        bytes.append(0xcb)
        appendBigEndian(number.bitPattern)
    }

    public mutating func writeString(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            writeStringHeader(byteCount: utf8.count)
            bytes.append(contentsOf: utf8)
        }
    }

    public mutating func writeStringHeader(byteCount: Int) {
        writeLengthHeader(byteCount, fix: 0xa0, fixLimit: 32, eight: 0xd9, sixteen: 0xda, thirtyTwo: 0xdb)
    }

    public mutating func writeBinary<Bytes: Collection>(_ content: Bytes) where Bytes.Element == UInt8 {
        writeBinaryHeader(byteCount: content.count)
        bytes.append(contentsOf: content)
    }

    /// Starts a bin object; the caller appends exactly `byteCount` bytes with `writeRaw`.
    public mutating func writeBinaryHeader(byteCount: Int) {
        writeLengthHeader(byteCount, fix: nil, fixLimit: 0, eight: 0xc4, sixteen: 0xc5, thirtyTwo: 0xc6)
    }

    public mutating func writeArrayHeader(count: Int) {
        writeLengthHeader(count, fix: 0x90, fixLimit: 16, eight: nil, sixteen: 0xdc, thirtyTwo: 0xdd)
    }

    public mutating func writeMapHeader(count: Int) {
        writeLengthHeader(count, fix: 0x80, fixLimit: 16, eight: nil, sixteen: 0xde, thirtyTwo: 0xdf)
    }

    /// Appends bytes that are not a msgpack object of their own (the inside of a bin, the rpcudp header).
    public mutating func writeRaw<Bytes: Sequence>(_ content: Bytes) where Bytes.Element == UInt8 {
        bytes.append(contentsOf: content)
    }

    public mutating func writeRaw(_ byte: UInt8) {
        bytes.append(byte)
    }

    public mutating func writeRawBigEndian(_ number: UInt64) {
        appendBigEndian(number)
    }

    /// Writes a whole decoded tree back; used to forward or forge arbitrary objects.
    public mutating func write(_ value: MessagePackValue) {
        switch value {
        case .null: writeNil()
        case .bool(let flag): writeBool(flag)
        case .int(let number): writeInt(number)
        case .uint(let number): writeUInt(number)
        case .float(let number): writeDouble(number)
        case .string(let text): writeString(text)
        case .binary(let content): writeBinary(content)
        case .array(let elements):
            writeArrayHeader(count: elements.count)
            for element in elements { write(element) }
        case .map(let entries):
            writeMapHeader(count: entries.count)
            for entry in entries {
                write(entry.key)
                write(entry.value)
            }
        }
    }

    private mutating func writeLengthHeader(
        _ length: Int, fix: UInt8?, fixLimit: Int, eight: UInt8?, sixteen: UInt8, thirtyTwo: UInt8
    ) {
        precondition(length >= 0 && length <= Int(UInt32.max), "msgpack lengths are 32-bit")
        if let fix, length < fixLimit {
            bytes.append(fix | UInt8(length))
        } else if let eight, length <= Int(UInt8.max) {
            bytes.append(eight)
            bytes.append(UInt8(length))
        } else if length <= Int(UInt16.max) {
            bytes.append(sixteen)
            appendBigEndian(UInt16(length))
        } else {
            bytes.append(thirtyTwo)
            appendBigEndian(UInt32(length))
        }
    }

    private mutating func appendBigEndian<Word: FixedWidthInteger>(_ word: Word) {
        var bigEndian = word.bigEndian
        withUnsafeBytes(of: &bigEndian) { bytes.append(contentsOf: $0) }
    }
}
