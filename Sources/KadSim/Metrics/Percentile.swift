/// Nearest-rank percentiles: the `p`-th percentile of `n` sorted values is the value at 1-based rank
/// `ceil(p / 100 * n)` (at least 1). It is always one of the data points, never an interpolation, so
/// P100 is the maximum and P50 of an even count is the lower middle value.
public enum Percentile {
    /// The nearest-rank `percent`-th percentile (1...100) of `sorted` (ascending), or nil if it is empty.
    public static func nearestRank<T>(_ sorted: [T], percent: Int) -> T? {
        precondition((1...100).contains(percent), "percentile must be in 1...100")
        guard !sorted.isEmpty else { return nil }
        let rank = max(1, (percent * sorted.count + 99) / 100)
        return sorted[rank - 1]
    }
}
