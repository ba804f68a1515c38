import KademliaCore
import Testing
@testable import KadSim

@Suite struct WarmStartTests {
    static func scenario(nodes: Int, k: Int = 20, duration: Microseconds, warmup: Microseconds = 0, churn: Scenario.Churn? = nil) -> Scenario {
        var scenario = Scenario(
            name: "warm", duration: duration, warmup: warmup,
            network: Scenario.Network(nodes: nodes, start: .warm),
            churn: churn, workload: Scenario.Workload(ownerRepublish: 5 * Time.minute, readsPerNodePerHour: 20))
        scenario.kademlia.k = k
        scenario.kademlia.alpha = min(3, k)
        return scenario
    }

    @Test func everyBucketHoldsUpToKNodesOfItsIdRange() {
        let k = 4
        let simulation = Simulation(scenario: Self.scenario(nodes: 150, k: k, duration: 1), storeMode: .plain, seed: 2)
        _ = simulation.run()
        let ids = simulation.nodes.map(\.core.id)
        for node in simulation.nodes {
            var available = Array(repeating: 0, count: NodeID.bitCount + 1)
            for id in ids where id != node.core.id { available[node.core.id.commonPrefixLength(with: id)] += 1 }
            var filled = Array(repeating: 0, count: NodeID.bitCount + 1)
            for contact in node.core.routingTable.contacts {
                filled[node.core.id.commonPrefixLength(with: contact.id)] += 1
                let holder = simulation.owner(of: contact.address)
                #expect(holder.map { simulation.nodes[$0].core.id } == contact.id, "a live node at its current address")
            }
            #expect(filled == available.map { min($0, k) })
        }
    }

    @Test func everyNodeIsOnlineAtOnceWithoutAJoin() {
        let result = Simulation(scenario: Self.scenario(nodes: 80, duration: Time.second), storeMode: .plain, seed: 1).run()
        #expect(result.totals.peakOnlineNodes == 80)
        #expect(result.census.requestsByOrigin[.join] == 0)
        #expect(result.churnTrace.count == 80)
    }

    @Test func aWarmNetworkAnswersReadsFromTheStart() {
        let scenario = Self.scenario(nodes: 100, duration: 20 * Time.minute, warmup: 5 * Time.minute)
        let result = Simulation(scenario: scenario, storeMode: .timestamped, seed: 4).run()
        #expect(result.summary.reads > 100)
        #expect(result.summary.missingFraction == 0)
        #expect(result.summary.staleFraction == 0)
        #expect(result.census.requestsByOrigin[.join] == 0)
    }

    @Test func everyOwnersFirstRecordStartsOnItsKClosestNodes() {
        let k = 5
        let simulation = Simulation(scenario: Self.scenario(nodes: 120, k: k, duration: Time.second), storeMode: .timestamped, seed: 5)
        _ = simulation.run()
        #expect(simulation.users.count > 50)
        for owner in simulation.users {
            let key = simulation.userKeys[owner]!
            let closest = simulation.nodes.indices.sorted {
                simulation.nodes[$0].core.id.distance(to: key) < simulation.nodes[$1].core.id.distance(to: key)
            }.prefix(k)
            let holders = simulation.nodes.indices.filter { simulation.nodes[$0].core.storedRecord(for: key, now: 0) != nil }
            #expect(holders == closest.sorted())
            let record = simulation.nodes[closest.first!].core.storedRecord(for: key, now: 0)
            #expect(record?.stamp?.version == 0)
            #expect(record.flatMap { PresenceValue($0.value, port: Simulation.port) }?.sequence == 0)
            #expect(simulation.oracle.latestCompleted(of: owner) == 0)
        }
    }

    @Test func ownersFirstRepublishesAreSpreadOverOneInterval() {
        // ownerRepublish is 5 minutes: after one minute about a fifth of the owners have published again.
        let simulation = Simulation(scenario: Self.scenario(nodes: 300, duration: Time.minute), storeMode: .plain, seed: 6)
        _ = simulation.run()
        let republished = simulation.users.filter { simulation.nodes[$0].nextWriteSequence == 2 }.count
        let share = Double(republished) / Double(simulation.users.count)
        #expect(share > 0.1 && share < 0.3, "\(republished) of \(simulation.users.count)")
        #expect(simulation.users.allSatisfy { simulation.nodes[$0].nextWriteSequence >= 1 })
    }

    @Test func aWarmNetworkServesEveryRecordFromTimeZero() {
        let scenario = Self.scenario(nodes: 100, duration: 5 * Time.minute)
        let result = Simulation(scenario: scenario, storeMode: .timestamped, seed: 8).run()
        #expect(result.summary.reads > 100)
        #expect(result.summary.missingFraction == 0)
    }

    @Test func maintenanceTimersAreStaggeredOverTheFirstInterval() {
        let simulation = Simulation(scenario: Self.scenario(nodes: 200, duration: 1), storeMode: .plain, seed: 3)
        _ = simulation.run()
        let timers = simulation.status.map(\.timerAt)
        #expect(timers.allSatisfy { $0 >= Time.hour && $0 < 2 * Time.hour }, "one refresh interval plus the phase")
        #expect(Set(timers).count == 200)
    }

    @Test func nodesOfflineAtTheStartStayOutOfTablesAndJoinLaterThroughTheProtocol() {
        let trace = ChurnTrace(path: "inline", events: [.init(time: 2 * Time.minute, node: 5, isUp: true)])
        let early = Simulation(
            scenario: Self.scenario(nodes: 40, duration: Time.second, churn: Scenario.Churn(model: .trace(trace))), storeMode: .plain, seed: 1)
        let before = early.run()
        #expect(!early.status[5].isOnline)
        #expect(early.nodes[5].core.routingTable.count == 0)
        #expect(!early.nodes.contains { $0.core.routingTable.contains(early.nodes[5].core.id) })
        #expect(before.totals.peakOnlineNodes == 39)

        let later = Simulation(
            scenario: Self.scenario(nodes: 40, duration: 5 * Time.minute, churn: Scenario.Churn(model: .trace(trace))), storeMode: .plain, seed: 1)
        let after = later.run()
        #expect(later.status[5].isOnline)
        #expect(after.census.requestsByOrigin[.join] > 0)
        #expect(later.nodes[5].core.routingTable.count > 10)
    }

    @Test func theSameSeedGivesTheSameWarmRun() {
        let churn = SimulationTests.laptopChurn
        let scenario = Self.scenario(nodes: 80, duration: 20 * Time.minute, warmup: 5 * Time.minute, churn: churn)
        let first = Simulation(scenario: scenario, storeMode: .plain, seed: 7).run()
        let again = Simulation(scenario: scenario, storeMode: .plain, seed: 7).run()
        #expect(first.digest == again.digest)
        #expect(first.churnTrace == again.churnTrace)
        var joining = scenario
        joining.network.start = .joins
        let joined = Simulation(scenario: joining, storeMode: .plain, seed: 7).run()
        #expect(joined.workloadTrace != first.workloadTrace, "reads start at other times")
    }
}
