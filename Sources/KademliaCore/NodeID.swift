import Crypto

/// A 160-bit Kademlia identifier (node id or key), stored as three words, most significant first.
/// The same type holds XOR distances: a distance is just the XOR of two ids.
public struct NodeID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public static let byteCount = 20
    public static let bitCount = 160

    public var high: UInt64
    public var middle: UInt64
    public var low: UInt32

    public init(high: UInt64, middle: UInt64, low: UInt32) {
        self.high = high
        self.middle = middle
        self.low = low
    }

    public static let zero = NodeID(high: 0, middle: 0, low: 0)

    /// Reads exactly 20 big-endian bytes; returns nil for any other length.
    public init?<Bytes: Collection>(bytes: Bytes) where Bytes.Element == UInt8 {
        guard bytes.count == Self.byteCount else { return nil }
        var words = (UInt64(0), UInt64(0), UInt32(0))
        for (index, byte) in bytes.enumerated() {
            switch index {
            case 0..<8: words.0 = words.0 << 8 | UInt64(byte)
            case 8..<16: words.1 = words.1 << 8 | UInt64(byte)
            default: words.2 = words.2 << 8 | UInt32(byte)
            }
        }
        self.init(high: words.0, middle: words.1, low: words.2)
    }

    /// The key the Python kademlia library derives from a user key: SHA-1 of its UTF-8 bytes.
    public init(hashing text: String) {
        self.init(hashing: Array(text.utf8))
    }

    public init(hashing bytes: [UInt8]) {
        let digest = Insecure.SHA1.hash(data: bytes)
        self.init(bytes: Array(digest))!
    }

    public static func random<G: RandomNumberGenerator>(using generator: inout G) -> NodeID {
        NodeID(high: generator.next(), middle: generator.next(), low: UInt32(truncatingIfNeeded: generator.next()))
    }

    public var bytes: [UInt8] {
        var result = [UInt8]()
        result.reserveCapacity(Self.byteCount)
        for shift in stride(from: 56, through: 0, by: -8) { result.append(UInt8(truncatingIfNeeded: high >> UInt64(shift))) }
        for shift in stride(from: 56, through: 0, by: -8) { result.append(UInt8(truncatingIfNeeded: middle >> UInt64(shift))) }
        for shift in stride(from: 24, through: 0, by: -8) { result.append(UInt8(truncatingIfNeeded: low >> UInt32(shift))) }
        return result
    }

    public var hex: String {
        bytes.map { byte in
            let digits = String(byte, radix: 16)
            return digits.count == 1 ? "0" + digits : digits
        }.joined()
    }

    public var description: String { String(hex.prefix(12)) }

    /// XOR distance to another id, itself a 160-bit number ordered like an unsigned integer.
    @inlinable
    public func distance(to other: NodeID) -> NodeID {
        NodeID(high: high ^ other.high, middle: middle ^ other.middle, low: low ^ other.low)
    }

    /// Number of leading bits two ids share (160 when equal).
    @inlinable
    public func commonPrefixLength(with other: NodeID) -> Int {
        distance(to: other).leadingZeroBitCount
    }

    @inlinable
    public var leadingZeroBitCount: Int {
        if high != 0 { return high.leadingZeroBitCount }
        if middle != 0 { return 64 + middle.leadingZeroBitCount }
        return 128 + low.leadingZeroBitCount
    }

    /// The bit at `index`, counting from the most significant (index 0).
    public func bit(_ index: Int) -> Bool {
        switch index {
        case 0..<64: return (high >> UInt64(63 - index)) & 1 == 1
        case 64..<128: return (middle >> UInt64(127 - index)) & 1 == 1
        default: return (low >> UInt32(159 - index)) & 1 == 1
        }
    }

    /// The same id with bit `index` (0 = most significant) flipped.
    public func flippingBit(_ index: Int) -> NodeID {
        var copy = self
        switch index {
        case 0..<64: copy.high ^= 1 << UInt64(63 - index)
        case 64..<128: copy.middle ^= 1 << UInt64(127 - index)
        default: copy.low ^= 1 << UInt32(159 - index)
        }
        return copy
    }

    /// The same id with every bit from `index` on (0 = most significant) cleared, or with all of them set: the
    /// smallest and largest ids that share the first `index` bits with this one.
    func fillingBits(from index: Int, with one: Bool) -> NodeID {
        func mask64(_ start: Int) -> UInt64 { start <= 0 ? .max : start >= 64 ? 0 : UInt64.max >> UInt64(start) }
        let high = mask64(index), middle = mask64(index - 64)
        let low = index <= 128 ? UInt32.max : index >= 160 ? 0 : UInt32.max >> UInt32(index - 128)
        return one
            ? NodeID(high: self.high | high, middle: self.middle | middle, low: self.low | low)
            : NodeID(high: self.high & ~high, middle: self.middle & ~middle, low: self.low & ~low)
    }

    /// A random id that shares exactly `prefixLength` leading bits with `self` (used to refresh a bucket).
    public func randomID<G: RandomNumberGenerator>(sharingPrefix prefixLength: Int, using generator: inout G) -> NodeID {
        precondition(prefixLength < Self.bitCount)
        let noise = NodeID.random(using: &generator)
        var result = NodeID.zero
        for index in 0..<Self.bitCount {
            let bit: Bool
            if index < prefixLength { bit = self.bit(index) } else if index == prefixLength { bit = !self.bit(index) } else { bit = noise.bit(index) }
            if bit { result = result.flippingBit(index) }
        }
        return result
    }

    /// Ids are uniformly random, so one word hashes as well as three and costs a third.
    @inlinable
    public func hash(into hasher: inout Hasher) {
        hasher.combine(high)
    }

    @inlinable
    public static func < (lhs: NodeID, rhs: NodeID) -> Bool {
        if lhs.high != rhs.high { return lhs.high < rhs.high }
        if lhs.middle != rhs.middle { return lhs.middle < rhs.middle }
        return lhs.low < rhs.low
    }
}
