import Foundation
import KadSim
import KademliaCore
import Testing

@testable import KadResults

@Suite("Results database")
struct ResultsDatabaseTests {
    /// A fresh database file in a new temporary directory (parent created by `ResultsDatabase`).
    static func temporaryPath() -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kadresults-\(UUID().uuidString)")
        return directory.appendingPathComponent("nested/results.sqlite").path
    }

    static func info(store: StoreMode = .timestamped, seed: UInt64 = 1, scenario: String = "churn") -> RunInfo {
        RunInfo(
            scenarioName: scenario, scenarioJSON: "{\n  \"name\": \"\(scenario)\"\n}", storeMode: store, seed: seed,
            kadsimVersion: "0.1.0", startedAt: "2025-01-02T03:04:05Z")
    }

    static func reads(count: Int, staleEvery: Int = 4) -> [ReadObservation] {
        (0..<count).map { index in
            let time = Microseconds(index) * 20 * Time.minute
            if index % staleEvery == 1 {
                return ReadObservation(
                    time: time, reader: index % 7, owner: index % 5, outcome: .stale, returnedVersion: 3, latestVersion: 5,
                    versionLag: 2, stalenessAge: Microseconds(index) * Time.second, reachesOwner: false,
                    latency: 80 * Time.millisecond, hops: 3, messages: 9)
            }
            if index % staleEvery == 2 {
                return ReadObservation(
                    time: time, reader: index % 7, owner: index % 5, outcome: .missing, returnedVersion: nil, latestVersion: 5,
                    versionLag: nil, stalenessAge: nil, reachesOwner: false, latency: 5 * Time.second, hops: 4, messages: 12)
            }
            return ReadObservation(
                time: time, reader: index % 7, owner: index % 5, outcome: .fresh, returnedVersion: 5, latestVersion: 5,
                versionLag: nil, stalenessAge: nil, reachesOwner: true, latency: 40 * Time.millisecond, hops: 2, messages: 6)
        }
    }

    static let totals = RunTotals(
        events: 1000, messages: 5000, bytes: 400_000, onlineNodeSeconds: 36_000, measuredSeconds: 3600, nodeCount: 10,
        deadContactShareSamples: [0.2])

    @Test func roundTrip() throws {
        let path = Self.temporaryPath()
        let database = try ResultsDatabase(path: path)
        #expect(FileManager.default.fileExists(atPath: path))
        let info = Self.info(seed: UInt64.max)
        let runID = try database.beginRun(info)
        let reads = Self.reads(count: 25)
        try database.append(reads: Array(reads[..<10]), runID: runID)
        try database.append(reads: Array(reads[10...]), runID: runID)
        try database.append(reads: [], runID: runID)
        let series = (0..<5).map { SeriesPoint(minute: $0, onlineNodes: 10 - $0, reads: $0 * 2, staleReads: $0, missingReads: 0) }
        try database.append(series: series, runID: runID)
        let summary = RunSummary(observations: reads, totals: Self.totals)
        try database.completeRun(runID: runID, summary: summary, wallSeconds: 1.25, events: 1000)

        // Read back through a second connection, as `kadsim compare` would.
        let reopened = try ResultsDatabase(path: path)
        #expect(try reopened.reads(runID: runID) == reads)
        #expect(try reopened.series(runID: runID) == series)
        #expect(try reopened.summary(runID: runID) == summary)
        let run = try #require(try reopened.run(id: runID))
        #expect(run == StoredRun(id: runID, info: info, wallSeconds: 1.25, events: 1000, completed: true, error: nil))
        #expect(try reopened.completedRuns() == [run])
    }

    @Test func interruptedRunNeverLooksCompleted() throws {
        let path = Self.temporaryPath()
        var runID: Int64 = 0
        do {
            let database = try ResultsDatabase(path: path)
            runID = try database.beginRun(Self.info())
            try database.append(reads: Self.reads(count: 40), runID: runID)
            try database.append(series: [SeriesPoint(minute: 0, onlineNodes: 3, reads: 1, staleReads: 0, missingReads: 0)], runID: runID)
            // The process dies here: no completeRun.
        }
        let database = try ResultsDatabase(path: path)
        let run = try #require(try database.run(id: runID))
        #expect(!run.completed)
        #expect(run.wallSeconds == nil && run.events == nil && run.error == nil)
        #expect(try database.summary(runID: runID) == nil)
        #expect(try database.completedRuns().isEmpty)
        #expect(try database.reads(runID: runID).count == 40)
        #expect(try database.query("SELECT COUNT(*) AS n FROM summary") == [["n": "0"]])

        try database.failRun(runID: runID, error: "interrupted by SIGINT")
        let failed = try #require(try database.run(id: runID))
        #expect(!failed.completed && failed.error == "interrupted by SIGINT")
        #expect(try database.completedRuns().isEmpty)
    }

    @Test func misuseIsRejectedWithoutChanges() throws {
        let database = try ResultsDatabase(path: Self.temporaryPath())
        let runID = try database.beginRun(Self.info())
        let summary = RunSummary(reads: 3, freshFraction: 1)
        try database.completeRun(runID: runID, summary: summary, wallSeconds: 2, events: 10)
        #expect(throws: ResultsDatabaseError.alreadyCompleted(runID)) {
            try database.completeRun(runID: runID, summary: RunSummary(), wallSeconds: 3, events: 11)
        }
        #expect(throws: ResultsDatabaseError.alreadyCompleted(runID)) { try database.failRun(runID: runID, error: "late") }
        #expect(throws: ResultsDatabaseError.unknownRun(999)) {
            try database.completeRun(runID: 999, summary: summary, wallSeconds: 1, events: 1)
        }
        #expect(throws: ResultsDatabaseError.unknownRun(999)) { try database.failRun(runID: 999, error: "x") }
        #expect(try database.summary(runID: runID) == summary)
        #expect(try database.run(id: runID)?.wallSeconds == 2)
        #expect(try database.query("SELECT COUNT(*) AS n FROM runs") == [["n": "1"]])
    }

    @Test func runsShareOneFile() throws {
        let path = Self.temporaryPath()
        let first = try ResultsDatabase(path: path)
        let second = try ResultsDatabase(path: path)
        let plain = try first.beginRun(Self.info(store: .plain, seed: 1))
        let stamped = try second.beginRun(Self.info(store: .timestamped, seed: 1))
        #expect(plain != stamped)
        let plainReads = Self.reads(count: 12, staleEvery: 2)
        let stampedReads = Self.reads(count: 8, staleEvery: 8)
        try first.append(reads: plainReads, runID: plain)
        try second.append(reads: stampedReads, runID: stamped)
        let plainSummary = RunSummary(observations: plainReads, totals: Self.totals)
        let stampedSummary = RunSummary(observations: stampedReads, totals: Self.totals)
        try second.completeRun(runID: stamped, summary: stampedSummary, wallSeconds: 1, events: 5)
        try first.completeRun(runID: plain, summary: plainSummary, wallSeconds: 2, events: 6)

        #expect(try first.reads(runID: plain) == plainReads)
        #expect(try first.reads(runID: stamped) == stampedReads)
        #expect(try first.summary(runID: plain) == plainSummary)
        #expect(try first.summary(runID: stamped) == stampedSummary)
        #expect(try first.completedRuns().map(\.info.storeMode) == [.plain, .timestamped])
        #expect(try first.runs().count == 2)
    }

    @Test func summaryColumnsFollowRunSummary() {
        #expect(ResultsSchema.summaryColumns == RunSummary.metricNames.map(ResultsSchema.columnName(forMetric:)))
        #expect(ResultsSchema.fidelitySummaryColumns == RunSummary.fidelityMetricNames.map(ResultsSchema.columnName(forMetric:)))
        #expect(ResultsSchema.columnName(forMetric: "stalenessAgeP90") == "staleness_age_p90")
    }

    @Test func schemaHasTheDocumentedIndexes() throws {
        let database = try ResultsDatabase(path: Self.temporaryPath())
        let indexes = try database.query("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name")
        #expect(indexes.map { $0["name"]! } == ["reads_run_outcome", "reads_run_owner", "series_run_minute"])
        let columns = try database.query("SELECT name FROM pragma_table_info('reads') ORDER BY cid").map { $0["name"]!! }
        #expect(columns == ResultsSchema.allReadColumns)
    }

    // MARK: - The README queries

    /// The ```sql blocks of README.md.
    static func readmeQueries() throws -> [String] {
        let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("README.md")
        let text = try String(contentsOf: readme, encoding: .utf8)
        return text.components(separatedBy: "```sql\n").dropFirst().map { $0.components(separatedBy: "```")[0] }
    }

    /// Two scenarios, both stores, one interrupted run that the queries must ignore.
    static func populatedDatabase() throws -> (ResultsDatabase, String) {
        let path = temporaryPath()
        let database = try ResultsDatabase(path: path)
        for (store, seed, staleEvery) in [(StoreMode.plain, UInt64(1), 2), (.plain, 2, 3), (.timestamped, 1, 10), (.timestamped, 2, 20)] {
            let runID = try database.beginRun(info(store: store, seed: seed))
            let reads = reads(count: 20, staleEvery: staleEvery)
            try database.append(reads: reads, runID: runID)
            try database.completeRun(runID: runID, summary: RunSummary(observations: reads, totals: totals), wallSeconds: 1, events: 1)
        }
        let other = try database.beginRun(info(store: .plain, seed: 1, scenario: "stable"))
        let otherReads = reads(count: 20, staleEvery: 100)
        try database.append(reads: otherReads, runID: other)
        try database.completeRun(runID: other, summary: RunSummary(observations: otherReads, totals: totals), wallSeconds: 1, events: 1)
        let interrupted = try database.beginRun(info(store: .timestamped, seed: 3))
        try database.append(reads: reads(count: 20, staleEvery: 1), runID: interrupted)
        return (database, path)
    }

    @Test func readmeQueriesWork() throws {
        let queries = try Self.readmeQueries()
        #expect(queries.count == 2)
        let (database, _) = try Self.populatedDatabase()

        let byStore = try database.query(queries[0])
        #expect(byStore.map { $0["store_mode"]! } == ["plain", "timestamped"])
        #expect(byStore.map { $0["runs"]! } == ["2", "2"])
        // plain: stale every 2nd and every 3rd read → 10/20 and 7/20; timestamped: 2/20 and 1/20.
        #expect(byStore.map { $0["stale_fraction"]! } == ["0.425", "0.075"])

        let perHour = try database.query(queries[1])
        // 20 reads 20 minutes apart span hours 0...6; 3 completed plain runs (two scenarios) and 2 timestamped.
        #expect(perHour.count == 14)
        #expect(perHour.first?["store_mode"] == "plain" && perHour.first?["hour"] == "0")
        #expect(perHour.first?["read_count"] == "9")
        #expect(perHour.filter { $0["store_mode"] == "timestamped" }.map { Int($0["read_count"]!!)! }.reduce(0, +) == 40)
    }

    @Test func readmeQueriesRunInTheSQLiteShell() throws {
        let shell = ["/usr/bin/sqlite3", "/usr/local/bin/sqlite3"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let shell else { return }  // The CLI is optional; readmeQueriesWork covers the SQL through GRDB.
        let queries = try Self.readmeQueries()
        let (_, path) = try Self.populatedDatabase()
        for query in queries {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: shell)
            process.arguments = ["-readonly", "-header", "-csv", path, query]
            let output = Pipe()
            let errors = Pipe()
            process.standardOutput = output
            process.standardError = errors
            try process.run()
            let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            let errorText = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "\(errorText)")
            #expect(errorText.isEmpty)
            #expect(text.split(separator: "\n").count >= 3, "\(text)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: shell)
        process.arguments = ["-readonly", "-csv", path, queries[0]]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(text == "plain,2,0.425,18.0\ntimestamped,2,0.075,\(Self.expectedTimestampedP90())\n")
    }

    /// staleness_age_p90 of the timestamped runs: stale reads are at indexes 1, 11 (every 10th) and 1 (every 20th);
    /// ages are index seconds, so P90 is 11 s and 1 s, averaging 6.0.
    static func expectedTimestampedP90() -> String { "6.0" }
}
