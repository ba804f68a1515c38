import KademliaCore

/// How a signed record travels, like a stamped one: one msgpack bin holding
/// `"KDSG" | format 1 | sequence (UInt64 big-endian) | public key (32 bytes) | signature (64 bytes) | msgpack of the value`.
/// The key is not repeated: it is the STORE's key, and a reader checks that SHA-1(public key) equals it.
/// An unmodified Python node stores and returns it as opaque bytes.
public enum SignedRecordHeader {
    public static let magic: [UInt8] = Array("KDSG".utf8)
    public static let formatVersion: UInt8 = 1
    /// Magic, format byte, sequence, public key and signature: everything before the value.
    public static let byteCount = magic.count + 1 + 8 + RecordSignature.publicKeyByteCount + RecordSignature.signatureByteCount

    /// Writes the header; the caller follows it with the msgpack encoding of the value. The signature's key and
    /// signature must have their fixed lengths (shorter ones are zero-padded, longer ones cut, and will not verify).
    static func write(_ signature: RecordSignature, into writer: inout MessagePackWriter) {
        writer.writeRaw(magic)
        writer.writeRaw(formatVersion)
        writer.writeRawBigEndian(signature.sequence)
        writer.writeRaw(fixed(signature.publicKey, RecordSignature.publicKeyByteCount))
        writer.writeRaw(fixed(signature.signature, RecordSignature.signatureByteCount))
    }

    private static func fixed(_ bytes: [UInt8], _ count: Int) -> [UInt8] {
        bytes.count == count ? bytes : Array((bytes + Array(repeating: 0, count: count)).prefix(count))
    }

    /// The record inside `content` if it carries a valid header followed by exactly one scalar value; nil means
    /// the bytes are something else. The signature is not verified here: that is the store policy's job.
    static func record(in content: [UInt8]) -> Record? {
        guard content.count > byteCount, content.starts(with: magic), content[magic.count] == formatVersion else { return nil }
        var sequence: UInt64 = 0
        var offset = magic.count + 1
        for byte in content[offset..<(offset + 8)] { sequence = sequence << 8 | UInt64(byte) }
        offset += 8
        let publicKey = Array(content[offset..<(offset + RecordSignature.publicKeyByteCount)])
        offset += RecordSignature.publicKeyByteCount
        let signature = Array(content[offset..<(offset + RecordSignature.signatureByteCount)])
        var reader = MessagePackReader(bytes: content, offset: byteCount)
        guard let object = try? reader.read(), reader.offset == content.count, let value = try? Value(wire: object) else { return nil }
        return Record(value: value, signature: RecordSignature(publicKey: publicKey, sequence: sequence, signature: signature))
    }
}
