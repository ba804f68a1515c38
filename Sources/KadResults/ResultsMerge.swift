import Foundation
import GRDB

/// Merges results databases (for example the shards of a sweep run on several machines) into a new one.
///
/// Runs are copied input by input in id order and numbered afresh; each keeps where it came from
/// (`runs.source_file`, `runs.source_run_id`; a run that was itself merged keeps its first origin). A completed run
/// whose scenario, store, seed and variant equal those of a completed run already merged is the same run twice: it is
/// reported and left out, so no table counts it twice. Incomplete runs are carried with `completed = 0` and counted.
/// The output is written under a temporary name and renamed when everything is in, so a failed merge leaves no file
/// that looks complete; an existing output is never overwritten.
public enum ResultsMerge {
    public struct Report: Sendable {
        /// Runs copied, completed or not.
        public var copied = 0
        /// Of those, runs that never completed.
        public var incomplete = 0
        public var duplicates: [Duplicate] = []
    }

    /// A completed run left out because an equal one was merged before it.
    public struct Duplicate: Sendable, CustomStringConvertible {
        public let file: String
        public let runID: Int64
        /// The merged run it repeats, by its id in the output.
        public let mergedRunID: Int64
        public let scenarioName: String
        public let storeMode: String
        public let seed: UInt64
        public let variant: String

        public var description: String {
            let variantText = variant.isEmpty ? "" : " \(variant)"
            return "\(file) run \(runID) (\(scenarioName) \(storeMode) seed \(seed)\(variantText)) repeats merged run \(mergedRunID)"
        }
    }

    public struct MergeError: Error, CustomStringConvertible {
        public let description: String
    }

    public static func merge(_ inputs: [String], into output: String) throws -> Report {
        guard !inputs.isEmpty else { throw MergeError(description: "no input databases") }
        guard !FileManager.default.fileExists(atPath: output) else {
            throw MergeError(description: "\(output): exists; merge writes a new file and overwrites none")
        }
        for input in inputs {
            guard FileManager.default.fileExists(atPath: input) else { throw MergeError(description: "\(input): no such file") }
            try prepare(input)
        }
        let partial = output + ".partial-\(ProcessInfo.processInfo.processIdentifier)"
        try? FileManager.default.removeItem(atPath: partial)
        do {
            let database = try ResultsDatabase(path: partial)
            var report = Report()
            try database.pool.writeWithoutTransaction { db in
                for input in inputs { try merge(input, into: db, report: &report) }
            }
            try database.pool.close()
            try FileManager.default.moveItem(atPath: partial, toPath: output)
            return report
        } catch {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: partial + suffix) }
            throw error
        }
    }

    private static func merge(_ input: String, into db: Database, report: inout Report) throws {
        try db.execute(sql: "ATTACH DATABASE ? AS source", arguments: [input])
        defer { try? db.execute(sql: "DETACH DATABASE source") }
        try db.inTransaction {
            let runColumns = try String.fetchAll(db, sql: "SELECT name FROM pragma_table_info('runs') ORDER BY cid")
                .filter { !["id", "source_file", "source_run_id"].contains($0) }
            let runs = try Row.fetchAll(db, sql: "SELECT * FROM source.runs ORDER BY id")
            for run in runs {
                let sourceID: Int64 = run["id"]
                let completed = (run["completed"] as Int) != 0
                if completed, let merged = try ResultsDatabase.firstCompletedRun(
                    in: db, schema: "main", key: [run["scenario_json"], run["store_mode"], run["seed"], run["variant"]]) {
                    let seed: Int64 = run["seed"]
                    report.duplicates.append(Duplicate(
                        file: input, runID: sourceID, mergedRunID: merged, scenarioName: run["scenario_name"],
                        storeMode: run["store_mode"], seed: UInt64(bitPattern: seed), variant: run["variant"]))
                    continue
                }
                let runID = try copyRun(sourceID, columns: runColumns, from: input, in: db)
                for (table, columns) in [
                    ("reads", Array(ResultsSchema.allReadColumns.dropFirst())),
                    ("series", Array(ResultsSchema.seriesColumns.dropFirst())),
                    ("summary", ResultsSchema.allSummaryColumns),
                ] {
                    let list = columns.joined(separator: ", ")
                    try db.execute(
                        sql: "INSERT INTO main.\(table) (run_id, \(list)) SELECT ?, \(list) FROM source.\(table) WHERE run_id = ? ORDER BY rowid",
                        arguments: [runID, sourceID])
                }
                report.copied += 1
                if !completed { report.incomplete += 1 }
            }
            return .commit
        }
    }

    /// Copies one row of `source.runs` (its `columns` but the id and origin) with a fresh id and its origin; returns
    /// the new id.
    private static func copyRun(_ sourceID: Int64, columns runColumns: [String], from input: String, in db: Database) throws -> Int64 {
        let columns = runColumns.joined(separator: ", ")
        try db.execute(sql: """
            INSERT INTO main.runs (\(columns), source_file, source_run_id)
            SELECT \(columns),
                   CASE WHEN source_file = '' THEN ? ELSE source_file END,
                   CASE WHEN source_file = '' THEN id ELSE source_run_id END
            FROM source.runs WHERE id = ?
            """, arguments: [input, sourceID])
        return db.lastInsertedRowID
    }

    /// An input must be a results database this build can read. One written by an older kadsim is migrated in place
    /// first, as any kadsim command that opens it would; one from a newer kadsim is refused.
    private static func prepare(_ input: String) throws {
        var configuration = Configuration()
        configuration.readonly = true
        let found: [String]?
        do {
            let queue = try DatabaseQueue(path: input, configuration: configuration)
            found = try queue.read { db in
                guard try db.tableExists("grdb_migrations"), try db.tableExists("runs") else { return nil }
                return try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")
            }
            try queue.close()
        } catch {
            throw MergeError(description: "\(input): not a kadsim results database (\(error))")
        }
        guard let found else { throw MergeError(description: "\(input): not a kadsim results database") }
        let known = ResultsSchema.migrator.migrations
        if let unknown = found.first(where: { !known.contains($0) }) {
            throw MergeError(description: "\(input): written by a newer kadsim (migration \(unknown) is unknown here)")
        }
        if known.contains(where: { !found.contains($0) }) { try ResultsDatabase(path: input).pool.close() }
    }
}
