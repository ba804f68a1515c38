import GRDB
import KademliaCore

extension ResultsDatabase {
    /// Labels run `runID` with the lookup and attack it used (`runs.variant`, migration v2), e.g.
    /// `"signed d=3 q=2 adversary.fraction=0.2"`.
    public func setVariant(runID: Int64, variant: String) throws {
        try pool.write { db in
            try db.execute(sql: "UPDATE runs SET variant = ? WHERE id = ?", arguments: [variant, runID])
            if db.changesCount == 0 { throw ResultsDatabaseError.unknownRun(runID) }
        }
    }

    /// The earliest completed run with this scenario JSON, store, seed and variant, if any.
    public func firstCompletedRun(scenarioJSON: String, store: StoreMode, seed: UInt64, variant: String) throws -> Int64? {
        try pool.read { db in
            try Self.firstCompletedRun(
                in: db, schema: "main", key: [scenarioJSON, store.rawValue, Int64(bitPattern: seed), variant])
        }
    }

    /// `firstCompletedRun` on a connection, in the attached database `schema`; `key` is (scenario JSON, store, seed as
    /// stored, variant).
    static func firstCompletedRun(in db: Database, schema: String, key: StatementArguments) throws -> Int64? {
        try Int64.fetchOne(db, sql: """
            SELECT id FROM \(schema).runs WHERE completed = 1 AND scenario_json = ? AND store_mode = ? AND seed = ? AND variant = ?
            ORDER BY id LIMIT 1
            """, arguments: key)
    }
}
