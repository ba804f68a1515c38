/// Why a datagram or msgpack object was rejected. Every malformed input ends here; nothing traps.
public enum WireError: Error, Hashable, Sendable {
    case datagramTooShort(Int)
    case datagramTooLarge(Int)
    /// The first byte was neither 0x00 (request) nor 0x01 (response).
    case unknownMessageType(UInt8)
    /// A length or fixed-size field runs past the end of the input.
    case truncated
    case nestingTooDeep
    /// A msgpack type byte outside the supported subset (ext types, or the never-used 0xc1).
    case unsupportedFormat(UInt8)
    case invalidUTF8
    case duplicateMapKey
    /// A request whose name is not one of the five RPCs.
    case unknownRPC(String)
    /// A stored value that is not a str, bin, 64-bit int, float or bool (a Python node may hold lists or nil).
    case unsupportedValue
    /// A request with the wrong shape, argument count or argument types.
    case malformedRequest
    /// A response that is none of the shapes the Python library sends.
    case malformedResponse
}
