import KademliaCore

/// How a timestamped record travels through nodes that know nothing about stamps: one msgpack bin holding
/// `"KDTS" | format 1 | version (UInt64 big-endian) | writer id (20 bytes) | msgpack of the value`.
/// An unmodified Python node stores and returns it as opaque bytes, so stamps survive a mixed network.
public enum StampedRecordHeader {
    public static let magic: [UInt8] = Array("KDTS".utf8)
    public static let formatVersion: UInt8 = 1
    /// Magic, format byte, version and writer id: everything before the value.
    public static let byteCount = magic.count + 1 + 8 + NodeID.byteCount

    /// Writes the header; the caller follows it with the msgpack encoding of the value.
    static func write(_ stamp: Stamp, into writer: inout MessagePackWriter) {
        writer.writeRaw(magic)
        writer.writeRaw(formatVersion)
        writer.writeRawBigEndian(stamp.version)
        writer.writeRaw(stamp.writer.bytes)
    }

    /// The record inside `content` if it carries a valid header followed by exactly one scalar value;
    /// nil means the bytes are an ordinary bytes value.
    static func record(in content: [UInt8]) -> Record? {
        guard content.count > byteCount,
            content.starts(with: magic),
            content[magic.count] == formatVersion
        else { return nil }
        var version: UInt64 = 0
        for byte in content[(magic.count + 1)..<(magic.count + 9)] {
            version = version << 8 | UInt64(byte)
        }
        guard let writer = NodeID(bytes: content[(magic.count + 9)..<byteCount]) else { return nil }
        var reader = MessagePackReader(bytes: content, offset: byteCount)
        guard let object = try? reader.read(), reader.offset == content.count,
            let value = try? Value(wire: object)
        else { return nil }
        return Record(value: value, stamp: Stamp(version: version, writer: writer))
    }
}
