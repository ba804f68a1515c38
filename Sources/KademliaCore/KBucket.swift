/// Up to k contacts ordered least-recently seen first (the paper's order), plus a replacement cache
/// ordered oldest first.
struct KBucket: Sendable {
    var entries: [RoutingEntry] = []
    var replacements: [RoutingEntry] = []
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

    mutating func addReplacement(_ entry: RoutingEntry, capacity: Int) {
        if let known = replacements.firstIndex(where: { $0.contact.id == entry.contact.id }) {
            replacements.remove(at: known)
        }
        replacements.append(entry)
        if replacements.count > capacity { replacements.removeFirst(replacements.count - capacity) }
    }
}
