/// A chart as an HTML figure: the title, the SVG and the caption that says what is drawn.
enum Figure {
    static func html(_ chart: Chart) -> String {
        """
        <figure class="figure" id="\(chart.id)">
        <div class="chart-title">\(HTML.escape(chart.title))</div>
        \(SVGChart(chart).render())
        <figcaption>\(HTML.escape(chart.caption))</figcaption>
        </figure>

        """
    }
}
