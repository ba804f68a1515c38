/// The empirical distribution function of a histogram, thinned to at most `limit` points for drawing: the points where
/// the cumulative share first reaches each 1/`limit` step, plus the last.
enum CumulativeDistribution {
    /// (value, share of observations ≤ value) in increasing value; empty for an empty histogram.
    static func points(_ histogram: [(value: Double, count: Int)], limit: Int = 300) -> [(value: Double, share: Double)] {
        let total = histogram.reduce(0) { $0 + $1.count }
        guard total > 0 else { return [] }
        var result: [(value: Double, share: Double)] = []
        var cumulative = 0
        var nextStep = 0.0
        for (index, bin) in histogram.enumerated() {
            cumulative += bin.count
            let share = Double(cumulative) / Double(total)
            if share >= nextStep || index == histogram.count - 1 {
                result.append((bin.value, share))
                nextStep = share + 1 / Double(limit)
            }
        }
        return result
    }
}
