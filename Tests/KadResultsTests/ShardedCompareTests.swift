import Foundation
import KadSim
import KademliaCore
import Testing

@testable import KadResults

@Suite struct ShardedCompareTests {
    typealias Runner = ExperimentRunnerTests

    @Test func shardsMergedGiveTheComparisonAndChecksOfOneProcess() throws {
        let stores: [StoreMode] = [.plain, .timestamped], seeds: [UInt64] = [1, 2]
        var files: [String] = []
        var written: [[UInt64]] = []
        for index in 1...3 {
            let path = Runner.temporaryPath()
            let database = try ResultsDatabase(path: path)
            let runs = try ExperimentRunner(scenario: Runner.tiny, database: database, clock: Runner.fixedClock)
                .run(stores: stores, seeds: seeds, shard: Shard(index: index, count: 3))
            written.append(runs.map(\.seed))
            try database.pool.close()
            files.append(path)
        }
        // Jobs in order (seed 1 plain, seed 1 timestamped, seed 2 plain, seed 2 timestamped), dealt round-robin.
        #expect(written == [[1, 2], [1], [2]])
        let merged = Runner.temporaryPath() + ".merged"
        _ = try ResultsMerge.merge(files, into: merged)
        let (stored, missing) = try ResultsDatabase(path: merged).storedRuns(of: Runner.tiny, stores: stores, seeds: seeds)
        #expect(missing.isEmpty)
        #expect(stored.map(\.storeMode) == Runner.tinyRuns.map(\.storeMode))
        #expect(stored.map(\.summary) == Runner.tinyRuns.map(\.summary))
        #expect(StoreComparison(runs: stored).table() == StoreComparison(runs: Runner.tinyRuns).table())
        #expect(StoreComparison(runs: stored).differenceTable() == StoreComparison(runs: Runner.tinyRuns).differenceTable())
        let bounds = [Scenario.Bound(metric: "staleFraction", store: nil, max: 0.5)]
        #expect(ExpectationCheck(bounds: bounds, runs: stored).outcomes == ExpectationCheck(bounds: bounds, runs: Runner.tinyRuns).outcomes)
    }

    @Test func aShardAloneLacksTheOthersRuns() throws {
        let path = Runner.temporaryPath()
        let database = try ResultsDatabase(path: path)
        _ = try ExperimentRunner(scenario: Runner.tiny, database: database, clock: Runner.fixedClock)
            .run(stores: [.plain, .timestamped], seeds: [1, 2], shard: Shard(index: 2, count: 2))
        let (stored, missing) = try database.storedRuns(of: Runner.tiny, stores: [.plain, .timestamped], seeds: [1, 2])
        #expect(stored.map(\.storeMode) == [.timestamped, .timestamped])
        #expect(missing.map(\.store) == [.plain, .plain] && missing.map(\.seed) == [1, 2])
    }
}
