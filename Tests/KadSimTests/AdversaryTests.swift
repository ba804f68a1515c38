import Foundation
import KademliaCore
import Testing

@testable import KadSim

/// Each attack alone on a small network, against the store it is meant to beat and against its defence.
@Suite struct AdversaryTests {
    static func scenario(
        _ kind: Scenario.Adversary.Kind, size: Scenario.Adversary.Size, targets: Scenario.Adversary.Targets = .all,
        k: Int = 8, nodes: Int = 40, disjointPaths: Int = 1, quorum: Int = 1
    ) -> Scenario {
        var kademlia = Scenario.Kademlia(k: k, alpha: 3)
        kademlia.disjointPaths = disjointPaths
        kademlia.quorum = quorum
        return Scenario(
            name: "attack", duration: 30 * Time.minute, warmup: 10 * Time.minute,
            network: Scenario.Network(nodes: nodes, latency: .constant(20 * Time.millisecond)), kademlia: kademlia,
            workload: Scenario.Workload(ownerRepublish: 5 * Time.minute, readsPerNodePerHour: 60, userFraction: 0.5),
            adversary: Scenario.Adversary(kind: kind, size: size, targets: targets))
    }

    static func summary(_ scenario: Scenario, _ store: StoreMode, seed: UInt64 = 1) -> RunSummary {
        let summary = Simulation(scenario: scenario, storeMode: store, seed: seed).run().summary
        #expect(summary.reads > 50)
        return summary
    }

    @Test func aSybilFloodIsHeldOffByOneContactPerAddress() {
        var attack = Self.scenario(.sybil, size: .fraction(0.1), nodes: 60)
        let flooded = Self.summary(attack, .timestamped)
        #expect(flooded.freshFraction < 0.5, "\(flooded.freshFraction)")
        attack.kademlia.oneContactPerAddress = true
        let limited = Self.summary(attack, .timestamped)
        #expect(limited.freshFraction > 0.9, "\(limited.freshFraction)")
        #expect(limited.hopsMean < flooded.hopsMean)
    }

    @Test func versionInflationBeatsTheTimestampedStoreButNotTheSignedOne() {
        let attack = Self.scenario(.versionInflation, size: .fraction(0.1))
        let timestamped = Self.summary(attack, .timestamped)
        #expect(timestamped.forgedFraction > 0.5, "\(timestamped.forgedFraction)")
        let signed = Self.summary(attack, .signed)
        #expect(signed.forgedFraction == 0)
        #expect(signed.poisonedReadFraction == 0)
        #expect(signed.lookupSuccess > 0.9, "\(signed.lookupSuccess)")
        #expect(signed.signaturesVerifiedPerNodePerSecond > 0)
        #expect(timestamped.signaturesVerifiedPerNodePerSecond == 0)
    }

    @Test func majorityForgeryWinsThePlainVoteButNotTheSignedStore() {
        let attack = Self.scenario(.majorityForgery, size: .fraction(0.2))
        let plain = Self.summary(attack, .plain)
        #expect(plain.forgedFraction > 0.1, "\(plain.forgedFraction)")
        let signed = Self.summary(attack, .signed)
        #expect(signed.poisonedReadFraction == 0)
    }

    @Test func staleReplayRollsThePlainStoreBackButNotTheVersionedOnes() {
        let attack = Self.scenario(.staleReplay, size: .fraction(0.2))
        let plain = Self.summary(attack, .plain)
        #expect(plain.rollbackFraction > 0.02, "\(plain.rollbackFraction)")
        #expect(plain.staleFraction > 0.1, "\(plain.staleFraction)")
        for store in [StoreMode.timestamped, .signed] {
            let defended = Self.summary(attack, store)
            #expect(defended.rollbackFraction < plain.rollbackFraction / 4, "\(store): \(defended.rollbackFraction)")
        }
    }

    @Test func dropMakesReadsMissWhenHostileNodesHoldEveryReplicaAndWiderReplicationHelps() {
        let narrow = Self.summary(Self.scenario(.drop, size: .fraction(0.5), k: 2), .plain)
        #expect(narrow.missingFraction > 0.1, "\(narrow.missingFraction)")
        let wide = Self.summary(Self.scenario(.drop, size: .fraction(0.5), k: 8), .plain)
        #expect(wide.missingFraction < narrow.missingFraction / 2, "\(wide.missingFraction)")
    }

    @Test func eclipseAroundTheTargetKeysMakesTheirReadsFailEvenOverDisjointPaths() {
        // 4 users on 40 nodes, 16 hostile ids next to their keys: k = 4 hostile nodes per key, closer than any
        // honest one. They answer lookups only with each other and drop the owner's STOREs, so the record is
        // stored on hostile nodes alone: the attack sits at the destination, where disjoint paths cannot route
        // around it.
        var attack = Self.scenario(.eclipse, size: .count(16), k: 4)
        attack.workload.userFraction = 0.1
        attack.workload.readsPerNodePerHour = 120
        let plain = Self.summary(attack, .plain)
        #expect(plain.lookupSuccess < 0.3, "\(plain.lookupSuccess)")
        #expect(plain.forgedFraction == 0)
        attack.kademlia.disjointPaths = 3
        let disjoint = Self.summary(attack, .plain)
        #expect(disjoint.lookupSuccess < 0.3, "\(disjoint.lookupSuccess)")
        var honest = attack
        honest.adversary = nil
        #expect(Self.summary(honest, .plain).lookupSuccess > 0.9)
    }

    @Test func secureNodeIDsAndDisjointPathsDefeatTheEclipse() {
        // 4 users on 100 nodes, 20% hostile, k = 8. With chosen ids about 5 hostile nodes sit next to each key, hold
        // its replicas and drop them. With secure ids they are spread at random and can only misroute lookups of
        // the target keys, which disjoint paths route around.
        var attack = Self.scenario(.eclipse, size: .fraction(0.2), k: 8, nodes: 100)
        attack.workload.userFraction = 0.04
        attack.workload.readsPerNodePerHour = 120
        func meanSuccess(secure: Bool, disjointPaths: Int) -> Double {
            var scenario = attack
            scenario.kademlia.secureNodeIDs = secure
            scenario.kademlia.disjointPaths = disjointPaths
            let seeds: [UInt64] = [1, 2, 3]
            return seeds.map { Self.summary(scenario, .plain, seed: $0).lookupSuccess }.reduce(0, +) / Double(seeds.count)
        }
        let chosen = meanSuccess(secure: false, disjointPaths: 1)
        #expect(chosen < 0.6, "\(chosen)")
        let secure = meanSuccess(secure: true, disjointPaths: 1)
        #expect(secure > 0.9 && secure > chosen + 0.3, "\(secure)")
        let secureDisjoint = meanSuccess(secure: true, disjointPaths: 3)
        #expect(secureDisjoint >= secure && secureDisjoint > 0.97, "\(secureDisjoint)")
        var honest = attack
        honest.adversary = nil
        #expect(Self.summary(honest, .plain).lookupSuccess > 0.99)  // measured 1.0
    }

    @Test func noAdversaryNoPoison() {
        var honest = Self.scenario(.drop, size: .count(0))
        honest.adversary = nil
        for store in [StoreMode.plain, .timestamped, .signed] {
            let summary = Self.summary(honest, store)
            #expect(summary.forgedFraction == 0)
            #expect(summary.lookupSuccess > 0.95, "\(store): \(summary.lookupSuccess)")
        }
    }

    @Test func sameSeedSameResultAndSameWorkloadAcrossVariants() {
        let attack = Self.scenario(.versionInflation, size: .fraction(0.1))
        let first = Simulation(scenario: attack, storeMode: .timestamped, seed: 3).run()
        let again = Simulation(scenario: attack, storeMode: .timestamped, seed: 3).run()
        #expect(first.digest == again.digest)
        var defended = attack
        defended.kademlia.disjointPaths = 3
        defended.kademlia.quorum = 2
        let other = Simulation(scenario: defended, storeMode: .signed, seed: 3).run()
        #expect(other.churnTrace == first.churnTrace)
        #expect(other.workloadTrace == first.workloadTrace)
    }
}
