/// What one figure of a report shows, independent of how it is drawn: axes, series and a caption.
struct Chart: Sendable {
    enum Scale: Sendable { case linear, logarithmic }

    struct Axis: Sendable {
        var title: String
        var scale: Scale = .linear
        /// Shown range; nil fits the data (from 0 on a linear axis).
        var range: ClosedRange<Double>? = nil
    }

    enum Horizontal: Sendable {
        case numeric(Axis)
        /// Evenly spaced categories; a point's x is its category's index.
        case categories(title: String, labels: [String])

        var title: String {
            switch self {
            case .numeric(let axis): axis.title
            case .categories(let title, _): title
            }
        }
    }

    /// One value, with its 95% interval where there is one.
    struct Point: Sendable, Hashable {
        var x: Double
        var y: Double
        var low: Double? = nil
        var high: Double? = nil
    }

    enum Mark: Sendable {
        /// A line through the points, with the interval as a shaded band.
        case line
        /// Markers with error bars, joined by a line.
        case pointsWithErrorBars
        /// Thin dashed line: a model's prediction rather than a measurement.
        case estimate
        /// Grouped bars (categorical x) with error bars.
        case bars
    }

    struct Series: Sendable {
        var label: String
        var style: SeriesStyle
        var mark: Mark
        var points: [Point]
    }

    /// Unique in the page; also the anchor of the figure.
    var id: String
    var title: String
    var caption: String
    var x: Horizontal
    var y: Axis
    var series: [Series]
}
