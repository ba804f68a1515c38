/// A running FNV-1a digest of a stream of integers: lets tests compare whole event traces cheaply.
public struct TraceDigest: Hashable, Sendable, CustomStringConvertible {
    public private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325
    public private(set) var count = 0

    public init() {}

    mutating func add(_ numbers: Int64...) {
        for number in numbers {
            var bits = UInt64(bitPattern: number)
            for _ in 0..<8 {
                value = (value ^ (bits & 0xFF)) &* 0x0000_0100_0000_01B3
                bits >>= 8
            }
        }
        count += 1
    }

    public var description: String { String(value, radix: 16) + "/\(count)" }
}
