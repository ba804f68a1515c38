/// The version stamp the timestamped store attaches to a value: newest version wins, ties go to the larger writer id.
public struct Stamp: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var version: UInt64
    public var writer: NodeID

    public init(version: UInt64, writer: NodeID) {
        self.version = version
        self.writer = writer
    }

    public static func < (lhs: Stamp, rhs: Stamp) -> Bool {
        lhs.version != rhs.version ? lhs.version < rhs.version : lhs.writer < rhs.writer
    }

    public var description: String { "v\(version)/\(writer)" }
}

/// What travels in STORE and FIND_VALUE: a value, stamped in timestamped mode, signed in signed mode and bare
/// in plain mode.
public struct Record: Hashable, Sendable, CustomStringConvertible {
    public var value: Value
    public var stamp: Stamp?
    /// The owner's signature and sequence number (signed mode only).
    public var signature: RecordSignature?

    public init(value: Value, stamp: Stamp? = nil, signature: RecordSignature? = nil) {
        self.value = value
        self.stamp = stamp
        self.signature = signature
    }

    public var description: String {
        if let signature { return "\(value)@\(signature)" }
        return stamp.map { "\(value)@\($0)" } ?? value.description
    }
}
