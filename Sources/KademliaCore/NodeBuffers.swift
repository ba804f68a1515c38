/// The spare buffers a simulation's nodes share: answers' contact lists and the room of the queues that fill in
/// bursts (outgoing datagrams, RPCs awaiting replies and their deadlines). A node given these holds no room of its
/// own while a queue is empty, so a million idle nodes hold none, and a busy one allocates nothing. A UDP node has
/// none and keeps a little room per queue instead.
public final class NodeBuffers: Sendable {
    public let contactLists = SpareBuffers<Contact>()
    /// Lookups' candidate lists, handed back when their operation ends.
    let lookupCandidates = SpareBuffers<Lookup.Candidate>()
    /// What a get's or put's FIND_VALUEs returned, handed back when its operation ends.
    let answers = SpareBuffers<Operation.Answer>()
    /// The found records a get or put resolves, for the moment it does.
    let records = SpareBuffers<Record>()
    // Room for the usual burst (a put's k STOREs), and no more than a few times that kept.
    let transmits = SpareBuffers<Transmit?>(initialCapacity: 8, largestKeptCapacity: 32)
    let pendingRPCs = SpareBuffers<PendingRPC?>(initialCapacity: 8, largestKeptCapacity: 32)
    let messageIDs = SpareBuffers<MessageID>(initialCapacity: 8, largestKeptCapacity: 32)
    let deadlines = SpareBuffers<TimeoutQueue.Entry>(initialCapacity: 16, largestKeptCapacity: 64)

    public init() {}

    /// Hands a delivered or lost answer's contact list back (specialised here, for a driver in another module).
    public func recycle(contactList: inout [Contact]) {
        contactLists.recycle(&contactList)
    }
}
