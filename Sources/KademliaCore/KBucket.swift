/// What a routing table knows about one bucket besides its contacts, which live in the table's shared slot array
/// (bucket `i` owns slots `i*k ..< i*k + count`, least-recently seen first, the paper's order).
struct KBucket: Sendable {
    var count = 0
    var replacements = ReplacementCache()
    /// Last time a contact was added or a lookup targeted this bucket's range.
    var lastTouched: Microseconds
    /// The head we pinged because a newcomer wanted its place; at most one such ping at a time.
    var headUnderCheck = ContactDirectory.IDHandle.none

    init(lastTouched: Microseconds) {
        self.lastTouched = lastTouched
    }
}
