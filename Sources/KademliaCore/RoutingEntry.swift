/// A contact in a k-bucket or replacement cache, with what the table needs to age it.
///
/// 16 bytes (a table holds millions of these in a large simulation): the contact and its id are handles into the
/// table's `ContactDirectory` (the id handle finds a contact that moved to a new address), and the failure count
/// shares a word with the time it was last seen.
struct RoutingEntry: Sendable {
    var contact: ContactDirectory.Handle
    var id: ContactDirectory.IDHandle
    /// `lastSeen << 8 | failures`: virtual times stay far below 2^56 µs (over two thousand years).
    private var stamp: UInt64

    static let vacant = RoutingEntry(contact: .init(rawValue: 0), id: .none, lastSeen: 0, failures: 0)

    init(contact: ContactDirectory.Handle, id: ContactDirectory.IDHandle, lastSeen: Microseconds, failures: UInt8) {
        precondition(lastSeen >= 0 && lastSeen < 1 << 56, "a routing entry's time is within 0..<2^56 µs")
        self.contact = contact
        self.id = id
        self.stamp = UInt64(lastSeen) << 8 | UInt64(failures)
    }

    var lastSeen: Microseconds { Microseconds(stamp >> 8) }

    /// Failed RPCs since last heard from; saturates rather than wraps.
    var failures: UInt8 {
        get { UInt8(truncatingIfNeeded: stamp) }
        set { stamp = stamp & ~0xFF | UInt64(newValue) }
    }

    mutating func markSeen(at now: Microseconds, contact: ContactDirectory.Handle) {
        self = RoutingEntry(contact: contact, id: id, lastSeen: now, failures: 0)
    }
}
