/// An iterative Kademlia lookup as a state machine: ask for the next requests, feed it replies and failures.
/// It ends when the k closest nodes it knows of have all answered or failed (or when told to stop), and never
/// has more than α requests in flight.
public struct Lookup: Sendable {
    public enum CandidateState: Sendable, Equatable {
        case waiting, inFlight, responded, failed
    }

    /// Kept small (no cached distance, a 32-bit hop) because inserting one shifts the farther candidates.
    struct Candidate: Sendable {
        var contact: Contact
        var state: CandidateState
        /// 1 for contacts from the own table, n + 1 for contacts learned from a node at hop n.
        var hop: Int32
    }

    public let target: NodeID
    public let k: Int
    public let alpha: Int
    var candidates: [Candidate] = []
    public private(set) var inFlight = 0
    public private(set) var requestsSent = 0
    public private(set) var failures = 0
    public private(set) var stopped = false

    /// Candidates beyond this many are forgotten (farthest first) unless already contacted.
    var capacity: Int { k * 4 }

    /// Keep at most one candidate per address (the first heard of), so one host answering under many ids counts once.
    public let oneContactPerAddress: Bool
    /// The Python library's rounds: α requests, then nothing until all have answered or failed; a round that
    /// starts with the same k nearest as the last asks every one of them not yet asked.
    public let inRounds: Bool
    /// The ids of the k nearest live candidates when the last round started.
    private var nearestAtLastRound: [NodeID] = []

    public init(target: NodeID, k: Int, alpha: Int, seeds: [Contact], oneContactPerAddress: Bool = false, inRounds: Bool = false) {
        self.init(target: target, k: k, alpha: alpha, seeds: seeds, oneContactPerAddress: oneContactPerAddress, inRounds: inRounds, spares: nil)
    }

    /// `spares`: where the candidate list's room comes from (a simulation's nodes share it).
    init(
        target: NodeID, k: Int, alpha: Int, seeds: [Contact], oneContactPerAddress: Bool, inRounds: Bool,
        spares: SpareBuffers<Candidate>?
    ) {
        self.target = target
        self.k = k
        self.alpha = alpha
        self.oneContactPerAddress = oneContactPerAddress
        self.inRounds = inRounds
        // A few replies fill a lookup to its capacity: room for all of it at once, not a doubling per reply.
        if let spares { candidates = spares.take() }
        candidates.reserveCapacity(capacity)
        add(seeds, hop: 1)
    }

    /// Contacts to query now; each is marked in flight.
    public mutating func nextRequests() -> [Contact] {
        var chosen: [Contact] = []
        appendNextRequests(to: &chosen)
        return chosen
    }

    /// `nextRequests()` into a buffer the caller keeps, so a busy node does not allocate per step.
    public mutating func appendNextRequests(to chosen: inout [Contact]) {
        guard !stopped else { return }
        var budget = alpha
        if inRounds {
            guard inFlight == 0 else { return }
            let nearest = Array(candidates.lazy.filter { $0.state != .failed }.prefix(k).map(\.contact.id))
            if nearest == nearestAtLastRound { budget = k }
            nearestAtLastRound = nearest
        }
        var live = 0
        for index in candidates.indices {
            if inFlight >= budget || live >= k { break }
            switch candidates[index].state {
            case .failed: continue
            case .waiting:
                candidates[index].state = .inFlight
                inFlight += 1
                requestsSent += 1
                chosen.append(candidates[index].contact)
            case .inFlight, .responded: break
            }
            live += 1
        }
    }

    /// A node answered with closer contacts (or with a value, `contacts` empty); a contact with the id `ignored`
    /// (the querying node's own) is left out.
    public mutating func handleResponse(from id: NodeID, contacts: [Contact], ignoring ignored: NodeID? = nil) {
        guard let index = candidates.firstIndex(where: { $0.contact.id == id }), candidates[index].state == .inFlight else { return }
        candidates[index].state = .responded
        inFlight -= 1
        add(contacts, hop: candidates[index].hop + 1, ignoring: ignored)
    }

    public mutating func handleFailure(from id: NodeID) {
        guard let index = candidates.firstIndex(where: { $0.contact.id == id }), candidates[index].state == .inFlight else { return }
        candidates[index].state = .failed
        inFlight -= 1
        failures += 1
    }

    /// Hands the candidate list's room to `spares` once the lookup is over; the lookup is left without candidates.
    mutating func recycleCandidates(into spares: SpareBuffers<Candidate>) {
        spares.recycle(&candidates)
    }

    /// Sends no more requests; the lookup finishes once the ones in flight are resolved.
    public mutating func stop() {
        stopped = true
    }

    public var isFinished: Bool {
        guard inFlight == 0 else { return false }
        if stopped { return true }
        var live = 0
        for candidate in candidates where candidate.state != .failed {
            if candidate.state == .waiting { return false }
            live += 1
            if live >= k { break }
        }
        return true
    }

    /// The closest nodes that answered, closest first, at most k.
    public var closestResponded: [Contact] {
        var contacts: [Contact] = []
        appendClosestResponded(to: &contacts)
        return contacts
    }

    /// `closestResponded` appended to a buffer the caller keeps.
    public func appendClosestResponded(to contacts: inout [Contact]) {
        var taken = 0
        for candidate in candidates where candidate.state == .responded {
            guard taken < k else { break }
            contacts.append(candidate.contact)
            taken += 1
        }
    }

    /// The longest chain of referrals among the nodes that answered.
    public var hops: Int {
        Int(candidates.lazy.filter { $0.state == .responded }.map(\.hop).max() ?? 0)
    }

    public func state(of id: NodeID) -> CandidateState? {
        candidates.first { $0.contact.id == id }?.state
    }

    private mutating func add(_ contacts: [Contact], hop: Int32, ignoring ignored: NodeID? = nil) {
        for contact in contacts where contact.id != ignored {
            let distance = contact.id.distance(to: target)
            var low = 0
            var high = candidates.count
            while low < high {
                let middle = (low + high) / 2
                if candidates[middle].contact.id.distance(to: target) < distance { low = middle + 1 } else { high = middle }
            }
            if low < candidates.count && candidates[low].contact.id == contact.id { continue }
            if low >= capacity { continue }
            if oneContactPerAddress && candidates.contains(where: { $0.contact.address == contact.address }) { continue }
            candidates.insert(Candidate(contact: contact, state: .waiting, hop: hop), at: low)
            if candidates.count > capacity, let last = candidates.lastIndex(where: { $0.state == .waiting }), last >= capacity {
                candidates.remove(at: last)
            }
        }
    }
}
