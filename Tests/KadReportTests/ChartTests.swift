import Testing

@testable import KadReport

@Suite("Charts")
struct ChartTests {
    @Test func linearTicksAreRoundAndCoverTheData() {
        let ticks = AxisTicks.linear(0...43)
        #expect(ticks.values == [0, 10, 20, 30, 40, 50])
        #expect(ticks.range == 0...50)
        #expect(ticks.labels == ["0", "10", "20", "30", "40", "50"])
        let fine = AxisTicks.linear(0...0.013)
        #expect(fine.labels.last == "0.015", "step 0.005 above 0.013")
        #expect(AxisTicks.linear(0...250_000).labels.contains("100k"))
    }

    @Test func tightTicksKeepTheDataRange() {
        let ticks = AxisTicks.linear(0...90, tight: true)
        #expect(ticks.range == 0...90)
        #expect(ticks.values == [0, 20, 40, 60, 80])
    }

    @Test func logarithmicTicksArePowersOfTen() {
        let ticks = AxisTicks.logarithmic(0.03...2500)
        #expect(ticks.values == [0.01, 0.1, 1, 10, 100, 1000, 10000])
        #expect(ticks.labels == ["0.01", "0.1", "1", "10", "100", "1000", "10k"])
    }

    @Test func cumulativeDistributionIsThinnedButEndsAtOne() {
        let histogram = (1...10_000).map { (value: Double($0), count: 1) }
        let points = CumulativeDistribution.points(histogram, limit: 100)
        #expect(points.count <= 101)
        #expect(points.last?.share == 1)
        #expect(points.last?.value == 10_000)
        #expect(zip(points, points.dropFirst()).allSatisfy { $0.value < $1.value && $0.share < $1.share })
        #expect(CumulativeDistribution.points([]).isEmpty)
    }

    @Test func anEmptyChartSaysSoAndEveryStyleDiffersInMoreThanColour() {
        let empty = Chart(id: "e", title: "Nothing", caption: "", x: .numeric(Chart.Axis(title: "x")), y: Chart.Axis(title: "y"),
                          series: [Chart.Series(label: "a", style: .numbered(0), mark: .line, points: [])])
        #expect(SVGChart(empty).render().contains(">no data</text>"))
        let styles = (0..<6).map(SeriesStyle.numbered)
        #expect(Set(styles.map(\.dash)).count == 6)
        #expect(Set(styles.map(\.marker)).count == 6)
        #expect(Set(styles.map(\.hatchAngle)).count == 6)
    }

    @Test func pointsLandInsideThePlot() {
        let chart = Chart(id: "c", title: "T", caption: "", x: .numeric(Chart.Axis(title: "x", scale: .logarithmic)),
                          y: Chart.Axis(title: "y", range: 0...100),
                          series: [Chart.Series(label: "a", style: .numbered(0), mark: .line,
                                                points: [Chart.Point(x: 0.01, y: 0), Chart.Point(x: 100, y: 100)])])
        let svg = SVGChart(chart).render()
        // Plot area: x 66…542, y 14…244; the first point at the bottom left corner, the last at the top right.
        #expect(svg.contains("points=\"66,244 542,14\""))
    }
}
