import Foundation
import KademliaCore
import Testing

@testable import KadSim

@Suite("Run metrics")
struct MetricsTests {
    static func read(
        _ outcome: ReadOutcome, lag: Int64? = nil, age: Microseconds? = nil, reaches: Bool = true,
        latencyMs: Int64 = 10, hops: Int = 2, messages: Int = 6, time: Microseconds = Time.minute
    ) -> ReadObservation {
        ReadObservation(
            time: time, reader: 1, owner: 2, outcome: outcome,
            returnedVersion: outcome == .missing ? nil : 5 - (lag ?? 0), latestVersion: 5, versionLag: lag,
            stalenessAge: age, reachesOwner: reaches, latency: latencyMs * Time.millisecond, hops: hops, messages: messages)
    }

    static let totals = RunTotals(
        events: 123, messages: 1000, bytes: 50_000, onlineNodeSeconds: 500, measuredSeconds: 100, nodeCount: 8,
        deadContactShareSamples: [0.1, 0.3])

    // MARK: - Percentiles

    @Test func nearestRankPercentiles() {
        let values = [15, 20, 35, 40, 50]
        #expect(Percentile.nearestRank(values, percent: 5) == 15)
        #expect(Percentile.nearestRank(values, percent: 30) == 20)
        #expect(Percentile.nearestRank(values, percent: 40) == 20)
        #expect(Percentile.nearestRank(values, percent: 50) == 35)
        #expect(Percentile.nearestRank(values, percent: 100) == 50)
        #expect(Percentile.nearestRank([Int](), percent: 50) == nil)
        #expect(Percentile.nearestRank([7], percent: 1) == 7)
        #expect(Percentile.nearestRank([7], percent: 99) == 7)
        let hundred = Array(1...100)
        #expect(Percentile.nearestRank(hundred, percent: 50) == 50)
        #expect(Percentile.nearestRank(hundred, percent: 90) == 90)
        #expect(Percentile.nearestRank(hundred, percent: 99) == 99)
        let thousand = Array(1...1000)
        #expect(Percentile.nearestRank(thousand, percent: 99) == 990)
        #expect(Percentile.nearestRank([1, 2], percent: 50) == 1)
        #expect(Percentile.nearestRank([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], percent: 99) == 10)
    }

    // MARK: - RunSummary

    @Test func summaryOfHandBuiltReads() {
        var reads: [ReadObservation] = []
        for latency in 1...6 { reads.append(Self.read(.fresh, latencyMs: Int64(latency), hops: 2, messages: 6)) }
        reads.append(Self.read(.stale, lag: 3, age: 30 * Time.second, reaches: false, latencyMs: 7, hops: 3, messages: 9))
        reads.append(Self.read(.stale, lag: 1, age: 10 * Time.second, reaches: false, latencyMs: 8, hops: 3, messages: 9))
        reads.append(Self.read(.stale, lag: 2, age: 20 * Time.second, latencyMs: 9, hops: 4, messages: 12))
        reads.append(Self.read(.missing, reaches: false, latencyMs: 10, hops: 5, messages: 14))
        let summary = RunSummary(observations: reads.reversed(), totals: Self.totals)
        #expect(summary.reads == 10)
        #expect(summary.freshFraction == 0.6)
        #expect(summary.staleFraction == 0.3)
        #expect(summary.missingFraction == 0.1)
        #expect(summary.reachableFraction == 0.7)
        #expect(summary.stalenessAgeP50 == 20)
        #expect(summary.stalenessAgeP90 == 30)
        #expect(summary.stalenessAgeP99 == 30)
        #expect(summary.stalenessAgeMax == 30)
        #expect(summary.versionLagMean == 2)
        #expect(summary.latencyP50 == 5)
        #expect(summary.latencyP99 == 10)
        #expect(summary.hopsMean == 2.7)  // (6·2 + 3 + 3 + 4 + 5) / 10
        #expect(summary.messagesPerRead == 8)  // (6·6 + 9 + 9 + 12 + 14) / 10
        #expect(summary.messagesPerNodePerSecond == 2)
        #expect(summary.bytesPerNodePerSecond == 100)
        #expect(summary.meanOnlineNodes == 5)
        #expect(abs(summary.deadContactShare - 0.2) < 1e-15)
    }

    @Test func summaryWithoutReadsIsZero() {
        let empty = RunTotals(events: 0, messages: 0, bytes: 0, onlineNodeSeconds: 0, measuredSeconds: 0, nodeCount: 0, deadContactShareSamples: [])
        #expect(RunSummary(observations: [], totals: empty) == RunSummary())
        let fresh = RunSummary(observations: [Self.read(.fresh)], totals: empty)
        #expect(fresh.stalenessAgeP50 == 0 && fresh.stalenessAgeMax == 0 && fresh.versionLagMean == 0)
        #expect(fresh.freshFraction == 1 && fresh.latencyP50 == 10 && fresh.latencyP99 == 10)
    }

    @Test func metricNamesCoverEveryField() throws {
        let fields = Mirror(reflecting: RunSummary()).children.compactMap(\.label)
        #expect(fields == RunSummary.allMetricNames)
        var summary = RunSummary()
        for (index, name) in RunSummary.allMetricNames.enumerated() {
            let known = summary.setValue(Double(index + 1), of: name)
            #expect(known)
        }
        for (index, name) in RunSummary.allMetricNames.enumerated() {
            #expect(summary.value(of: name) == Double(index + 1))
        }
        #expect(summary.value(of: "nope") == nil)
        let unknown = summary.setValue(1, of: "nope")
        #expect(!unknown)
        #expect(summary.metrics.map(\.name) == RunSummary.metricNames)
        let json = try JSONEncoder().encode(summary)
        #expect(try JSONDecoder().decode(RunSummary.self, from: json) == summary)
        let keys = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any]).keys.sorted()
        #expect(keys == RunSummary.allMetricNames.sorted())
    }

    @Test func expectationBounds() {
        let summary = RunSummary(reads: 100, freshFraction: 0.7, staleFraction: 0.25)
        let bounds = [
            Scenario.Bound(metric: "staleFraction", max: 0.2),
            Scenario.Bound(metric: "staleFraction", store: .timestamped, max: 0.3),
            Scenario.Bound(metric: "freshFraction", store: .plain, min: 0.8),
            Scenario.Bound(metric: "reads", min: 100, max: 100),
        ]
        #expect(summary.violations(of: bounds, store: .plain) == [bounds[0], bounds[2]])
        #expect(summary.violations(of: bounds, store: .timestamped) == [bounds[0]])
    }

    // MARK: - Statistics and tables

    @Test func confidenceIntervals() throws {
        let statistics = SummaryStatistics([1, 2, 3, 4, 5])
        #expect(statistics.count == 5)
        #expect(statistics.mean == 3)
        #expect(abs(statistics.standardDeviation - 2.5.squareRoot()) < 1e-12)
        let halfWidth = try #require(statistics.halfWidth95)
        #expect(abs(halfWidth - 2.776 * 2.5.squareRoot() / 5.0.squareRoot()) < 1e-12)
        #expect(statistics.lower95! < 3 && statistics.upper95! > 3)

        let single = SummaryStatistics([4])
        #expect(single.mean == 4 && single.halfWidth95 == nil && single.standardDeviation == 0)
        #expect(single.formatted == "4")
        #expect(SummaryStatistics([]).count == 0)
        #expect(SummaryStatistics([2, 2, 2]).halfWidth95 == 0)
        #expect(SummaryStatistics([0.1, 0.2]).formatted == "0.1500 ± 0.6353")
    }

    @Test func tTable() {
        #expect(SummaryStatistics.tQuantile975(degreesOfFreedom: 1) == 12.706)
        #expect(SummaryStatistics.tQuantile975(degreesOfFreedom: 2) == 4.303)
        #expect(SummaryStatistics.tQuantile975(degreesOfFreedom: 10) == 2.228)
        #expect(SummaryStatistics.tQuantile975(degreesOfFreedom: 30) == 2.042)
        #expect(SummaryStatistics.tQuantile975(degreesOfFreedom: 31) == 1.960)
        #expect(SummaryStatistics.tQuantile975(degreesOfFreedom: 1000) == 1.960)
        #expect(SummaryStatistics.tTable975.count == 30)
        #expect(zip(SummaryStatistics.tTable975, SummaryStatistics.tTable975.dropFirst()).allSatisfy { $0 > $1 })
    }

    @Test func numberFormatting() {
        #expect(SummaryStatistics.format(12345) == "12345")
        #expect(SummaryStatistics.format(1234.56) == "1234.6")
        #expect(SummaryStatistics.format(3.14159) == "3.142")
        #expect(SummaryStatistics.format(0.012345) == "0.0123")
        #expect(SummaryStatistics.format(0) == "0")
    }

    @Test func textTableAlignsColumns() {
        let table = TextTable(header: ["metric", "plain", "timestamped"], rows: [
            ["staleFraction", "0.25", "0.01"],
            ["reads", "1200", "1190"],
            ["x"],
        ])
        #expect(table.render() == """
            metric         plain  timestamped
            -------------  -----  -----------
            staleFraction   0.25         0.01
            reads           1200         1190
            x

            """)
        #expect(TextTable(header: []).render() == "")
    }

    @Test func comparisonTableHasOneRowPerMetric() {
        let plain = [RunSummary(reads: 10, staleFraction: 0.2), RunSummary(reads: 12, staleFraction: 0.4)]
        let stamped = [RunSummary(reads: 11, staleFraction: 0.01)]
        let text = SummaryStatistics.comparisonTable([("plain", plain), ("timestamped", stamped)])
        let lines = text.split(separator: "\n")
        #expect(lines.count == 2 + RunSummary.comparedMetricNames.count + 1)
        #expect(lines.contains("deadContactShare             not sampled  not sampled"), "no run took a sample")
        #expect(lines[0] == "metric                             plain  timestamped")
        #expect(lines.contains("staleFraction             0.3000 ± 1.271       0.0100"))
        #expect(lines.last == "runs                                   2            1")
    }

    // MARK: - Digest

    @Test func fnvTestVectors() {
        #expect(ResultDigest().value == 0xcbf2_9ce4_8422_2325)
        var digest = ResultDigest()
        digest.add(line: "a")
        #expect(digest.description == "089bdc07b544e7b2")  // FNV-1a 64 of "a\n"
    }

    @Test func readDigestMixesTheDocumentedLine() {
        var full = ReadObservation(
            time: 1_234_567, reader: 10, owner: 0, outcome: .stale, returnedVersion: 0, latestVersion: 120, versionLag: -3,
            stalenessAge: nil, reachesOwner: true, latency: 9, hops: 0, messages: 1000)
        full.rollback = true
        full.fromOwnCopy = true
        var sparse = full
        sparse.rollback = false
        sparse.returnedVersion = nil
        let cases = [
            (full, "read 1234567 10 0 stale 0 120 -3 - 1 9 0 1000 rollback own"),
            (sparse, "read 1234567 10 0 stale - 120 -3 - 1 9 0 1000 own"),
        ]
        for (observation, line) in cases {
            var mixed = ResultDigest()
            mixed.add(observation)
            var rendered = ResultDigest()
            rendered.add(line: line)
            #expect(mixed == rendered, "\(line)")
        }
    }

    @Test func digestIsStableAndSensitive() {
        let observations = [
            ReadObservation(time: 60 * Time.second, reader: 1, owner: 2, outcome: .stale, returnedVersion: 3, latestVersion: 5,
                            versionLag: 2, stalenessAge: 7 * Time.second, reachesOwner: false, latency: 12 * Time.millisecond,
                            hops: 3, messages: 9),
            ReadObservation(time: 61 * Time.second, reader: 2, owner: 1, outcome: .missing, returnedVersion: nil, latestVersion: 4,
                            versionLag: nil, stalenessAge: nil, reachesOwner: false, latency: 5 * Time.millisecond, hops: 2,
                            messages: 6),
        ]
        let series = [SeriesPoint(minute: 1, onlineNodes: 10, reads: 2, staleReads: 1, missingReads: 1)]
        let summary = RunSummary(reads: 2, staleFraction: 0.5, missingFraction: 0.5)
        let digest = ResultDigest(observations: observations, series: series, summary: summary)
        // FNV-1a 64 of the documented canonical text, computed independently.
        #expect(digest.description == "4dbe153a46076b02")
        #expect(ResultDigest(observations: observations, series: series, summary: summary) == digest)
        var changed = observations
        changed[1].latency += 1
        #expect(ResultDigest(observations: changed, series: series, summary: summary) != digest)
        #expect(ResultDigest(observations: observations.reversed(), series: series, summary: summary) != digest)
        #expect(ResultDigest(observations: observations, series: [], summary: summary) != digest)
    }
}
