import Foundation
import GRDB
import KadSim
import KademliaCore

/// The SQLite file that `kadsim run` and `kadsim sweep` write results to; many runs share one file.
///
/// Life of a run: `beginRun` inserts it with `completed = 0`; the simulator appends reads and series in batches
/// (one transaction per call; about 10k rows a call is a good size); `completeRun` writes the summary and sets
/// `completed = 1` in one transaction. A run that was interrupted (crash, kill, `failRun`) therefore never has
/// `completed = 1` nor a summary row. Opened in WAL mode with a busy timeout, so several processes can append.
public final class ResultsDatabase: Sendable {
    /// Seconds a writer waits for another process's transaction before failing.
    public static let busyTimeoutSeconds: TimeInterval = 30

    let pool: DatabasePool

    /// A results directory that cannot be made, said in one plain line (not Foundation's error dump).
    public struct DirectoryError: Error, CustomStringConvertible {
        public let description: String
    }

    private static func makeDirectory(_ directory: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw DirectoryError(description: "\(directory) exists and is not a directory") }
            return
        }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
            let reason = underlying?.domain == NSPOSIXErrorDomain ? String(cString: strerror(Int32(underlying!.code))) : "\(type(of: error))"
            throw DirectoryError(description: "cannot create directory \(directory): \(reason)")
        }
    }

    /// Opens the database at `path`, creating the file and its parent directory if needed, and migrates it.
    ///
    /// Processes that open the same new file at once would each find it unmigrated and race to create the tables;
    /// so creating and migrating happen under an exclusive lock on the file's directory (`flock`, which SQLite's
    /// own locks on the file never see).
    public init(path: String) throws {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty { try Self.makeDirectory(directory) }
        var configuration = Configuration()
        configuration.busyMode = .timeout(Self.busyTimeoutSeconds)
        pool = try Self.whileHoldingLock(on: directory.isEmpty ? "." : directory) {
            let pool = try DatabasePool(path: path, configuration: configuration)
            try ResultsSchema.migrator.migrate(pool)
            return pool
        }
    }

    private static func whileHoldingLock<T>(on directory: String, _ body: () throws -> T) throws -> T {
        let descriptor = open(directory, O_RDONLY | O_DIRECTORY)
        guard descriptor >= 0 else {
            throw DirectoryError(description: "cannot open directory \(directory): \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else {
                throw DirectoryError(description: "cannot lock directory \(directory): \(String(cString: strerror(errno)))")
            }
        }
        defer { flock(descriptor, LOCK_UN) }
        return try body()
    }

    /// Inserts a run with `completed = 0` and returns its id. Seeds above `Int64.max` are stored as their
    /// two's-complement bit pattern and read back unchanged.
    public func beginRun(_ info: RunInfo) throws -> Int64 {
        try pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO runs (scenario_name, scenario_json, store_mode, seed, kadsim_version, started_at, completed)
                    VALUES (?, ?, ?, ?, ?, ?, 0)
                    """,
                arguments: [info.scenarioName, info.scenarioJSON, info.storeMode.rawValue, Int64(bitPattern: info.seed),
                            info.kadsimVersion, info.startedAt])
            return db.lastInsertedRowID
        }
    }

    /// Appends read observations to run `runID` in one transaction.
    public func append(reads: [ReadObservation], runID: Int64) throws {
        guard !reads.isEmpty else { return }
        try pool.write { db in
            let statement = try db.makeStatement(sql: Self.insertSQL(table: "reads", columns: ResultsSchema.allReadColumns))
            for read in reads {
                try statement.execute(arguments: [
                    runID, read.time, read.reader, read.owner, read.outcome.rawValue, read.returnedVersion,
                    read.latestVersion, read.versionLag, read.stalenessAge, read.reachesOwner ? 1 : 0, read.latency,
                    read.hops, read.messages, read.rollback ? 1 : 0, read.fromOwnCopy ? 1 : 0,
                ])
            }
        }
    }

    /// Appends time-series points to run `runID` in one transaction.
    public func append(series: [SeriesPoint], runID: Int64) throws {
        guard !series.isEmpty else { return }
        try pool.write { db in
            let statement = try db.makeStatement(sql: Self.insertSQL(table: "series", columns: ResultsSchema.seriesColumns))
            for point in series {
                try statement.execute(arguments: [
                    runID, point.minute, point.onlineNodes, point.reads, point.staleReads, point.missingReads,
                ])
            }
        }
    }

    /// Writes the summary, wall time and event count and sets `completed = 1`, all in one transaction.
    /// Throws `ResultsDatabaseError.unknownRun` or `.alreadyCompleted` (and changes nothing) on misuse.
    public func completeRun(runID: Int64, summary: RunSummary, wallSeconds: Double, events: Int) throws {
        try pool.write { db in
            guard let completed = try Int.fetchOne(db, sql: "SELECT completed FROM runs WHERE id = ?", arguments: [runID]) else {
                throw ResultsDatabaseError.unknownRun(runID)
            }
            if completed != 0 { throw ResultsDatabaseError.alreadyCompleted(runID) }
            var values: [(any DatabaseValueConvertible)?] = [runID]
            for (name, column) in zip(RunSummary.allMetricNames, ResultsSchema.allSummaryColumns) {
                let value = summary.value(of: name)!
                values.append(ResultsSchema.integerSummaryColumns.contains(column) ? Int(value) : value)
            }
            try db.execute(
                sql: Self.insertSQL(table: "summary", columns: ["run_id"] + ResultsSchema.allSummaryColumns),
                arguments: StatementArguments(values))
            try db.execute(
                sql: "UPDATE runs SET completed = 1, wall_seconds = ?, events = ?, error = NULL WHERE id = ?",
                arguments: [wallSeconds, events, runID])
        }
    }

    /// Records why a run stopped. The run stays `completed = 0`.
    public func failRun(runID: Int64, error: String) throws {
        try pool.write { db in
            try db.execute(sql: "UPDATE runs SET error = ? WHERE id = ? AND completed = 0", arguments: [error, runID])
            if db.changesCount == 0 {
                if try Int.fetchOne(db, sql: "SELECT completed FROM runs WHERE id = ?", arguments: [runID]) == nil {
                    throw ResultsDatabaseError.unknownRun(runID)
                }
                throw ResultsDatabaseError.alreadyCompleted(runID)
            }
        }
    }

    // MARK: - Reading

    /// Every run, completed or not, in id order.
    public func runs() throws -> [StoredRun] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM runs ORDER BY id").map(Self.storedRun)
        }
    }

    /// Completed runs in id order.
    public func completedRuns() throws -> [StoredRun] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM runs WHERE completed = 1 ORDER BY id").map(Self.storedRun)
        }
    }

    /// One run, or nil if there is no such id.
    public func run(id: Int64) throws -> StoredRun? {
        try pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM runs WHERE id = ?", arguments: [id]).map(Self.storedRun)
        }
    }

    /// The summary of a completed run; nil for a run that never completed.
    public func summary(runID: Int64) throws -> RunSummary? {
        try pool.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM summary WHERE run_id = ?", arguments: [runID]) else {
                return nil
            }
            var summary = RunSummary()
            for (name, column) in zip(RunSummary.allMetricNames, ResultsSchema.allSummaryColumns) {
                summary.setValue(row[column], of: name)
            }
            return summary
        }
    }

    /// The reads of a run in insertion order.
    public func reads(runID: Int64) throws -> [ReadObservation] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM reads WHERE run_id = ? ORDER BY rowid", arguments: [runID]).map { row in
                let outcomeText: String = row["outcome"]
                guard let outcome = ReadOutcome(rawValue: outcomeText) else {
                    throw ResultsDatabaseError.corruptRow(table: "reads", detail: "outcome \(outcomeText)")
                }
                return ReadObservation(
                    time: row["time_us"], reader: row["reader"], owner: row["owner"], outcome: outcome,
                    returnedVersion: row["returned_version"], latestVersion: row["latest_version"],
                    versionLag: row["version_lag"], stalenessAge: row["staleness_age_us"],
                    reachesOwner: (row["reaches_owner"] as Int) != 0, latency: row["latency_us"], hops: row["hops"],
                    messages: row["messages"], rollback: (row["rollback"] as Int) != 0,
                    fromOwnCopy: (row["from_own_copy"] as Int) != 0)
            }
        }
    }

    /// The time series of a run ordered by minute.
    public func series(runID: Int64) throws -> [SeriesPoint] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM series WHERE run_id = ? ORDER BY minute, rowid", arguments: [runID]).map { row in
                SeriesPoint(
                    minute: row["minute"], onlineNodes: row["online_nodes"], reads: row["reads"],
                    staleReads: row["stale_reads"], missingReads: row["missing_reads"])
            }
        }
    }

    /// Runs a read-only SQL query and returns each row as column name → text (NULL as nil), for tools and tests.
    /// Integers and reals are rendered as Swift prints them (`3`, `0.425`), blobs as lowercase hex.
    public func query(_ sql: String) throws -> [[String: String?]] {
        try pool.read { db in
            try Row.fetchAll(db, sql: sql).map { row in
                var result: [String: String?] = [:]
                for (column, value) in row {
                    result[column] = Self.text(value)
                }
                return result
            }
        }
    }

    static func text(_ value: DatabaseValue) -> String? {
        switch value.storage {
        case .null: nil
        case .int64(let integer): String(integer)
        case .double(let real): String(real)
        case .string(let string): string
        case .blob(let data): data.map { String(format: "%02x", $0) }.joined()
        }
    }

    // MARK: - Helpers

    static func insertSQL(table: String, columns: [String]) -> String {
        let placeholders = Array(repeating: "?", count: columns.count).joined(separator: ", ")
        return "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(placeholders))"
    }

    static func storedRun(_ row: Row) throws -> StoredRun {
        let storeText: String = row["store_mode"]
        guard let storeMode = StoreMode(rawValue: storeText) else {
            throw ResultsDatabaseError.corruptRow(table: "runs", detail: "store_mode \(storeText)")
        }
        let seed: Int64 = row["seed"]
        let info = RunInfo(
            scenarioName: row["scenario_name"], scenarioJSON: row["scenario_json"], storeMode: storeMode,
            seed: UInt64(bitPattern: seed), kadsimVersion: row["kadsim_version"], startedAt: row["started_at"])
        return StoredRun(
            id: row["id"], info: info, wallSeconds: row["wall_seconds"], events: row["events"],
            completed: (row["completed"] as Int) != 0, error: row["error"], variant: row["variant"])
    }
}
