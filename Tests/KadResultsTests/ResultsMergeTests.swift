import Foundation
import GRDB
import KadSim
import KademliaCore
import Testing

@testable import KadResults

@Suite("Merging results databases")
struct ResultsMergeTests {
    /// A database at a fresh path with one run per entry: (seed, store, reads, completed).
    func database(_ runs: [(seed: UInt64, store: StoreMode, reads: Int, completed: Bool)]) throws -> String {
        let path = ResultsDatabaseTests.temporaryPath()
        let database = try ResultsDatabase(path: path)
        for run in runs {
            let runID = try database.beginRun(ResultsDatabaseTests.info(store: run.store, seed: run.seed))
            try database.append(reads: ResultsDatabaseTests.reads(count: run.reads), runID: runID)
            try database.append(series: [SeriesPoint(minute: 0, onlineNodes: 10, reads: run.reads, staleReads: 1, missingReads: 0)], runID: runID)
            if run.completed {
                try database.completeRun(runID: runID, summary: RunSummary(reads: run.reads, freshFraction: 0.5), wallSeconds: 1, events: run.reads * 3)
            }
        }
        try database.pool.close()
        return path
    }

    func outputPath() -> String { ResultsDatabaseTests.temporaryPath() + ".merged" }

    @Test func copiesEveryRunRenumberedWithItsOrigin() throws {
        let first = try database([(1, .plain, 5, true), (1, .timestamped, 6, true)])
        let second = try database([(2, .plain, 7, true), (3, .plain, 8, false)])
        let output = outputPath()
        let report = try ResultsMerge.merge([first, second], into: output)
        #expect(report.copied == 4 && report.incomplete == 1 && report.duplicates.isEmpty)

        let merged = try ResultsDatabase(path: output)
        let runs = try merged.runs()
        #expect(runs.map(\.id) == [1, 2, 3, 4])
        #expect(runs.map(\.info.seed) == [1, 1, 2, 3])
        #expect(runs.map(\.completed) == [true, true, true, false])
        let origins = try merged.query("SELECT source_file, source_run_id FROM runs ORDER BY id")
        #expect(origins.map { $0["source_file"]!! } == [first, first, second, second])
        #expect(origins.map { $0["source_run_id"]!! } == ["1", "2", "1", "2"])
        // Every run's rows arrive whole and in order.
        let sources = [(first, Int64(1)), (first, 2), (second, 1), (second, 2)]
        for (mergedID, (file, sourceID)) in zip(Int64(1)..., sources) {
            let source = try ResultsDatabase(path: file)
            #expect(try merged.reads(runID: mergedID) == source.reads(runID: sourceID))
            #expect(try merged.series(runID: mergedID) == source.series(runID: sourceID))
            #expect(try merged.summary(runID: mergedID) == source.summary(runID: sourceID))
        }
        #expect(try merged.summary(runID: 4) == nil)
    }

    @Test func leavesOutACompletedRunMergedTwice() throws {
        let first = try database([(1, .plain, 5, true)])
        let second = try database([(1, .plain, 5, true), (1, .plain, 5, false), (2, .plain, 3, true)])
        let output = outputPath()
        let report = try ResultsMerge.merge([first, second], into: output)
        #expect(report.copied == 3 && report.incomplete == 1)
        #expect(report.duplicates.map(\.runID) == [1])
        #expect(report.duplicates.first?.mergedRunID == 1)
        #expect(report.duplicates.first?.description.contains("churn plain seed 1") == true)
        let merged = try ResultsDatabase(path: output)
        #expect(try merged.completedRuns().map(\.info.seed) == [1, 2])
        #expect(try merged.query("SELECT COUNT(*) AS n FROM reads").first?["n"]! == "13")
    }

    @Test func aMergedRunKeepsItsFirstOrigin() throws {
        let first = try database([(1, .plain, 2, true)])
        let middle = outputPath()
        _ = try ResultsMerge.merge([first], into: middle)
        let output = outputPath()
        _ = try ResultsMerge.merge([try database([(9, .plain, 1, true)]), middle], into: output)
        let origins = try ResultsDatabase(path: output).query("SELECT source_file, source_run_id FROM runs ORDER BY id")
        #expect(origins.last?["source_file"]!! == first)
        #expect(origins.last?["source_run_id"]!! == "1")
    }

    @Test func refusesBadInputAndLeavesNoOutput() throws {
        let good = try database([(1, .plain, 2, true)])
        let output = outputPath()
        let junk = output + ".junk"
        try FileManager.default.createDirectory(
            atPath: (junk as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data("not sqlite".utf8).write(to: URL(fileURLWithPath: junk))
        #expect(throws: ResultsMerge.MergeError.self) { try ResultsMerge.merge([good, junk], into: output) }
        #expect(throws: ResultsMerge.MergeError.self) { try ResultsMerge.merge([good, good + ".missing"], into: output) }
        #expect(!FileManager.default.fileExists(atPath: output))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: (output as NSString).deletingLastPathComponent)
        #expect(!leftovers.contains { $0.contains(".partial-") })
        // An existing output is refused and left as it was.
        _ = try ResultsMerge.merge([good], into: output)
        let size = try FileManager.default.attributesOfItem(atPath: output)[.size] as? Int
        #expect(throws: ResultsMerge.MergeError.self) { try ResultsMerge.merge([good], into: output) }
        #expect(try FileManager.default.attributesOfItem(atPath: output)[.size] as? Int == size)
    }

    @Test func migratesAnInputWrittenBeforeProvenance() throws {
        let path = ResultsDatabaseTests.temporaryPath() + ".old"
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let queue = try DatabaseQueue(path: path)
        try ResultsSchema.migrator.migrate(queue, upTo: "v3-fidelity")
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO runs (scenario_name, scenario_json, store_mode, seed, kadsim_version, started_at, completed)
                VALUES ('old', '{}', 'plain', 4, '0.1.0', '2025-01-01T00:00:00Z', 0)
                """)
        }
        try queue.close()
        let output = outputPath()
        #expect(try ResultsMerge.merge([path], into: output).incomplete == 1)
        #expect(try ResultsDatabase(path: output).runs().map(\.info.scenarioName) == ["old"])
    }
}
