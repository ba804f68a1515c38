import Foundation
import KadSim
import KademliaCore
import Testing

@testable import KadResults

@Suite struct ShardedSweepTests {
    @Test func shardsParseAndPartitionTheJobs() {
        #expect(Shard("2/3") == Shard(index: 2, count: 3))
        for bad in ["0/3", "4/3", "1/0", "3", "a/b", "1/2/3", "-1/2"] { #expect(Shard(bad) == nil, "\(bad)") }
        let shards = (1...3).map { Shard(index: $0, count: 3)! }
        for job in 0..<20 { #expect(shards.filter { $0.contains(job: job) }.count == 1) }
    }

    func runner() -> SweepRunner {
        let scenario = Scenario(
            name: "shards", duration: 15 * Time.minute, warmup: 5 * Time.minute, stores: [.plain, .timestamped],
            network: Scenario.Network(nodes: 20, latency: .constant(20 * Time.millisecond)), kademlia: Scenario.Kademlia(k: 5),
            workload: Scenario.Workload(readsPerNodePerHour: 60, userFraction: 0.5),
            adversary: Scenario.Adversary(kind: .versionInflation, size: .fraction(0)))
        return SweepRunner(
            scenario: scenario, axes: [SweepRunner.Axis(assignment: "adversary.fraction=0,0.2")!], seeds: [1, 2],
            variants: SweepVariant.grid(stores: scenario.stores, lookups: [(1, 1)]))
    }

    @Test func shardsMergedGiveTheSweepRunInOneProcess() throws {
        let runner = runner()
        let whole = try runner.run(database: nil, kadsimVersion: "test", startedAt: { "2025-01-01T00:00:00Z" })
        var shardFiles: [String] = []
        var shardRuns = 0
        for index in 1...3 {
            let path = ResultsDatabaseTests.temporaryPath()
            let database = try ResultsDatabase(path: path)
            let part = try runner.run(
                database: database, kadsimVersion: "test", startedAt: { "2025-01-01T00:00:00Z" }, shard: Shard(index: index, count: 3))
            shardRuns += part.runs.count
            try database.pool.close()
            shardFiles.append(path)
        }
        #expect(shardRuns == whole.runs.count)
        let merged = ResultsDatabaseTests.temporaryPath() + ".merged"
        #expect(try ResultsMerge.merge(shardFiles, into: merged).copied == whole.runs.count)
        let stored = try runner.stored(in: try ResultsDatabase(path: merged))
        #expect(stored.report() == whole.report())
        #expect(Set(stored.runs) == Set(whole.runs))
    }

    @Test func aShardAloneIsMissingTheOthersRuns() throws {
        let runner = runner()
        let database = try ResultsDatabase(path: ResultsDatabaseTests.temporaryPath())
        _ = try runner.run(database: database, kadsimVersion: "test", startedAt: { "" }, shard: Shard(index: 1, count: 2))
        #expect {
            try runner.stored(in: database)
        } throws: { error in
            guard case SweepError.missingRuns(let labels) = error else { return false }
            // Shard 1 of 2 took every even job: the plain variant of each row and seed.
            return labels == [
                "timestamped adversary.fraction=0 seed 1", "timestamped adversary.fraction=0 seed 2",
                "timestamped adversary.fraction=0.2 seed 1", "timestamped adversary.fraction=0.2 seed 2",
            ]
        }
    }
}

@Suite struct SweepLabelTests {
    @Test func labelsReadBackAsTheyWereWritten() throws {
        let cases: [(SweepVariant, [String: String])] = [
            (SweepVariant(store: .plain), ["adversary.fraction": "0.2"]),
            (SweepVariant(store: .signed, disjointPaths: 3, quorum: 2), ["adversary.fraction": "0", "network.loss": "0.05"]),
        ]
        for (variant, row) in cases {
            let text = SweepLabel.text(row: row, variant: variant)
            let parsed = try #require(SweepLabel.parse(text))
            #expect(parsed.variant == variant)
            #expect(parsed.row == row)
        }
        #expect(SweepLabel.text(row: ["b": "1", "a": "2"], variant: SweepVariant(store: .timestamped)) == "timestamped a=2 b=1")
        for bad in ["", "unknown a=1", "plain =1", "plain a"] { #expect(SweepLabel.parse(bad) == nil, "\(bad)") }
    }
}
