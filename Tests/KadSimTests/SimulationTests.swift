import KademliaCore
import Testing
@testable import KadSim

@Suite struct SimulationTests {
    static func scenario(nodes: Int = 80, duration: Microseconds = 40 * Time.minute, churn: Scenario.Churn? = nil,
                         loss: Double = 0, natFraction: Double = 0, partitions: [Scenario.Partition] = []) -> Scenario {
        Scenario(
            name: "test", duration: duration, warmup: 10 * Time.minute,
            network: Scenario.Network(nodes: nodes, loss: loss, natFraction: natFraction, partitions: partitions),
            churn: churn, workload: Scenario.Workload(ownerRepublish: 5 * Time.minute, readsPerNodePerHour: 20))
    }

    static let laptopChurn = Scenario.Churn(
        stableFraction: 0.1,
        model: .sessions(session: .weibull(shape: 0.5, median: 10 * Time.minute), downtime: .weibull(shape: 0.5, median: 10 * Time.minute)),
        newAddressProbability: 0.8)

    @Test func withoutChurnOrLossTheTimestampedStoreNeverReturnsStaleOrMissing() {
        let result = Simulation(scenario: Self.scenario(), storeMode: .timestamped, seed: 3).run()
        #expect(result.summary.reads > 100)
        #expect(result.summary.staleFraction == 0)
        #expect(result.summary.missingFraction == 0)
        #expect(result.summary.reachableFraction == 1)
    }

    @Test func withoutChurnOrLossThePlainStoreNeverMisses() {
        let result = Simulation(scenario: Self.scenario(), storeMode: .plain, seed: 3).run()
        #expect(result.summary.reads > 100)
        #expect(result.summary.missingFraction == 0)
    }

    @Test func storeModesSeeIdenticalChurnAndWorkload() {
        let scenario = Self.scenario(churn: Self.laptopChurn, loss: 0.01)
        let plain = Simulation(scenario: scenario, storeMode: .plain, seed: 9).run()
        let timestamped = Simulation(scenario: scenario, storeMode: .timestamped, seed: 9).run()
        #expect(plain.churnTrace.count > 80, "nodes came and went")
        #expect(plain.churnTrace == timestamped.churnTrace)
        #expect(plain.workloadTrace == timestamped.workloadTrace)
        #expect(plain.totals.messages != timestamped.totals.messages, "the protocols themselves differ")
    }

    @Test func theSameSeedGivesTheSameResultAndAnotherSeedDoesNot() {
        let scenario = Self.scenario(churn: Self.laptopChurn, loss: 0.01)
        let first = Simulation(scenario: scenario, storeMode: .plain, seed: 4).run()
        let again = Simulation(scenario: scenario, storeMode: .plain, seed: 4).run()
        let other = Simulation(scenario: scenario, storeMode: .plain, seed: 5).run()
        #expect(first.digest == again.digest)
        #expect(first.observations == again.observations)
        #expect(first.digest != other.digest)
    }

    @Test func sparingHeadChecksCutsPingsButNotTheChurnOrWorkload() {
        var scenario = Self.scenario(nodes: 200, churn: Self.laptopChurn, loss: 0.01)
        let always = Simulation(scenario: scenario, storeMode: .timestamped, seed: 6).run()
        scenario.kademlia.headCheckAfter = 15 * Time.minute
        let spared = Simulation(scenario: scenario, storeMode: .timestamped, seed: 6).run()
        let before = always.census.requestsByOrigin[.headCheck], after = spared.census.requestsByOrigin[.headCheck]
        #expect(before > 1_000)
        #expect(after * 2 < before, "\(after) head checks with the 15-minute rule, \(before) without")
        #expect(spared.churnTrace == always.churnTrace && spared.workloadTrace == always.workloadTrace)
        #expect(spared.summary.reads > 100)
    }

    @Test func publishAfterJoinMovesOnlyThePublishes() {
        var scenario = Self.scenario(churn: Self.laptopChurn)
        let settled = Simulation(scenario: scenario, storeMode: .plain, seed: 8).run()
        scenario.workload.publishAfterJoin = 0
        let atOnce = Simulation(scenario: scenario, storeMode: .plain, seed: 8).run()
        #expect(atOnce.churnTrace == settled.churnTrace)
        #expect(atOnce.workloadTrace != settled.workloadTrace, "the publishes moved")
        #expect(atOnce.census.requestsByOrigin[.put] > 0 && settled.census.requestsByOrigin[.put] > 0)
    }

    @Test func withoutBucketRefreshOnJoinRejoinsLookUpOnlyTheirOwnID() {
        var scenario = Self.scenario(nodes: 120, churn: Self.laptopChurn)
        let paper = Simulation(scenario: scenario, storeMode: .plain, seed: 8).run()
        scenario.kademlia.refreshBucketsOnJoin = false
        let python = Simulation(scenario: scenario, storeMode: .plain, seed: 8).run()
        #expect(python.churnTrace == paper.churnTrace)
        let before = paper.census.requestsByOrigin[.refresh], after = python.census.requestsByOrigin[.refresh]
        #expect(after < before, "\(after) refresh requests without the join refresh, \(before) with it")
    }

    @Test func thePythonLibrarysWelcomeQuirksEachChangeTheTraffic() {
        var scenario = Self.scenario(nodes: 120, churn: Self.laptopChurn)
        let paper = Simulation(scenario: scenario, storeMode: .plain, seed: 8).run()
        scenario.kademlia.transferKeyHashedTwice = true
        let hashedTwice = Simulation(scenario: scenario, storeMode: .plain, seed: 8).run()
        scenario.kademlia.repeatsHeadChecks = true
        let repeatsHeadChecks = Simulation(scenario: scenario, storeMode: .plain, seed: 8).run()
        scenario.kademlia.leastRecentlySeenOrder = false
        let python = Simulation(scenario: scenario, storeMode: .plain, seed: 8).run()
        #expect(python.churnTrace == paper.churnTrace && python.workloadTrace == paper.workloadTrace)
        let transfers = [paper, hashedTwice].map { $0.census.requestsByOrigin[.recordTransfer] }
        #expect(transfers[1] != transfers[0], "hashing the key again changes which keys are handed over: \(transfers)")
        let headChecks = [hashedTwice, repeatsHeadChecks].map { $0.census.requestsByOrigin[.headCheck] }
        #expect(headChecks[1] > headChecks[0], "every message from a waiting contact pings the head: \(headChecks)")
        #expect(python.summary.deadContactShare > repeatsHeadChecks.summary.deadContactShare,
                "contacts that moved keep their old address without least-recently-seen order")
    }

    @Test func laptopChurnMakesThePlainStoreServeStaleRecords() {
        let scenario = Self.scenario(nodes: 120, duration: 70 * Time.minute, churn: Self.laptopChurn, loss: 0.01)
        let plain = Simulation(scenario: scenario, storeMode: .plain, seed: 2).run()
        let timestamped = Simulation(scenario: scenario, storeMode: .timestamped, seed: 2).run()
        #expect(plain.summary.staleFraction > 0.01)
        #expect(timestamped.summary.staleFraction < plain.summary.staleFraction)
        #expect(plain.summary.meanOnlineNodes < 120)
        #expect(plain.summary.stalenessAgeMax > 0)
        // Reads a node answers from its own copy, counted per read and in the summary.
        let own = plain.observations.filter(\.fromOwnCopy)
        #expect(!own.isEmpty && own.allSatisfy { $0.messages == 0 && $0.hops == 0 }, "the plain store answers from its copy without a lookup")
        #expect(plain.summary.ownCopyFraction == Double(own.count) / Double(plain.observations.count))
        #expect(plain.summary.ownCopyStaleFraction == Double(own.filter { $0.outcome == .stale }.count) / Double(own.count))
        #expect(timestamped.summary.ownCopyFraction < plain.summary.ownCopyFraction)
    }

    @Test func deadContactSamplesFollowTheirIntervalAndAShortRunHasNone() {
        // 30 measured minutes.
        var scenario = Self.scenario(churn: Self.laptopChurn)
        let standard = Simulation(scenario: scenario, storeMode: .plain, seed: 5).run()
        #expect(standard.summary.deadContactSamples == 3)
        scenario.deadContactSampleInterval = Time.minute
        let everyMinute = Simulation(scenario: scenario, storeMode: .plain, seed: 5).run()
        #expect(everyMinute.summary.deadContactSamples == 30)
        scenario.deadContactSampleInterval = Time.hour
        let tooShort = Simulation(scenario: scenario, storeMode: .plain, seed: 5).run()
        #expect(tooShort.summary.deadContactSamples == 0 && tooShort.summary.deadContactShare == 0)
        #expect(everyMinute.observations == standard.observations && tooShort.observations == standard.observations,
                "sampling reads tables and changes nothing")
    }

    @Test func aPartitionCutsNodesOffForItsDuration() {
        let cut = Self.scenario(partitions: [Scenario.Partition(at: 15 * Time.minute, duration: 20 * Time.minute, fraction: 0.5)])
        let whole = Simulation(scenario: Self.scenario(), storeMode: .timestamped, seed: 6).run()
        let split = Simulation(scenario: cut, storeMode: .timestamped, seed: 6).run()
        #expect(whole.summary.missingFraction == 0)
        #expect(split.summary.missingFraction + split.summary.staleFraction > 0, "readers on the far side lose records")
        #expect(split.summary.reachableFraction < whole.summary.reachableFraction)
    }

    @Test func natNodesDropUnsolicitedRequestsSoLookupsTimeOutOnThem() {
        let open = Simulation(scenario: Self.scenario(), storeMode: .timestamped, seed: 8).run()
        let behindNAT = Simulation(scenario: Self.scenario(natFraction: 0.5), storeMode: .timestamped, seed: 8).run()
        #expect(open.summary.latencyP99 < 5_000, "no request goes unanswered on an open network")
        #expect(behindNAT.summary.latencyP99 >= 5_000, "requests to NAT nodes that never contacted the reader time out")
    }

    @Test func traceReplayDrivesChurn() {
        let trace = ChurnTrace(path: "inline", events: [
            .init(time: 12 * Time.minute, node: 3, isUp: false),
            .init(time: 20 * Time.minute, node: 3, isUp: true),
            .init(time: 14 * Time.minute, node: 5, isUp: false),
        ])
        let scenario = Self.scenario(nodes: 40, churn: Scenario.Churn(model: .trace(trace)))
        let simulation = Simulation(scenario: scenario, storeMode: .plain, seed: 1)
        let result = simulation.run()
        #expect(simulation.status[3].isOnline)
        #expect(!simulation.status[5].isOnline)
        #expect(simulation.nodes[3].session == 2)
        // 40 initial joins, two departures and one return.
        #expect(result.churnTrace.count == 43)
    }

    @Test func traceRowsDecideWhetherARejoinMoves() {
        let trace = ChurnTrace(path: "inline", events: [
            .init(time: 12 * Time.minute, node: 3, isUp: false),
            .init(time: 20 * Time.minute, node: 3, isUp: true, address: .same),
            .init(time: 12 * Time.minute, node: 5, isUp: false),
            .init(time: 20 * Time.minute, node: 5, isUp: true, address: .new),
        ])
        // Every unspecified rejoin would move: the rows alone decide.
        let scenario = Self.scenario(nodes: 40, churn: Scenario.Churn(model: .trace(trace), newAddressProbability: 1))
        let simulation = Simulation(scenario: scenario, storeMode: .plain, seed: 1)
        let before = (simulation.nodes[3].core.address, simulation.nodes[5].core.address)
        _ = simulation.run()
        #expect(simulation.nodes[3].session == 2 && simulation.nodes[5].session == 2)
        #expect(simulation.nodes[3].core.address == before.0)
        #expect(simulation.nodes[5].core.address != before.1)
    }

    @Test func peakOnlineCountsTheMostNodesUpAtOnce() {
        let steady = Simulation(scenario: Self.scenario(), storeMode: .plain, seed: 3).run()
        #expect(steady.totals.peakOnlineNodes == 80)
        #expect(steady.totals.nodeCount == 80)
        let churned = Simulation(scenario: Self.scenario(churn: Self.laptopChurn), storeMode: .plain, seed: 3).run()
        #expect(churned.totals.peakOnlineNodes <= 80)
        #expect(Double(churned.totals.peakOnlineNodes) >= churned.summary.meanOnlineNodes)
    }

    @Test func joinsFiftyMillisecondsApartLeaveMostNodesOfAShortRunOffline() {
        var scenario = Self.scenario(duration: Time.second)
        scenario.warmup = 0
        let result = Simulation(scenario: scenario, storeMode: .plain, seed: 1).run()
        // Joins at 0, 50, …, 1000 ms.
        #expect(result.totals.peakOnlineNodes == 21)
        #expect(result.totals.nodeCount == 80)
    }

    @Test func joinOverSpreadsEveryInitialJoinOverItsTime() {
        var scenario = Self.scenario(duration: Time.second)
        scenario.warmup = 0
        scenario.network.joinOver = Time.second
        let result = Simulation(scenario: scenario, storeMode: .plain, seed: 1).run()
        #expect(result.totals.peakOnlineNodes == 80, "the last node joins at 79/80 s")
        scenario.network.joinOver = 500 * Time.millisecond
        let simulation = Simulation(scenario: scenario, storeMode: .plain, seed: 1)
        #expect(simulation.initialJoinTime(of: 0) == 0)
        #expect(simulation.initialJoinTime(of: 40) == 250 * Time.millisecond)
        #expect(simulation.initialJoinTime(of: 79) == 493_750)
    }

    @Test func joinOverAtTheDefaultSpacingGivesTheSameRun() {
        // 80 nodes and 10 minutes of warm-up: the default spacing is 50 ms, so 4 s spreads the joins the same way.
        let spaced = Simulation(scenario: Self.scenario(churn: Self.laptopChurn), storeMode: .plain, seed: 5).run()
        var scenario = Self.scenario(churn: Self.laptopChurn)
        scenario.network.joinOver = 4 * Time.second
        let spread = Simulation(scenario: scenario, storeMode: .plain, seed: 5).run()
        #expect(spread.digest == spaced.digest)
        #expect(spread.churnTrace == spaced.churnTrace)
    }
}
