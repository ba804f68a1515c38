/// How one series is told apart: a colour, and a dash pattern, marker and hatching that survive printing in grey.
struct SeriesStyle: Sendable, Hashable {
    enum Marker: Sendable, CaseIterable { case circle, square, triangle, diamond, cross, invertedTriangle }

    var color: String
    var dash: String?
    var marker: Marker
    /// Angle of the hatching on bars; nil for a solid bar.
    var hatchAngle: Int?

    /// Colours of the Okabe–Ito palette, ordered so that neighbours differ in lightness as well as hue.
    private static let colors = ["#0072B2", "#E69F00", "#222222", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#999999"]
    private static let dashes: [String?] = [nil, "7 4", "2 3", "9 3 2 3", "4 2", "12 4"]
    private static let hatchAngles: [Int?] = [nil, 45, -45, 0, 90, 30]

    /// The style of the `index`-th series of a chart; the same index gives the same style in every chart.
    static func numbered(_ index: Int) -> SeriesStyle {
        SeriesStyle(
            color: colors[index % colors.count], dash: dashes[index % dashes.count],
            marker: Marker.allCases[index % Marker.allCases.count], hatchAngle: hatchAngles[index % hatchAngles.count])
    }
}
