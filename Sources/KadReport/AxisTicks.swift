import Foundation

/// Tick positions and labels for a chart axis: round steps of 1, 2 or 5 × 10^k on a linear axis, powers of ten on a
/// logarithmic one.
struct AxisTicks: Sendable, Equatable {
    var range: ClosedRange<Double>
    var values: [Double]
    var labels: [String]

    /// About `target` ticks for `data`: widened to round numbers, or with `tight` the range stays `data` and the
    /// ticks are the round numbers inside it (a time axis ends where the run ends).
    static func linear(_ data: ClosedRange<Double>, target: Int = 5, tight: Bool = false) -> AxisTicks {
        var lower = data.lowerBound
        var upper = data.upperBound
        if upper <= lower { upper = lower + (lower == 0 ? 1 : abs(lower) * 0.1) }
        let step = roundStep((upper - lower) / Double(max(1, target)))
        let first = tight ? (lower / step - 1e-9).rounded(.up) : (lower / step).rounded(.down)
        let last = tight ? (upper / step + 1e-9).rounded(.down) : (upper / step).rounded(.up)
        if !tight { (lower, upper) = (first * step, last * step) }
        let values = stride(from: first, through: last, by: 1).map { $0 * step }
        let decimals = max(0, -Int(log10(step).rounded(.down)))
        return AxisTicks(range: lower...upper, values: values, labels: values.map { label($0, decimals: decimals) })
    }

    /// Powers of ten covering `data`, which must be positive.
    static func logarithmic(_ data: ClosedRange<Double>) -> AxisTicks {
        let low = Int(log10(max(data.lowerBound, 1e-12)).rounded(.down))
        let high = max(low + 1, Int(log10(max(data.upperBound, 1e-12)).rounded(.up)))
        let values = (low...high).map { pow(10, Double($0)) }
        return AxisTicks(range: values[0]...values[values.count - 1], values: values,
                         labels: values.map { label($0, decimals: max(0, -Int(log10($0).rounded()))) })
    }

    /// 1, 2 or 5 × 10^k, the smallest not below `raw`.
    static func roundStep(_ raw: Double) -> Double {
        let magnitude = pow(10, log10(raw).rounded(.down))
        for factor in [1.0, 2, 5, 10] where factor * magnitude >= raw * (1 - 1e-9) { return factor * magnitude }
        return 10 * magnitude
    }

    /// `12`, `0.25`, `1.5k`, `2M`: short enough for a tick.
    static func label(_ value: Double, decimals: Int) -> String {
        let magnitude = abs(value)
        if magnitude >= 1e6 { return compact(value / 1e6) + "M" }
        if magnitude >= 1e4 { return compact(value / 1e3) + "k" }
        return String(format: "%.\(decimals)f", value == 0 ? 0 : value)
    }

    private static func compact(_ value: Double) -> String {
        value == value.rounded() ? String(format: "%.0f", value) : String(format: "%.1f", value)
    }
}
