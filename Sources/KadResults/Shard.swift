/// One share of a job grid (`--shard I/N`): job `j` (0-based, in the grid's fixed order) belongs to shard
/// `j % N + 1`, so N processes with shards 1…N run every job exactly once, each into a database of its own.
public struct Shard: Sendable, Hashable, CustomStringConvertible {
    /// 1-based.
    public let index: Int
    public let count: Int

    public init?(index: Int, count: Int) {
        guard count >= 1, (1...count).contains(index) else { return nil }
        self.index = index
        self.count = count
    }

    /// Parses `I/N`, with 1 ≤ I ≤ N.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]) else { return nil }
        self.init(index: index, count: count)
    }

    public func contains(job position: Int) -> Bool { position % count == index - 1 }

    /// This shard's jobs of `jobs` (all of them in the grid's order), order kept.
    public func share<Job>(of jobs: [Job]) -> [Job] {
        jobs.enumerated().filter { contains(job: $0.offset) }.map(\.element)
    }

    public var description: String { "\(index)/\(count)" }
}
