import KademliaCore

/// Records on the wire: a plain record is the bare msgpack value; a stamped one is a bin wrapping
/// `StampedRecordHeader` and the value; a signed one a bin wrapping `SignedRecordHeader` and the value.
extension MessagePackWriter {
    public mutating func writeValue(_ value: Value) {
        switch value {
        case .string(let text): writeString(text)
        case .bytes(let content): writeBinary(content)
        case .int(let number): writeInt(number)
        case .float(let number): writeDouble(number)
        case .bool(let flag): writeBool(flag)
        }
    }

    public mutating func writeRecord(_ record: Record) {
        if let signature = record.signature {
            writeBinaryHeader(byteCount: SignedRecordHeader.byteCount + MessagePackSize.value(record.value))
            SignedRecordHeader.write(signature, into: &self)
            writeValue(record.value)
            return
        }
        guard let stamp = record.stamp else {
            writeValue(record.value)
            return
        }
        writeBinaryHeader(byteCount: StampedRecordHeader.byteCount + MessagePackSize.value(record.value))
        StampedRecordHeader.write(stamp, into: &self)
        writeValue(record.value)
    }
}

extension MessagePackSize {
    public static func value(_ value: Value) -> Int {
        switch value {
        case .string(let text): return string(byteCount: text.utf8.count)
        case .bytes(let content): return binary(byteCount: content.count)
        case .int(let number): return int(number)
        case .float: return double
        case .bool: return bool
        }
    }

    public static func record(_ record: Record) -> Int {
        let valueSize = value(record.value)
        if record.signature != nil { return binary(byteCount: SignedRecordHeader.byteCount + valueSize) }
        return record.stamp == nil ? valueSize : binary(byteCount: StampedRecordHeader.byteCount + valueSize)
    }
}

extension Value {
    /// The scalar a peer stored. Lists, maps, nil and integers beyond Int64 are legal msgpack that
    /// a Python node may hold, but they are not values here, so the RPC carrying them fails.
    public init(wire object: MessagePackValue) throws(WireError) {
        switch object {
        case .string(let text): self = .string(text)
        case .binary(let content): self = .bytes(content)
        case .int(let number): self = .int(number)
        case .float(let number): self = .float(number)
        case .bool(let flag): self = .bool(flag)
        case .null, .uint, .array, .map: throw .unsupportedValue
        }
    }
}

extension Record {
    /// Decodes a stored value, unwrapping a stamped record when the bin carries a valid header.
    public init(wire object: MessagePackValue) throws(WireError) {
        if case .binary(let content) = object, let stamped = StampedRecordHeader.record(in: content) {
            self = stamped
        } else if case .binary(let content) = object, let signed = SignedRecordHeader.record(in: content) {
            self = signed
        } else {
            self.init(value: try Value(wire: object))
        }
    }
}
