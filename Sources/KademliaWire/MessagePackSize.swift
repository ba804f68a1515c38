/// Encoded sizes of msgpack objects, matching `MessagePackWriter` byte for byte without writing anything.
public enum MessagePackSize {
    public static func int(_ number: Int64) -> Int {
        if number >= 0 { return uint(UInt64(number)) }
        if number >= -32 { return 1 }
        if number >= Int64(Int8.min) { return 2 }
        if number >= Int64(Int16.min) { return 3 }
        if number >= Int64(Int32.min) { return 5 }
        return 9
    }

    public static func uint(_ number: UInt64) -> Int {
        if number < 0x80 { return 1 }
        if number <= UInt64(UInt8.max) { return 2 }
        if number <= UInt64(UInt16.max) { return 3 }
        if number <= UInt64(UInt32.max) { return 5 }
        return 9
    }

    public static let double = 9
    public static let bool = 1

    /// Header plus content of a str holding `byteCount` UTF-8 bytes.
    public static func string(byteCount: Int) -> Int {
        byteCount + (byteCount < 32 ? 1 : byteCount <= 0xff ? 2 : byteCount <= 0xffff ? 3 : 5)
    }

    /// Header plus content of a bin holding `byteCount` bytes.
    public static func binary(byteCount: Int) -> Int {
        byteCount + (byteCount <= 0xff ? 2 : byteCount <= 0xffff ? 3 : 5)
    }

    /// Header only; the elements are counted separately.
    public static func arrayHeader(count: Int) -> Int {
        count < 16 ? 1 : count <= 0xffff ? 3 : 5
    }

    /// Header only; the entries are counted separately.
    public static func mapHeader(count: Int) -> Int {
        arrayHeader(count: count)
    }
}
