/// Which datagram counters have been accepted, for a receiver that takes datagrams out of order: any counter above
/// the highest seen, or one of the `size` below it not seen yet (the sliding bitmap of RFC 6479, one word).
struct ReplayWindow: Sendable, Equatable {
    static let size: UInt64 = 64

    /// The highest counter accepted, and bit i set when counter (highest - i) was accepted.
    private var highest: UInt64?
    private var seen: UInt64 = 0

    /// Whether `counter` would be new; `accept` records it (only once it has also authenticated).
    func admits(_ counter: UInt64) -> Bool {
        guard let highest else { return true }
        if counter > highest { return true }
        let age = highest - counter
        return age < Self.size && seen & (1 << age) == 0
    }

    mutating func accept(_ counter: UInt64) {
        guard let current = highest, counter <= current else {
            let shift = highest.map { counter - $0 } ?? Self.size
            seen = shift >= Self.size ? 1 : (seen << shift) | 1
            highest = counter
            return
        }
        seen |= 1 << (current - counter)
    }
}
