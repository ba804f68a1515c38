import KadResults
import KademliaCore

/// The last part of a report: every run it was made from, with the command that replays it, and the runs it left out.
struct RunList {
    /// How a run is replayed: the scenario file its section shows, and the overrides that make that file its scenario.
    struct Replay {
        var fileName: String
        var overrides: [String] = []
    }

    let used: [StoredRun]
    let leftOut: [ReportRuns.LeftOut]
    let replays: [Int64: Replay]
    let sections: [Int64: (title: String, anchor: String)]

    /// `kadsim run FILE [--set …] --store S --seed N`.
    static func command(_ run: StoredRun, replay: Replay) -> String {
        ReplayCommand.run(ScenarioReference(path: replay.fileName, overrides: replay.overrides), store: run.info.storeMode, seed: run.info.seed)
    }

    /// The overrides that turn any run's scenario of a sweep into the scenario of this cell.
    static func sweepOverrides(_ cell: ReportRuns.SweepCell) -> [String] {
        ["kademlia.disjointPaths=\(cell.variant.disjointPaths)", "kademlia.quorum=\(cell.variant.quorum)",
         "stores=[\"\(cell.variant.store.rawValue)\"]"] + cell.row.keys.sorted().map { "\($0)=\(cell.row[$0]!)" }
    }

    func html() -> String {
        var text = "<section id=\"runs\">\n<h2>Runs</h2>\n"
        text += "<p>\(used.count) completed run\(used.count == 1 ? "" : "s") shown. Each replays with the command beside it, "
            + "the scenario JSON of its section saved under the file name the command gives.</p>\n"
        text += "<div class=\"table-wrap\"><table class=\"runs\">\n<tr><th>run</th><th>section</th><th>store</th><th>variant</th>"
            + "<th>seed</th><th>kadsim</th><th>started</th><th>wall (s)</th><th>replay</th></tr>\n"
        for run in used {
            let section = sections[run.id]
            text += "<tr><td>\(run.id)</td><td><a href=\"#\(section?.anchor ?? "")\">\(HTML.escape(section?.title ?? ""))</a></td>"
            text += "<td>\(run.info.storeMode.rawValue)</td><td>\(HTML.escape(run.variant))</td><td>\(run.info.seed)</td>"
            text += "<td>\(HTML.escape(run.info.kadsimVersion))</td><td class=\"nowrap\">\(HTML.escape(run.info.startedAt))</td>"
            text += "<td>\(run.wallSeconds.map { String(format: "%.1f", $0) } ?? "")</td>"
            text += "<td><code>\(replays[run.id].map { HTML.escape(Self.command(run, replay: $0)) } ?? "")</code></td></tr>\n"
        }
        text += "</table></div>\n"
        if leftOut.isEmpty {
            text += "<p>No run was left out.</p>\n"
        } else {
            text += "<h3>Left out (\(leftOut.count))</h3>\n<div class=\"table-wrap\"><table class=\"runs\">\n"
            text += "<tr><th>run</th><th>scenario</th><th>store</th><th>variant</th><th>seed</th><th>reason</th></tr>\n"
            for entry in leftOut {
                let run = entry.run
                text += "<tr><td>\(run.id)</td><td>\(HTML.escape(run.info.scenarioName))</td><td>\(run.info.storeMode.rawValue)</td>"
                text += "<td>\(HTML.escape(run.variant))</td><td>\(run.info.seed)</td><td>\(HTML.escape(entry.reason))</td></tr>\n"
            }
            text += "</table></div>\n"
        }
        return text + "</section>\n"
    }
}
