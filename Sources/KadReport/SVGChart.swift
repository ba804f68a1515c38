import Foundation

/// Draws a `Chart` as inline SVG: plot area with grid, axes with ticks and titles, the series, and a legend below.
struct SVGChart {
    let chart: Chart

    private let width = 560.0
    private let left = 66.0
    private let right = 18.0
    private let top = 14.0
    private let plotHeight = 230.0
    private var plotWidth: Double { width - left - right }
    private var plotBottom: Double { top + plotHeight }

    private var xTicks: AxisTicks
    private var yTicks: AxisTicks

    init(_ chart: Chart) {
        self.chart = chart
        let points = chart.series.flatMap(\.points)
        switch chart.x {
        case .numeric(let axis):
            xTicks = Self.ticks(axis, values: points.map(\.x), horizontal: true, lines: chart.series.allSatisfy { $0.mark == .line })
        case .categories(_, let labels):
            xTicks = AxisTicks(range: -0.5...(Double(labels.count) - 0.5), values: [], labels: [])
        }
        yTicks = Self.ticks(chart.y, values: points.flatMap { [$0.y, $0.low ?? $0.y, $0.high ?? $0.y] }, horizontal: false, lines: false)
    }

    /// A vertical axis starts at 0; a horizontal one spans the data, exactly for lines (time ends where the run ends),
    /// with room for the markers at the ends otherwise.
    private static func ticks(_ axis: Chart.Axis, values: [Double], horizontal: Bool, lines: Bool) -> AxisTicks {
        switch axis.scale {
        case .logarithmic:
            let positive = values.filter { $0 > 0 }
            let range = axis.range ?? ((positive.min() ?? 1)...(positive.max() ?? 10))
            return .logarithmic(range)
        case .linear:
            if let range = axis.range { return .linear(range) }
            let finite = values.filter(\.isFinite)
            guard horizontal else { return .linear(min(0, finite.min() ?? 0)...max(finite.max() ?? 1, 0)) }
            var (low, high) = (finite.min() ?? 0, finite.max() ?? 1)
            if !lines {
                let margin = max(high - low, abs(high), 1e-9) * 0.05
                (low, high) = (low - margin, high + margin)
            }
            return .linear(low...high, tight: true)
        }
    }

    // MARK: - Coordinates

    private func xPosition(_ value: Double) -> Double {
        left + fraction(value, of: xTicks.range, logarithmic: isLogarithmic(chart.x)) * plotWidth
    }

    private func yPosition(_ value: Double) -> Double {
        plotBottom - fraction(value, of: yTicks.range, logarithmic: chart.y.scale == .logarithmic) * plotHeight
    }

    private func isLogarithmic(_ axis: Chart.Horizontal) -> Bool {
        if case .numeric(let numeric) = axis { return numeric.scale == .logarithmic }
        return false
    }

    private func fraction(_ value: Double, of range: ClosedRange<Double>, logarithmic: Bool) -> Double {
        if logarithmic {
            let low = log10(range.lowerBound)
            let span = log10(range.upperBound) - low
            return span > 0 ? (log10(max(value, range.lowerBound / 10)) - low) / span : 0
        }
        let span = range.upperBound - range.lowerBound
        return span > 0 ? (value - range.lowerBound) / span : 0
    }

    // MARK: - Drawing

    func render() -> String {
        let legend = legendLayout()
        let height = plotBottom + 50 + legend.height
        var svg = """
            <svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(Int(width)) \(Int(height.rounded(.up)))" \
            role="img" aria-labelledby="\(chart.id)-title" data-series="\(chart.series.count)" data-points="\(chart.series.map(\.points.count).reduce(0, +))">
            <title id="\(chart.id)-title">\(HTML.escape(chart.title))</title>

            """
        svg += patterns()
        svg += grid()
        svg += "<clipPath id=\"\(chart.id)-plot\"><rect x=\"\(f(left - 6))\" y=\"\(f(top - 6))\" width=\"\(f(plotWidth + 12))\" height=\"\(f(plotHeight + 12))\"/></clipPath>\n"
        svg += "<g clip-path=\"url(#\(chart.id)-plot)\">\n"
        for (index, series) in chart.series.enumerated() { svg += draw(series, index: index) }
        svg += "</g>\n"
        if chart.series.allSatisfy(\.points.isEmpty) {
            svg += "<text x=\"\(f(left + plotWidth / 2))\" y=\"\(f(top + plotHeight / 2))\" text-anchor=\"middle\" class=\"empty\">no data</text>\n"
        }
        svg += axes()
        svg += legend.svg
        return svg + "</svg>"
    }

    private func grid() -> String {
        var svg = "<g class=\"grid\">\n"
        for value in yTicks.values {
            svg += "<line x1=\"\(f(left))\" x2=\"\(f(left + plotWidth))\" y1=\"\(f(yPosition(value)))\" y2=\"\(f(yPosition(value)))\"/>\n"
        }
        for value in xTicks.values {
            svg += "<line x1=\"\(f(xPosition(value)))\" x2=\"\(f(xPosition(value)))\" y1=\"\(f(top))\" y2=\"\(f(plotBottom))\"/>\n"
        }
        return svg + "</g>\n"
    }

    private func axes() -> String {
        var svg = "<g class=\"axes\">\n"
        svg += "<line x1=\"\(f(left))\" x2=\"\(f(left))\" y1=\"\(f(top))\" y2=\"\(f(plotBottom))\"/>\n"
        svg += "<line x1=\"\(f(left))\" x2=\"\(f(left + plotWidth))\" y1=\"\(f(plotBottom))\" y2=\"\(f(plotBottom))\"/>\n"
        for (value, label) in zip(yTicks.values, yTicks.labels) {
            let y = yPosition(value)
            svg += "<line x1=\"\(f(left - 4))\" x2=\"\(f(left))\" y1=\"\(f(y))\" y2=\"\(f(y))\"/>"
            svg += "<text x=\"\(f(left - 7))\" y=\"\(f(y + 4))\" text-anchor=\"end\">\(HTML.escape(label))</text>\n"
        }
        let xLabels: [(Double, String)]
        switch chart.x {
        case .numeric: xLabels = Array(zip(xTicks.values, xTicks.labels))
        case .categories(_, let labels): xLabels = labels.enumerated().map { (Double($0.offset), $0.element) }
        }
        for (value, label) in xLabels {
            let x = xPosition(value)
            svg += "<line x1=\"\(f(x))\" x2=\"\(f(x))\" y1=\"\(f(plotBottom))\" y2=\"\(f(plotBottom + 4))\"/>"
            svg += "<text x=\"\(f(x))\" y=\"\(f(plotBottom + 17))\" text-anchor=\"middle\">\(HTML.escape(label))</text>\n"
        }
        svg += "<text class=\"title\" x=\"\(f(left + plotWidth / 2))\" y=\"\(f(plotBottom + 38))\" text-anchor=\"middle\">\(HTML.escape(chart.x.title))</text>\n"
        svg += "<text class=\"title\" transform=\"translate(15 \(f(top + plotHeight / 2))) rotate(-90)\" text-anchor=\"middle\">\(HTML.escape(chart.y.title))</text>\n"
        return svg + "</g>\n"
    }

    private func draw(_ series: Chart.Series, index: Int) -> String {
        let style = series.style
        let stroke = "stroke=\"\(style.color)\"" + (style.dash.map { " stroke-dasharray=\"\($0)\"" } ?? "")
        var svg = "<g class=\"series\" data-label=\"\(HTML.escape(series.label))\">\n"
        let path = series.points.map { "\(f(xPosition($0.x))),\(f(yPosition($0.y)))" }.joined(separator: " ")
        switch series.mark {
        case .line:
            let banded = series.points.filter { $0.low != nil && $0.high != nil }
            if banded.count >= 2 {
                let upper = banded.map { "\(f(xPosition($0.x))),\(f(yPosition($0.high!)))" }
                let lower = banded.reversed().map { "\(f(xPosition($0.x))),\(f(yPosition($0.low!)))" }
                svg += "<polygon class=\"band\" fill=\"\(style.color)\" points=\"\((upper + lower).joined(separator: " "))\"/>\n"
            }
            svg += "<polyline class=\"line\" \(stroke) points=\"\(path)\"/>\n"
            for position in markerPositions(count: series.points.count, seriesIndex: index) {
                svg += marker(style, at: series.points[position])
            }
        case .pointsWithErrorBars:
            svg += "<polyline class=\"line\" \(stroke) points=\"\(path)\"/>\n"
            for point in series.points {
                svg += errorBar(point, x: xPosition(point.x), color: style.color)
                svg += marker(style, at: point)
            }
        case .estimate:
            svg += "<polyline class=\"estimate\" stroke=\"\(style.color)\" points=\"\(path)\"/>\n"
        case .bars:
            svg += bars(series, index: index)
        }
        return svg + "</g>\n"
    }

    /// About six markers along a long line, shifted per series so that lines lying on each other stay apart.
    private func markerPositions(count: Int, seriesIndex: Int) -> [Int] {
        guard count > 12 else { return Array(0..<count) }
        let shift = 0.25 + 0.2 * Double(seriesIndex % 4)
        return (0..<6).map { Int((Double(count - 1) * (Double($0) + shift) / 6).rounded()) }
    }

    private func errorBar(_ point: Chart.Point, x: Double, color: String) -> String {
        guard let low = point.low, let high = point.high else { return "" }
        let (top, bottom) = (yPosition(high), yPosition(low))
        return "<path class=\"error\" stroke=\"\(color)\" d=\"M\(f(x)),\(f(bottom))V\(f(top))M\(f(x - 4)),\(f(top))h8M\(f(x - 4)),\(f(bottom))h8\"/>\n"
    }

    private func bars(_ series: Chart.Series, index: Int) -> String {
        guard case .categories(_, let labels) = chart.x else { return "" }
        let barSeries = chart.series.filter { $0.mark == .bars }
        let slot = barSeries.firstIndex { $0.label == series.label } ?? 0
        let categoryWidth = plotWidth / Double(max(1, labels.count))
        let barWidth = categoryWidth * 0.76 / Double(max(1, barSeries.count))
        var svg = ""
        for point in series.points {
            let x = left + (point.x + 0.12) * categoryWidth + Double(slot) * barWidth
            let (y, base) = (yPosition(point.y), yPosition(max(0, yTicks.range.lowerBound)))
            svg += "<rect class=\"bar\" x=\"\(f(x))\" y=\"\(f(min(y, base)))\" width=\"\(f(barWidth))\" height=\"\(f(abs(base - y)))\" "
            svg += "fill=\"\(fill(series.style, index: index))\" stroke=\"\(series.style.color)\"/>\n"
            svg += errorBar(point, x: x + barWidth / 2, color: "#000")
        }
        return svg
    }

    private func fill(_ style: SeriesStyle, index: Int) -> String {
        style.hatchAngle == nil ? style.color : "url(#\(chart.id)-hatch-\(index))"
    }

    private func patterns() -> String {
        var svg = "<defs>"
        for (index, series) in chart.series.enumerated() where series.mark == .bars {
            guard let angle = series.style.hatchAngle else { continue }
            svg += "<pattern id=\"\(chart.id)-hatch-\(index)\" patternUnits=\"userSpaceOnUse\" width=\"6\" height=\"6\" patternTransform=\"rotate(\(angle))\">"
            svg += "<rect width=\"6\" height=\"6\" fill=\"\(series.style.color)\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#fff\" stroke-width=\"2.5\"/></pattern>"
        }
        return svg + "</defs>\n"
    }

    private func marker(_ style: SeriesStyle, at point: Chart.Point) -> String {
        marker(style, x: xPosition(point.x), y: yPosition(point.y))
    }

    private func marker(_ style: SeriesStyle, x: Double, y: Double) -> String {
        let paint = "fill=\"\(style.color)\" class=\"marker\""
        switch style.marker {
        case .circle: return "<circle cx=\"\(f(x))\" cy=\"\(f(y))\" r=\"4\" \(paint)/>\n"
        case .square: return "<rect x=\"\(f(x - 3.6))\" y=\"\(f(y - 3.6))\" width=\"7.2\" height=\"7.2\" \(paint)/>\n"
        case .triangle: return "<path d=\"M\(f(x)),\(f(y - 5))L\(f(x + 4.6)),\(f(y + 3.4))H\(f(x - 4.6))Z\" \(paint)/>\n"
        case .invertedTriangle: return "<path d=\"M\(f(x)),\(f(y + 5))L\(f(x + 4.6)),\(f(y - 3.4))H\(f(x - 4.6))Z\" \(paint)/>\n"
        case .diamond: return "<path d=\"M\(f(x)),\(f(y - 5))L\(f(x + 5)),\(f(y))L\(f(x)),\(f(y + 5))L\(f(x - 5)),\(f(y))Z\" \(paint)/>\n"
        case .cross:
            return "<path d=\"M\(f(x - 4)),\(f(y - 4))L\(f(x + 4)),\(f(y + 4))M\(f(x - 4)),\(f(y + 4))L\(f(x + 4)),\(f(y - 4))\" stroke=\"\(style.color)\" class=\"marker cross\"/>\n"
        }
    }

    /// Legend entries below the axis title, two to a row unless a label is long.
    private func legendLayout() -> (svg: String, height: Double) {
        let columns = chart.series.contains { $0.label.count > 34 } ? 1 : 2
        let columnWidth = (width - 30) / Double(columns)
        let rowHeight = 18.0
        let originY = plotBottom + 58
        var svg = "<g class=\"legend\">\n"
        for (index, series) in chart.series.enumerated() {
            let x = 24 + Double(index % columns) * columnWidth
            let y = originY + Double(index / columns) * rowHeight
            svg += legendSample(series, index: index, x: x, y: y)
            svg += "<text x=\"\(f(x + 34))\" y=\"\(f(y + 4))\">\(HTML.escape(series.label))</text>\n"
        }
        let rows = (chart.series.count + columns - 1) / columns
        return (svg + "</g>\n", Double(rows) * rowHeight + 4)
    }

    private func legendSample(_ series: Chart.Series, index: Int, x: Double, y: Double) -> String {
        let style = series.style
        switch series.mark {
        case .bars:
            return "<rect x=\"\(f(x + 6))\" y=\"\(f(y - 6))\" width=\"16\" height=\"12\" fill=\"\(fill(style, index: index))\" stroke=\"\(style.color)\"/>\n"
        case .estimate:
            return "<line class=\"estimate\" x1=\"\(f(x))\" x2=\"\(f(x + 28))\" y1=\"\(f(y))\" y2=\"\(f(y))\" stroke=\"\(style.color)\"/>\n"
        case .line, .pointsWithErrorBars:
            let dash = style.dash.map { " stroke-dasharray=\"\($0)\"" } ?? ""
            return "<line class=\"line\" x1=\"\(f(x))\" x2=\"\(f(x + 28))\" y1=\"\(f(y))\" y2=\"\(f(y))\" stroke=\"\(style.color)\"\(dash)/>\n"
                + marker(style, x: x + 14, y: y)
        }
    }

    /// Coordinates with at most one decimal, so the file stays small.
    private func f(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}
