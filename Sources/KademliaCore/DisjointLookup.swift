/// S/Kademlia's disjoint lookup (Baumgart and Mies, 2007): the k closest contacts of the own table are dealt
/// round-robin into d paths, each path runs its own iterative `Lookup`, and no node is ever used by two paths:
/// a contact belongs to the first path that learned of it, and other paths ignore it. A path that meets
/// only hostile nodes cannot drag the others in. With d = 1 this is exactly one `Lookup`.
public struct DisjointLookup: Sendable {
    public let target: NodeID
    public let k: Int
    /// Path 0, held inline: most lookups have one path, and an array of one allocated per lookup.
    private var firstPath: Lookup
    /// Paths 1 and on.
    private var otherPaths: [Lookup] = []
    /// The path each contact belongs to (only with more than one path).
    private var owners: [NodeID: Int] = [:]

    public init(
        target: NodeID, k: Int, alpha: Int, paths count: Int, seeds: [Contact], oneContactPerAddress: Bool = false,
        inRounds: Bool = false
    ) {
        self.init(
            target: target, k: k, alpha: alpha, paths: count, seeds: seeds, oneContactPerAddress: oneContactPerAddress,
            inRounds: inRounds, spares: nil)
    }

    /// `spares`: where the paths' candidate lists take their room from (a simulation's nodes share it).
    init(
        target: NodeID, k: Int, alpha: Int, paths count: Int, seeds: [Contact], oneContactPerAddress: Bool, inRounds: Bool,
        spares: SpareBuffers<Lookup.Candidate>?
    ) {
        self.target = target
        self.k = k
        let count = max(1, count)
        guard count > 1 else {
            firstPath = Lookup(
                target: target, k: k, alpha: alpha, seeds: seeds, oneContactPerAddress: oneContactPerAddress, inRounds: inRounds,
                spares: spares)
            return
        }
        var dealt = Array(repeating: [Contact](), count: count)
        for (position, contact) in seeds.enumerated() {
            dealt[position % count].append(contact)
            owners[contact.id] = position % count
        }
        let paths = dealt.map {
            Lookup(target: target, k: k, alpha: alpha, seeds: $0, oneContactPerAddress: oneContactPerAddress, inRounds: inRounds, spares: spares)
        }
        firstPath = paths[0]
        otherPaths = Array(paths.dropFirst())
    }

    public var pathCount: Int { 1 + otherPaths.count }

    /// Every path, in order.
    private var paths: [Lookup] { [firstPath] + otherPaths }

    private mutating func updatePath<Result>(_ index: Int, _ body: (inout Lookup) -> Result) -> Result {
        index == 0 ? body(&firstPath) : body(&otherPaths[index - 1])
    }

    /// Contacts to query now, over all paths.
    public mutating func nextRequests() -> [Contact] {
        var chosen: [Contact] = []
        appendNextRequests(to: &chosen)
        return chosen
    }

    /// `nextRequests()` into a buffer the caller keeps.
    public mutating func appendNextRequests(to chosen: inout [Contact]) {
        firstPath.appendNextRequests(to: &chosen)
        for index in otherPaths.indices { otherPaths[index].appendNextRequests(to: &chosen) }
    }

    /// A node answered: its contacts go to its own path, minus those another path already owns, and minus any
    /// with the id `ignored` (the querying node's own).
    public mutating func handleResponse(from id: NodeID, contacts: [Contact], ignoring ignored: NodeID? = nil) {
        guard !otherPaths.isEmpty else {
            firstPath.handleResponse(from: id, contacts: contacts, ignoring: ignored)
            return
        }
        guard let path = owners[id] else { return }
        var kept: [Contact] = []
        kept.reserveCapacity(contacts.count)
        for contact in contacts where contact.id != ignored {
            if let owner = owners[contact.id] {
                if owner == path { kept.append(contact) }
            } else {
                owners[contact.id] = path
                kept.append(contact)
            }
        }
        updatePath(path) { $0.handleResponse(from: id, contacts: kept) }
    }

    public mutating func handleFailure(from id: NodeID) {
        guard !otherPaths.isEmpty else {
            firstPath.handleFailure(from: id)
            return
        }
        guard let path = owners[id] else { return }
        updatePath(path) { $0.handleFailure(from: id) }
    }

    /// Hands every path's candidate room to `spares` once the lookup is over.
    mutating func recycleCandidates(into spares: SpareBuffers<Lookup.Candidate>) {
        firstPath.recycleCandidates(into: spares)
        for index in otherPaths.indices { otherPaths[index].recycleCandidates(into: spares) }
    }

    public mutating func stop() {
        firstPath.stop()
        for index in otherPaths.indices { otherPaths[index].stop() }
    }

    public var isFinished: Bool { firstPath.isFinished && otherPaths.allSatisfy(\.isFinished) }

    /// The closest nodes that answered on any path, closest first, at most k.
    public var closestResponded: [Contact] {
        guard !otherPaths.isEmpty else { return firstPath.closestResponded }
        let merged = paths.flatMap(\.closestResponded).sorted { $0.id.distance(to: target) < $1.id.distance(to: target) }
        return Array(merged.prefix(k))
    }

    /// `closestResponded` appended to a buffer the caller keeps (which a single path fills without allocating).
    public func appendClosestResponded(to contacts: inout [Contact]) {
        guard !otherPaths.isEmpty else { return firstPath.appendClosestResponded(to: &contacts) }
        contacts.append(contentsOf: closestResponded)
    }

    public var hops: Int { otherPaths.reduce(firstPath.hops) { max($0, $1.hops) } }
    public var failures: Int { otherPaths.reduce(firstPath.failures) { $0 + $1.failures } }
    public var requestsSent: Int { otherPaths.reduce(firstPath.requestsSent) { $0 + $1.requestsSent } }

    /// The ids path `index` sent a request to, closest first.
    public func queried(onPath index: Int) -> [NodeID] {
        (index == 0 ? firstPath : otherPaths[index - 1]).candidates.filter { $0.state != .waiting }.map(\.contact.id)
    }
}
