/// Up to k contacts ordered least-recently seen first (the paper's order), plus a replacement cache.
struct KBucket: Sendable {
    var entries: [RoutingEntry] = []
    var replacements = ReplacementCache()
    /// Last time a contact was added or a lookup targeted this bucket's range.
    var lastTouched: Microseconds
    /// The head we pinged because a newcomer wanted its place; at most one such ping at a time.
    var headUnderCheck: NodeID?

    init(lastTouched: Microseconds) {
        self.lastTouched = lastTouched
    }

    func index(of id: NodeID) -> Int? {
        entries.firstIndex { $0.contact.id == id }
    }
}
