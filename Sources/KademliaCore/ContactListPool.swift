/// Spare buffers for the contact lists of FIND_NODE and FIND_VALUE answers. Whoever consumed an answer hands its
/// list back, and the next answer fills that buffer instead of allocating one: a simulator's nodes answer millions
/// of such requests, and the list was the largest single source of heap allocations. Shared by the nodes of one
/// simulation; not synchronised, so used from one thread at a time.
public final class ContactListPool: @unchecked Sendable {
    /// Spare lists kept; more than a simulation has in flight at once, so nearly every answer finds one.
    static let retainedLists = 4096

    private var spare: [[Contact]] = []

    public init() {}

    /// An empty list, with room from an earlier answer when one was handed back.
    func take() -> [Contact] {
        spare.popLast() ?? []
    }

    /// Keeps `list`'s buffer for a later answer; the caller's copy is left empty. (A list still shared with another
    /// copy is emptied into a fresh buffer of the same room, which the next answer then reuses.)
    public func recycle(_ list: inout [Contact]) {
        guard spare.count < Self.retainedLists, list.capacity > 0 else { return }
        list.removeAll(keepingCapacity: true)
        spare.append(list)
        list = []
    }
}
