extension [Chart.Series] {
    /// The same series with every value and interval held to `range` (a band of a share never leaves 0–100%).
    func clamped(to range: ClosedRange<Double>) -> [Chart.Series] {
        map { series in
            var series = series
            series.points = series.points.map { point in
                var point = point
                point.low = point.low.map { Swift.min(Swift.max($0, range.lowerBound), range.upperBound) }
                point.high = point.high.map { Swift.min(Swift.max($0, range.lowerBound), range.upperBound) }
                return point
            }
            return series
        }
    }
}
