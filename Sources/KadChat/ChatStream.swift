/// Reliable, ordered chat messages over datagrams that may be lost, duplicated or reordered, sans-IO: `send` and
/// `receive` return the frames to transmit, `frames(dueAt:)` the retransmissions that are due, and every call takes
/// `now` (microseconds) from the caller.
public struct ChatStream: Sendable {
    /// Longest message text, so that a message frame fits one secure datagram.
    public static let maximumText = SecureChannel.maximumPlaintext - 9
    /// Messages sent and not yet acknowledged, at most; `send` refuses more.
    public static let window = 32

    public struct Pending: Sendable, Equatable {
        var text: [UInt8]
        var nextAttempt: Int64
        var attempts: Int
    }

    /// First retransmission after this long, then twice as long each time, up to `maximumInterval`.
    public var retransmitAfter: Int64 = 500_000
    public var maximumInterval: Int64 = 4_000_000
    /// Attempts after which a message counts as undeliverable (the peer moved or left).
    public var maximumAttempts = 6

    private var nextSequence: UInt64 = 1
    private(set) var unacknowledged: [UInt64: Pending] = [:]
    /// Every message up to this number has been delivered to the user.
    private var deliveredThrough: UInt64 = 0
    /// Received beyond `deliveredThrough`, waiting for the gap before them.
    private var early: [UInt64: [UInt8]] = [:]

    public init() {}

    public enum SendError: Error, Equatable, Sendable { case tooLong, windowFull }

    /// The frame carrying `text`, numbered next.
    public mutating func send(_ text: [UInt8], now: Int64) throws(SendError) -> ChatFrame {
        guard text.count <= Self.maximumText else { throw .tooLong }
        guard unacknowledged.count < Self.window else { throw .windowFull }
        let sequence = nextSequence
        nextSequence += 1
        unacknowledged[sequence] = Pending(text: text, nextAttempt: now + retransmitAfter, attempts: 1)
        return .message(sequence: sequence, text: text)
    }

    /// What a received frame gives: messages now deliverable in order, and the acknowledgement to send back.
    public mutating func receive(_ frame: ChatFrame) -> (delivered: [[UInt8]], reply: ChatFrame?) {
        switch frame {
        case .acknowledgement(let through, let beyond):
            for sequence in unacknowledged.keys.sorted() where sequence <= through || beyond.contains(sequence) {
                unacknowledged[sequence] = nil
            }
            return ([], nil)
        case .message(let sequence, let text):
            var delivered: [[UInt8]] = []
            if sequence > deliveredThrough && sequence <= deliveredThrough + UInt64(Self.window) {
                early[sequence] = text
                while let next = early.removeValue(forKey: deliveredThrough + 1) {
                    delivered.append(next)
                    deliveredThrough += 1
                }
            }
            // Acknowledged even when old: the peer's earlier acknowledgement may have been lost.
            return (delivered, .acknowledgement(through: deliveredThrough, beyond: early.keys.sorted()))
        }
    }

    /// Messages due again at `now`, oldest first, and those given up on (removed). A message given up leaves a gap the
    /// peer waits on for ever, so the session is over: the caller says so, looks the peer up again (it may have moved)
    /// and sends what failed and what is still pending on a new session.
    public mutating func frames(dueAt now: Int64) -> (resend: [ChatFrame], failed: [[UInt8]]) {
        var resend: [ChatFrame] = []
        var failed: [[UInt8]] = []
        for sequence in unacknowledged.keys.sorted() {
            guard var pending = unacknowledged[sequence], pending.nextAttempt <= now else { continue }
            if pending.attempts >= maximumAttempts {
                unacknowledged[sequence] = nil
                failed.append(pending.text)
                continue
            }
            pending.attempts += 1
            pending.nextAttempt = now + min(maximumInterval, retransmitAfter << Int64(min(pending.attempts - 1, 20)))
            unacknowledged[sequence] = pending
            resend.append(.message(sequence: sequence, text: pending.text))
        }
        return (resend, failed)
    }

    /// When `frames(dueAt:)` next has something to do, if ever.
    public var nextDeadline: Int64? { unacknowledged.values.map(\.nextAttempt).min() }
}
