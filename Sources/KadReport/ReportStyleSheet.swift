/// The report's CSS: a readable single column of text with charts two to a row on a wide window, one on a narrow
/// one; nothing wider than the page (long commands wrap, wide tables scroll inside their box).
enum ReportStyleSheet {
    static let css = """
        body{margin:0;background:#fff;color:#1a1a1a;font:15px/1.45 "DejaVu Sans",system-ui,sans-serif}
        main{max-width:1180px;margin:0 auto;padding:8px 20px 48px}
        h1{font-size:1.7em;margin:.6em 0 .2em}
        h2{font-size:1.3em;border-bottom:1px solid #bbb;padding-bottom:4px;margin-top:2.2em}
        nav ul{margin:.3em 0;padding-left:1.2em}
        .charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,470px),1fr));gap:22px 30px;margin:16px 0}
        figure{margin:0;min-width:0}
        figcaption{font-size:13px;color:#444;margin:2px 0}
        .chart-title{color:#111;font-size:14px;font-weight:bold;margin:2px 0}
        svg.chart{display:block;width:100%;height:auto}
        svg.chart text{font:11px "DejaVu Sans",system-ui,sans-serif;fill:#222}
        svg.chart text.title{font-size:12px}
        svg.chart text.empty{font-size:14px;fill:#777}
        .grid line{stroke:#e2e2e2}
        .axes line{stroke:#333}
        .line{fill:none;stroke-width:2}
        .estimate{fill:none;stroke-width:1.4;stroke-dasharray:2 3}
        .band{opacity:.18}
        .error{fill:none;stroke-width:1.3}
        .marker:not(.cross){stroke:#fff;stroke-width:.8}
        .marker.cross{stroke-width:2.2}
        .bar{stroke-width:1}
        .table-wrap{overflow-x:auto;max-width:100%}
        table{border-collapse:collapse;font-size:13px;margin:8px 0}
        caption{text-align:left;color:#444;padding-bottom:4px}
        th,td{border-bottom:1px solid #ddd;padding:3px 9px;text-align:right;vertical-align:top}
        th:first-child,td:first-child{text-align:left}
        table.runs td,table.runs th{text-align:left}
        td.nowrap{white-space:nowrap}
        table.runs code{font-size:12px;overflow-wrap:anywhere}
        pre{white-space:pre-wrap;overflow-wrap:anywhere;background:#f5f5f5;padding:8px;font-size:12px}
        code{font-family:"DejaVu Sans Mono",monospace}
        """
}
