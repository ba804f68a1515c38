import ArgumentParser
import KadResults

/// `--shard I/N` and `--from DB`, shared by `compare`, `check` and `sweep`: run one share of the jobs on this machine,
/// or compute the tables from runs stored before (for example shards merged with `kadsim merge`).
struct ShardingOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Run only share I of N of the runs (1 ≤ I ≤ N), for N processes on N machines, each with its own --db; prints no table (merge the databases, then use --from).",
        valueName: "i/n"))
    var shard: String?

    @Option(help: ArgumentHelp("Compute the tables from the runs stored in this database instead of simulating (e.g. merged shards).", valueName: "path"))
    var from: String?

    var parsedShard: Shard? { shard.flatMap(Shard.init) }

    func validate() throws {
        if let shard, Shard(shard) == nil { throw ValidationError("--shard \(shard): expected I/N with 1 ≤ I ≤ N, such as 2/3") }
        if from != nil, shard != nil { throw ValidationError("--from reads stored runs: it takes no --shard") }
    }

    /// What a shard prints instead of the tables.
    func printShardDone(_ shard: Shard, wrote count: Int, of total: Int, database: String) {
        Console.line("shard \(shard): \(count) of \(total) runs written; merge the shards' databases (kadsim merge), then rerun with --from MERGED")
        Console.line("database \(database)")
    }
}
