/// A contact in a k-bucket or replacement cache, with what the table needs to age it.
struct RoutingEntry: Sendable {
    var contact: Contact
    var lastSeen: Microseconds
    var failures: Int
}
