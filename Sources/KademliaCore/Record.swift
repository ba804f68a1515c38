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
///
/// A record is made once and then copied into every message, pending request and store that carries it, so its
/// immutable contents live in one shared box and a copy is a pointer wide.
public struct Record: Hashable, Sendable, CustomStringConvertible {
    private final class Contents: Sendable {
        let value: Value
        let stamp: Stamp?
        let signature: RecordSignature?

        init(value: Value, stamp: Stamp?, signature: RecordSignature?) {
            self.value = value
            self.stamp = stamp
            self.signature = signature
        }
    }

    private var contents: Contents

    // Changing a field makes a new box: records are values, and other copies keep what they had.
    public var value: Value {
        get { contents.value }
        set { contents = Contents(value: newValue, stamp: stamp, signature: signature) }
    }

    public var stamp: Stamp? {
        get { contents.stamp }
        set { contents = Contents(value: value, stamp: newValue, signature: signature) }
    }

    /// The owner's signature and sequence number (signed mode only).
    public var signature: RecordSignature? {
        get { contents.signature }
        set { contents = Contents(value: value, stamp: stamp, signature: newValue) }
    }

    public init(value: Value, stamp: Stamp? = nil, signature: RecordSignature? = nil) {
        contents = Contents(value: value, stamp: stamp, signature: signature)
    }

    public static func == (lhs: Record, rhs: Record) -> Bool {
        lhs.contents === rhs.contents
            || (lhs.value == rhs.value && lhs.stamp == rhs.stamp && lhs.signature == rhs.signature)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(value)
        hasher.combine(stamp)
        hasher.combine(signature)
    }

    public var description: String {
        if let signature { return "\(value)@\(signature)" }
        return stamp.map { "\(value)@\($0)" } ?? value.description
    }
}
