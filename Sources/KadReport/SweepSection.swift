import KadSim

/// The part of a report about one sweep: the poisoning charts, a table of every cell, and the scenario JSON.
struct SweepSection {
    let title: String
    let anchor: String
    let fileName: String
    let figures: SweepFigures
    let charts: [Chart]

    func html() -> String {
        let group = figures.group
        let seeds = Set(group.cells.map(\.run.info.seed)).count
        var text = "<section id=\"\(anchor)\">\n<h2>Sweep \(HTML.escape(title))</h2>\n"
        text += "<p>\(HTML.escape(group.swept.joined(separator: ", "))) swept over \(figures.rows.count) value"
            + "\(figures.rows.count == 1 ? "" : "s") for \(figures.variants.count) store and lookup variant"
            + "\(figures.variants.count == 1 ? "" : "s"), \(seeds) seed\(seeds == 1 ? "" : "s") "
            + "(\(group.cells.count) run\(group.cells.count == 1 ? "" : "s"))"
            + (group.fixed.isEmpty ? "" : ", with \(HTML.escape(group.fixed.joined(separator: ", "))) throughout") + ".</p>\n"
        text += "<div class=\"charts\">\n" + charts.map(Figure.html).joined() + "</div>\n"
        text += table()
        let json = group.cells.first.map { $0.run.info.scenarioJSON } ?? ""
        text += "<details><summary>Scenario JSON of the first run (saved as <code>\(HTML.escape(fileName))</code>, with the "
            + "<code>--set</code> options of its replay command it gives every run of the sweep)</summary>\n"
            + "<pre>\(HTML.escape(json))</pre>\n</details>\n</section>\n"
        return text
    }

    private func table() -> String {
        var text = "<div class=\"table-wrap\"><table class=\"summary\">\n"
        text += "<caption>Every cell: mean ± 95% confidence half-width over seeds</caption>\n"
        text += "<tr><th>\(HTML.escape(figures.group.swept.joined(separator: ", ")))</th><th>variant</th><th>seeds</th>"
            + "<th>poisoned reads (%)</th><th>lookup success (%)</th><th>estimate (%)</th><th>hops</th></tr>\n"
        // `figures.cells` runs variant by variant; the table reads row by row, variants in the figures' order.
        let variantRank = { (cell: SweepFigures.Cell) in figures.variants.firstIndex(of: cell.variant)! }
        for cell in figures.cells.sorted(by: { ($0.row, variantRank($0)) < ($1.row, variantRank($1)) }) {
            text += "<tr><td>\(HTML.escape(SweepFigures.rowLabel(figures.rows[cell.row], axes: figures.group.swept)))</td>"
            text += "<td>\(HTML.escape(cell.variant.description))</td><td>\(cell.seeds)</td>"
            text += "<td>\(HTML.escape(cell.poisoned.scaled(by: 100).formatted))</td>"
            text += "<td>\(HTML.escape(cell.success.scaled(by: 100).formatted))</td>"
            text += "<td>\(cell.estimate.map { SummaryStatistics.format(100 * $0) } ?? "–")</td>"
            text += "<td>\(SummaryStatistics.format(cell.hops.mean))</td></tr>\n"
        }
        return text + "</table></div>\n"
    }
}
