import GRDB
import KadSim

/// Tables, columns and migrations of the results database. The README's "Results database" gives the schema in prose.
enum ResultsSchema {
    /// `summary` columns, one per `RunSummary` metric, in `RunSummary.metricNames` order.
    /// Written out (not derived) so migration v1 never changes; a test checks it against `RunSummary`.
    static let summaryColumns: [String] = [
        "reads", "fresh_fraction", "stale_fraction", "missing_fraction", "reachable_fraction",
        "staleness_age_p50", "staleness_age_p90", "staleness_age_p99", "staleness_age_max", "version_lag_mean",
        "latency_p50", "latency_p99", "hops_mean", "messages_per_read", "messages_per_node_per_second",
        "bytes_per_node_per_second", "mean_online_nodes", "dead_contact_share",
    ]

    /// Columns migration v2 adds to `summary`, one per `RunSummary.poisoningMetricNames` entry.
    static let poisoningSummaryColumns: [String] = [
        "forged_fraction", "rollback_fraction", "poisoned_read_fraction", "lookup_success",
        "signatures_verified_per_node_per_second",
    ]

    /// Columns migration v3 adds to `summary`, one per `RunSummary.fidelityMetricNames` entry.
    static let fidelitySummaryColumns: [String] = ["own_copy_fraction", "own_copy_stale_fraction", "dead_contact_samples"]

    /// Every `summary` column after the migrations, in `RunSummary.allMetricNames` order.
    static let allSummaryColumns = summaryColumns + poisoningSummaryColumns + fidelitySummaryColumns

    /// Summary columns holding counts rather than fractions or rates.
    static let integerSummaryColumns: Set<String> = ["reads", "dead_contact_samples"]

    static let readColumns = [
        "run_id", "time_us", "reader", "owner", "outcome", "returned_version", "latest_version", "version_lag",
        "staleness_age_us", "reaches_owner", "latency_us", "hops", "messages",
    ]

    /// `reads` columns after the migrations (v2 adds `rollback`, v3 `from_own_copy`).
    static let allReadColumns = readColumns + ["rollback", "from_own_copy"]

    static let seriesColumns = ["run_id", "minute", "online_nodes", "reads", "stale_reads", "missing_reads"]

    /// `staleFraction` → `stale_fraction`, `latencyP99` → `latency_p99`.
    static func columnName(forMetric metric: String) -> String {
        var result = ""
        for character in metric {
            if character.isUppercase {
                result += "_" + character.lowercased()
            } else {
                result.append(character)
            }
        }
        return result
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.create(table: "runs") { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("scenario_name", .text).notNull()
                table.column("scenario_json", .text).notNull()
                table.column("store_mode", .text).notNull()
                table.column("seed", .integer).notNull()
                table.column("kadsim_version", .text).notNull()
                table.column("started_at", .text).notNull()
                table.column("wall_seconds", .double)
                table.column("events", .integer)
                table.column("completed", .integer).notNull().defaults(to: 0)
                table.column("error", .text)
            }
            try db.create(table: "reads") { table in
                table.column("run_id", .integer).notNull().references("runs", onDelete: .cascade)
                table.column("time_us", .integer).notNull()
                table.column("reader", .integer).notNull()
                table.column("owner", .integer).notNull()
                table.column("outcome", .text).notNull()
                table.column("returned_version", .integer)
                table.column("latest_version", .integer).notNull()
                table.column("version_lag", .integer)
                table.column("staleness_age_us", .integer)
                table.column("reaches_owner", .integer).notNull()
                table.column("latency_us", .integer).notNull()
                table.column("hops", .integer).notNull()
                table.column("messages", .integer).notNull()
            }
            try db.create(index: "reads_run_outcome", on: "reads", columns: ["run_id", "outcome"])
            try db.create(index: "reads_run_owner", on: "reads", columns: ["run_id", "owner"])
            try db.create(table: "series") { table in
                table.column("run_id", .integer).notNull().references("runs", onDelete: .cascade)
                table.column("minute", .integer).notNull()
                table.column("online_nodes", .integer).notNull()
                table.column("reads", .integer).notNull()
                table.column("stale_reads", .integer).notNull()
                table.column("missing_reads", .integer).notNull()
            }
            try db.create(index: "series_run_minute", on: "series", columns: ["run_id", "minute"])
            try db.create(table: "summary") { table in
                table.primaryKey("run_id", .integer).references("runs", onDelete: .cascade)
                for column in summaryColumns {
                    table.column(column, column == "reads" ? .integer : .double).notNull()
                }
            }
        }
        migrator.registerMigration("v2-poisoning") { db in
            try db.alter(table: "summary") { table in
                for column in poisoningSummaryColumns {
                    table.add(column: column, .double).notNull().defaults(to: 0)
                }
            }
            try db.alter(table: "reads") { table in
                table.add(column: "rollback", .integer).notNull().defaults(to: 0)
            }
            try db.alter(table: "runs") { table in
                // The lookup and attack a run used, e.g. "d=3 q=2 eclipse 0.2"; empty for plain lookups, no attack.
                table.add(column: "variant", .text).notNull().defaults(to: "")
            }
        }
        migrator.registerMigration("v3-fidelity") { db in
            try db.alter(table: "summary") { table in
                for column in fidelitySummaryColumns {
                    table.add(column: column, integerSummaryColumns.contains(column) ? .integer : .double).notNull().defaults(to: 0)
                }
            }
            try db.alter(table: "reads") { table in
                table.add(column: "from_own_copy", .integer).notNull().defaults(to: 0)
            }
        }
        migrator.registerMigration("v4-provenance") { db in
            try db.alter(table: "runs") { table in
                // Where a merged run came from (`kadsim merge`): the input file as given, and its id there.
                table.add(column: "source_file", .text).notNull().defaults(to: "")
                table.add(column: "source_run_id", .integer)
            }
        }
        return migrator
    }
}
