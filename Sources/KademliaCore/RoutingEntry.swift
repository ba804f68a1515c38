/// A contact in a k-bucket or replacement cache, with what the table needs to age it.
///
/// 40 bytes: the failure count fits in the padding after the 26-byte contact (a table holds millions of these
/// in a large simulation).
struct RoutingEntry: Sendable {
    var contact: Contact
    /// Failed RPCs since last heard from; saturates rather than wraps.
    var failures: UInt8
    var lastSeen: Microseconds

    init(contact: Contact, lastSeen: Microseconds, failures: UInt8) {
        self.contact = contact
        self.failures = failures
        self.lastSeen = lastSeen
    }
}
