import Foundation
import KadSim
import KademliaCore

/// Number formats for human output.
enum Format {
    /// `1234567` → `1,234,567`.
    static func count(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var result = ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0 && (digits.count - offset) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return value < 0 ? "-" + result : result
    }

    /// A rate or other large quantity rounded to a whole number with separators.
    static func whole(_ value: Double) -> String {
        guard value.isFinite, value.magnitude < 9e18 else { return String(value) }
        return count(Int(value.rounded()))
    }

    /// A metric value: whole numbers bare, then 1, 3 or 4 decimals by magnitude.
    static func metric(_ value: Double) -> String {
        SummaryStatistics.format(value)
    }

    /// A measured value compared with a bound: like `metric`, but four significant digits below 1 so that small
    /// values stay distinguishable (`0.000125`).
    static func precise(_ value: Double) -> String {
        guard value.isFinite, value != 0, value.magnitude < 1, value != value.rounded() else { return metric(value) }
        return String(format: "%.4g", value)
    }

    /// A number as written in a scenario file: `0.005`, `1e-05`, `20000`.
    static func literal(_ value: Double) -> String {
        if value == value.rounded() && value.magnitude < 1e15 { return String(format: "%.0f", value) }
        return "\(value)"
    }

    /// Rows as text with every column left-aligned and padded, two spaces apart.
    static func columns(_ rows: [[String]]) -> String {
        let count = rows.map(\.count).max() ?? 0
        let widths = (0..<count).map { column in rows.map { column < $0.count ? $0[column].count : 0 }.max() ?? 0 }
        return rows.map { row in
            var line = ""
            for (column, cell) in row.enumerated() {
                line += cell
                if column < row.count - 1 { line += String(repeating: " ", count: widths[column] - cell.count + 2) }
            }
            return line + "\n"
        }.joined()
    }

    /// Wall-clock seconds: `0.42 s`, `12.3 s`, `1h02m03s`.
    static func seconds(_ value: Double) -> String {
        if value < 10 { return String(format: "%.2f s", value) }
        if value < 3600 { return String(format: "%.1f s", value) }
        let total = Int(value.rounded())
        return String(format: "%dh%02dm%02ds", total / 3600, total % 3600 / 60, total % 60)
    }

    /// Minutes and seconds for an ETA: `0:07`, `12:34`, `2:03:04`.
    static func clock(_ value: Double) -> String {
        let total = Int(max(0, value).rounded())
        if total >= 3600 { return String(format: "%d:%02d:%02d", total / 3600, total % 3600 / 60, total % 60) }
        return String(format: "%d:%02d", total / 60, total % 60)
    }

    /// Virtual time rounded down to whole seconds, in scenario notation (`1h12m5s`).
    static func virtual(_ value: Microseconds) -> String {
        HumanDuration.format(value / Time.second * Time.second)
    }

    /// KiB as `512 KiB`, `123.4 MiB`, `1.21 GiB`.
    static func memory(kibibytes: Int) -> String {
        let value = Double(kibibytes)
        if value < 1024 { return "\(kibibytes) KiB" }
        if value < 1024 * 1024 { return String(format: "%.1f MiB", value / 1024) }
        return String(format: "%.2f GiB", value / 1024 / 1024)
    }

    /// `plain`, `plain and timestamped`.
    static func stores(_ stores: [StoreMode]) -> String {
        stores.map(\.rawValue).joined(separator: " and ")
    }

    /// `1`, `1, 2, 3`.
    static func seeds(_ seeds: [UInt64]) -> String {
        seeds.map(String.init).joined(separator: ", ")
    }

    /// `≤ 0.05`, `≥ 0.9`, `in [0.1, 0.5]`.
    static func bound(_ bound: Scenario.Bound) -> String {
        switch (bound.min, bound.max) {
        case let (min?, max?): "in [\(literal(min)), \(literal(max))]"
        case let (min?, nil): "≥ \(literal(min))"
        case let (nil, max?): "≤ \(literal(max))"
        case (nil, nil): "any value"
        }
    }

    /// One line describing a scenario: `smoke: 300 nodes, 2h (warm-up 20m)`.
    static func scenario(_ scenario: Scenario) -> String {
        var text = "\(scenario.name): \(count(scenario.network.nodes)) nodes, \(HumanDuration.format(scenario.duration))"
        if scenario.warmup > 0 { text += " (warm-up \(HumanDuration.format(scenario.warmup)))" }
        return text
    }
}
