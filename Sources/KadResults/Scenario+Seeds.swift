import KadSim

extension Scenario {
    /// The first `count` seeds for `kadsim compare`: the scenario's own seeds in file order, then 1, 2, 3, …
    /// skipping any already listed.
    public func seeds(count: Int) -> [UInt64] {
        guard count > 0 else { return [] }
        var result = Array(seeds.prefix(count))
        var listed = Set(seeds)
        var next: UInt64 = 1
        while result.count < count {
            if !listed.contains(next) {
                result.append(next)
                listed.insert(next)
            }
            next += 1
        }
        return result
    }
}
