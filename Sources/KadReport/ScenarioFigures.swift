import KadResults
import KadSim
import KademliaCore

/// The charts and summary of one scenario's runs: staleness over time, staleness ages and version lag, online nodes,
/// read latency and traffic, each per store over the scenario's seeds.
struct ScenarioFigures {
    let group: ReportRuns.ScenarioGroup
    let database: ResultsDatabase
    /// Prefix of the chart ids, unique in the page.
    let id: String
    /// The summary of every run of the group, with its store.
    let summaries: [(store: StoreMode, summary: RunSummary)]

    init(group: ReportRuns.ScenarioGroup, database: ResultsDatabase, id: String) throws {
        self.group = group
        self.database = database
        self.id = id
        summaries = try group.runs.compactMap { run in try database.summary(runID: run.id).map { (run.info.storeMode, $0) } }
    }

    /// Statistics over seeds of one summary metric for one store.
    func statistics(_ metric: String, store: StoreMode) -> SummaryStatistics {
        SummaryStatistics(summaries.filter { $0.store == store }.map { $0.summary.value(of: metric) ?? 0 })
    }

    /// The style of a store is the same in every chart of the report.
    static func style(_ store: StoreMode) -> SeriesStyle {
        .numbered(store.order)
    }

    func charts() throws -> [Chart] {
        let series = try group.runs.map { (store: $0.info.storeMode, points: try database.series(runID: $0.id)) }
        let lastMinute = series.flatMap { $0.points.map(\.minute) }.max() ?? 0
        let inHours = lastMinute > 180
        let time = Chart.Horizontal.numeric(Chart.Axis(title: "simulated time after warm-up (\(inHours ? "h" : "min"))"))
        let scale = inHours ? 1.0 / 60 : 1
        let seeds = "mean over \(seedCount) seed\(seedCount == 1 ? "" : "s")" + (seedCount > 1 ? " with its 95% confidence band" : "")

        func perMinute(_ value: (SeriesPoint) -> Double?) -> [Chart.Series] {
            group.stores.map { store in
                var values: [Int: [Double]] = [:]
                for run in series where run.store == store {
                    for point in run.points { if let v = value(point) { values[point.minute, default: []].append(v) } }
                }
                let points = values.keys.sorted().map { minute -> Chart.Point in
                    let statistics = SummaryStatistics(values[minute]!)
                    return Chart.Point(x: Double(minute) * scale, y: statistics.mean, low: statistics.lower95, high: statistics.upper95)
                }
                return Chart.Series(label: store.rawValue, style: Self.style(store), mark: .line, points: points)
            }
        }
        func percentOfReads(_ count: KeyPath<SeriesPoint, Int>) -> (SeriesPoint) -> Double? {
            { $0.reads > 0 ? 100 * Double($0[keyPath: count]) / Double($0.reads) : nil }
        }
        let percent = Chart.Axis(title: "share of reads (%)")
        return [
            Chart(id: "\(id)-stale", title: "Stale reads per simulated minute", caption:
                    "Reads that returned an older version than the owner's latest, per minute and store: \(seeds).",
                  x: time, y: percent, series: perMinute(percentOfReads(\.staleReads)).clamped(to: 0...100)),
            Chart(id: "\(id)-missing", title: "Missing reads per simulated minute", caption:
                    "Reads that found no value at all, per minute and store: \(seeds).",
                  x: time, y: percent, series: perMinute(percentOfReads(\.missingReads)).clamped(to: 0...100)),
            try stalenessAges(),
            try versionLags(),
            Chart(id: "\(id)-online", title: "Online nodes", caption:
                    "Nodes online at each minute: \(seeds). Every store runs on the same churn, so the lines lie on each other.",
                  x: time, y: Chart.Axis(title: "online nodes"), series: perMinute { Double($0.onlineNodes) }),
            try latencies(),
            traffic("messagesPerNodePerSecond", title: "Messages per online node per second", unit: "messages / node / s"),
            traffic("bytesPerNodePerSecond", title: "Bytes per online node per second", unit: "bytes / node / s"),
        ]
    }

    private var seedCount: Int { Set(group.runs.map(\.info.seed)).count }

    private func runIDs(_ store: StoreMode) -> [Int64] {
        group.runs.filter { $0.info.storeMode == store }.map(\.id)
    }

    private func stalenessAges() throws -> Chart {
        let series = try group.stores.map { store -> Chart.Series in
            let histogram = try database.distribution(of: .stalenessAgeMilliseconds, runIDs: runIDs(store))
            let points = CumulativeDistribution.points(histogram.map { (max(Double($0.value), 1) / 1000, $0.count) })
            let count = histogram.reduce(0) { $0 + $1.count }
            return Chart.Series(label: "\(store.rawValue) (\(count) stale read\(count == 1 ? "" : "s"))", style: Self.style(store),
                                mark: .line, points: points.map { Chart.Point(x: $0.value, y: 100 * $0.share) })
        }
        return Chart(id: "\(id)-staleness-age", title: "Staleness age of stale reads (CDF)", caption:
                        "For each stale read, how long before the read its returned version had been superseded; all seeds pooled.",
                     x: .numeric(Chart.Axis(title: "staleness age (s, log scale)", scale: .logarithmic)),
                     y: Chart.Axis(title: "stale reads at or below (%)", range: 0...100), series: series)
    }

    private func versionLags() throws -> Chart {
        let labels = (1...9).map(String.init) + ["≥10"]
        let series = try group.stores.map { store -> Chart.Series in
            let histogram = try database.distribution(of: .versionLag, runIDs: runIDs(store))
            let total = histogram.reduce(0) { $0 + $1.count }
            var counts = Array(repeating: 0, count: labels.count)
            for bin in histogram where bin.value >= 1 { counts[min(Int(bin.value), labels.count) - 1] += bin.count }
            let points = total == 0 ? [] : counts.enumerated().map {
                Chart.Point(x: Double($0.offset), y: 100 * Double($0.element) / Double(total))
            }
            return Chart.Series(label: store.rawValue, style: Self.style(store), mark: .bars, points: points)
        }
        return Chart(id: "\(id)-version-lag", title: "Version lag of stale reads", caption:
                        "How many versions behind the owner's latest each stale read was; all seeds pooled.",
                     x: .categories(title: "versions behind", labels: labels), y: Chart.Axis(title: "share of stale reads (%)"),
                     series: series)
    }

    private func latencies() throws -> Chart {
        var local: [String] = []
        let series = try group.stores.map { store -> Chart.Series in
            let histogram = try database.distribution(of: .latencyMilliseconds, runIDs: runIDs(store))
            let total = histogram.reduce(0) { $0 + $1.count }
            let immediate: Int = histogram.first(where: { $0.value == 0 })?.count ?? 0
            if total > 0 { local.append(store.rawValue + " " + Self.percent(Double(immediate) / Double(total))) }
            let points = CumulativeDistribution.points(histogram.map { (Double($0.value), $0.count) })
                .filter { $0.value > 0 }.map { Chart.Point(x: $0.value, y: 100 * $0.share) }
            return Chart.Series(label: store.rawValue, style: Self.style(store), mark: .line, points: points)
        }
        return Chart(id: "\(id)-latency", title: "Read latency (CDF)", caption:
                        "Time from a get to its answer; all seeds pooled. Reads answered within 1 ms (from the reader's own copy) "
                        + "start each curve above 0 and are off the log scale: \(local.joined(separator: ", ")).",
                     x: .numeric(Chart.Axis(title: "read latency (ms, log scale)", scale: .logarithmic)),
                     y: Chart.Axis(title: "reads at or below (%)", range: 0...100), series: series)
    }

    private func traffic(_ metric: String, title: String, unit: String) -> Chart {
        let stores = group.stores
        let points = stores.enumerated().map { index, store -> Chart.Point in
            let statistics = self.statistics(metric, store: store)
            return Chart.Point(x: Double(index), y: statistics.mean, low: statistics.lower95, high: statistics.upper95)
        }
        return Chart(id: "\(id)-\(ReportIdentifier.slug(metric))", title: title, caption:
                        "Sent per online node per simulated second over the measured period, by store: mean over seeds, 95% interval.",
                     x: .categories(title: "store", labels: stores.map(\.rawValue)), y: Chart.Axis(title: unit),
                     series: [Chart.Series(label: "mean over \(seedCount) seed\(seedCount == 1 ? "" : "s")", style: .numbered(0),
                                           mark: .bars, points: points)])
    }

    static func percent(_ share: Double) -> String {
        SummaryStatistics.format(100 * share) + "%"
    }
}
