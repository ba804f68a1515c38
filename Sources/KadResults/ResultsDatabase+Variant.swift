import GRDB

extension ResultsDatabase {
    /// Labels run `runID` with the lookup and attack it used (`runs.variant`, migration v2), e.g.
    /// `"signed d=3 q=2 adversary.fraction=0.2"`.
    public func setVariant(runID: Int64, variant: String) throws {
        try pool.write { db in
            try db.execute(sql: "UPDATE runs SET variant = ? WHERE id = ?", arguments: [variant, runID])
            if db.changesCount == 0 { throw ResultsDatabaseError.unknownRun(runID) }
        }
    }
}
