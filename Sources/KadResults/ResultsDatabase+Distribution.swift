import GRDB

extension ResultsDatabase {
    /// A `reads` column whose distribution over many runs `distribution(of:runIDs:)` counts.
    public enum ReadQuantity: Sendable {
        /// Staleness age of stale reads, in milliseconds.
        case stalenessAgeMilliseconds
        /// Version lag of stale reads.
        case versionLag
        /// Read latency of every read, in milliseconds.
        case latencyMilliseconds

        var selection: (expression: String, condition: String) {
            switch self {
            case .stalenessAgeMilliseconds: ("staleness_age_us / 1000", "outcome = 'stale'")
            case .versionLag: ("version_lag", "outcome = 'stale'")
            case .latencyMilliseconds: ("latency_us / 1000", "1")
            }
        }
    }

    /// How many reads of the runs `runIDs` have each value of `quantity`, in increasing value: a histogram small
    /// enough to hold for millions of reads (values are whole milliseconds or whole versions).
    public func distribution(of quantity: ReadQuantity, runIDs: [Int64]) throws -> [(value: Int64, count: Int)] {
        guard !runIDs.isEmpty else { return [] }
        let (expression, condition) = quantity.selection
        let placeholders = Array(repeating: "?", count: runIDs.count).joined(separator: ", ")
        return try pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT \(expression) AS value, COUNT(*) AS count FROM reads
                WHERE run_id IN (\(placeholders)) AND \(condition) AND \(expression) IS NOT NULL
                GROUP BY value ORDER BY value
                """, arguments: StatementArguments(runIDs)).map { row in (row["value"], row["count"]) }
        }
    }
}
