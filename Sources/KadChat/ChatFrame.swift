/// What a chat session sends inside a secure datagram: a numbered message, or the acknowledgement of every message
/// up to a number (cumulative) plus the numbers received beyond it.
public enum ChatFrame: Sendable, Equatable {
    case message(sequence: UInt64, text: [UInt8])
    case acknowledgement(through: UInt64, beyond: [UInt64])

    static let messageType: UInt8 = 1
    static let acknowledgementType: UInt8 = 2
    /// Acknowledged numbers beyond the cumulative one carried at most (the reorder buffer's size).
    static let maximumBeyond = 32

    public var bytes: [UInt8] {
        switch self {
        case .message(let sequence, let text):
            [Self.messageType] + Self.encode(sequence) + text
        case .acknowledgement(let through, let beyond):
            [Self.acknowledgementType] + Self.encode(through) + beyond.prefix(Self.maximumBeyond).flatMap(Self.encode)
        }
    }

    /// nil for anything malformed: an unknown type, a short field, a trailing partial number.
    public init?(bytes: [UInt8]) {
        guard bytes.count >= 9 else { return nil }
        let number = Self.decode(bytes[1..<9])
        switch bytes[0] {
        case Self.messageType:
            self = .message(sequence: number, text: Array(bytes[9...]))
        case Self.acknowledgementType:
            let rest = bytes[9...]
            guard rest.count % 8 == 0, rest.count / 8 <= Self.maximumBeyond else { return nil }
            self = .acknowledgement(through: number, beyond: stride(from: rest.startIndex, to: rest.endIndex, by: 8).map {
                Self.decode(rest[$0..<$0 + 8])
            })
        default:
            return nil
        }
    }

    private static func encode(_ value: UInt64) -> [UInt8] { withUnsafeBytes(of: value.bigEndian) { Array($0) } }
    private static func decode(_ bytes: ArraySlice<UInt8>) -> UInt64 { bytes.reduce(0) { $0 << 8 | UInt64($1) } }
}
