import Foundation

/// Mean and 95% confidence interval of one metric over independent runs (seeds), for `kadsim compare`.
/// The interval is `mean ± t(0.975, n-1) · s / √n` with the sample standard deviation `s`.
public struct SummaryStatistics: Sendable, Hashable {
    public var count: Int
    public var mean: Double
    /// Sample standard deviation (n - 1 in the denominator); 0 for fewer than two values.
    public var standardDeviation: Double
    /// Half-width of the 95% confidence interval; nil for fewer than two values.
    public var halfWidth95: Double?

    public init(_ values: [Double]) {
        count = values.count
        mean = values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
        guard values.count >= 2 else {
            standardDeviation = 0
            halfWidth95 = nil
            return
        }
        let average = mean
        let squares = values.reduce(0) { $0 + ($1 - average) * ($1 - average) }
        standardDeviation = (squares / Double(values.count - 1)).squareRoot()
        halfWidth95 = Self.tQuantile975(degreesOfFreedom: values.count - 1) * standardDeviation / Double(values.count).squareRoot()
    }

    public var lower95: Double? { halfWidth95.map { mean - $0 } }
    public var upper95: Double? { halfWidth95.map { mean + $0 } }

    /// Two-sided 95% critical values of Student's t for 1...30 degrees of freedom.
    public static let tTable975: [Double] = [
        12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
        2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
        2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
    ]

    /// The 0.975 quantile of Student's t: the table for 1...30 degrees of freedom, the normal 1.960 beyond.
    public static func tQuantile975(degreesOfFreedom: Int) -> Double {
        precondition(degreesOfFreedom >= 1, "need at least one degree of freedom")
        return degreesOfFreedom <= tTable975.count ? tTable975[degreesOfFreedom - 1] : 1.960
    }

    /// Statistics of every `RunSummary` metric over `summaries`, in `RunSummary.comparedMetricNames` order.
    public static func perMetric(_ summaries: [RunSummary]) -> [(metric: String, statistics: SummaryStatistics)] {
        RunSummary.comparedMetricNames.map { name in
            (name, SummaryStatistics(summaries.map { $0.value(of: name)! }))
        }
    }

    /// `mean ± halfWidth`, or just the mean for a single run.
    public var formatted: String {
        guard let halfWidth95 else { return Self.format(mean) }
        return "\(Self.format(mean)) ± \(Self.format(halfWidth95))"
    }

    /// Compact fixed-point rendering: whole numbers without decimals, then 1, 3 or 4 decimals by magnitude.
    public static func format(_ value: Double) -> String {
        if !value.isFinite { return String(value) }
        let magnitude = abs(value)
        if value == value.rounded() && magnitude < 1e15 { return String(format: "%.0f", value) }
        if magnitude >= 100 { return String(format: "%.1f", value) }
        if magnitude >= 1 { return String(format: "%.3f", value) }
        return String(format: "%.4f", value)
    }

    /// A table with one row per metric and one column per group of runs (for example per store or per scenario),
    /// each cell `mean ± 95% half-width` over the group's seeds.
    public static func comparisonTable(_ groups: [(label: String, summaries: [RunSummary])]) -> String {
        var table = TextTable(header: ["metric"] + groups.map(\.label))
        let columns = groups.map { perMetric($0.summaries) }
        for (row, name) in RunSummary.comparedMetricNames.enumerated() {
            table.rows.append([name] + zip(groups, columns).map { group, column in
                name == "deadContactShare" && group.summaries.allSatisfy({ $0.deadContactSamples == 0 })
                    ? "not sampled" : column[row].statistics.formatted
            })
        }
        table.rows.append(["runs"] + groups.map { String($0.summaries.count) })
        return table.render()
    }
}
