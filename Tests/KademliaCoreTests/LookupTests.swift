import Testing
@testable import KademliaCore

@Suite struct LookupTests {
    static func joinedNetwork(count: Int = 200, seed: UInt64 = 1, configure: (inout KademliaConfiguration) -> Void = { _ in }) -> TestNetwork {
        var configuration = KademliaConfiguration()
        configure(&configuration)
        var network = TestNetwork(count: count, configuration: configuration, seed: seed)
        network.joinAll()
        return network
    }

    @Test func everyNodeFindsTheTrueClosestNodes() throws {
        var network = Self.joinedNetwork()
        var generator = SeededGenerator(seed: 42)
        for round in 0..<60 {
            let requester = round * 3 % network.nodes.count
            let target = NodeID.random(using: &generator)
            let operation = network.start(.findNode(target: target), at: requester)
            network.runUntilIdle()
            let (result, stats) = try #require(network.result(of: operation, at: requester))
            guard case .found(let contacts) = result else { Issue.record("expected found, got \(result)"); return }
            let truth = network.nodes.enumerated().filter { $0.offset != requester }.map(\.element.id)
                .sorted { $0.distance(to: target) < $1.distance(to: target) }.prefix(20)
            #expect(contacts.map(\.id) == Array(truth))
            #expect(stats.hops >= 1)
            #expect(stats.messages >= 20)
        }
    }

    @Test func lookupsTerminateAndReportFailuresWithTenPercentSilent() throws {
        var network = Self.joinedNetwork()
        network.silent = Set(stride(from: 5, to: 200, by: 10))
        #expect(network.silent.count == 20)
        var generator = SeededGenerator(seed: 43)
        var totalFailures = 0
        for round in 0..<30 {
            let requester = round * 7 % 200
            guard !network.silent.contains(requester) else { continue }
            let target = NodeID.random(using: &generator)
            let operation = network.start(.findNode(target: target), at: requester)
            network.run(until: network.now + 5 * Time.minute)
            let (result, stats) = try #require(network.result(of: operation, at: requester), "lookup \(round) did not terminate")
            guard case .found(let contacts) = result else { Issue.record("expected found"); return }
            let silentIDs = Set(network.silent.map { network.nodes[$0].id })
            #expect(contacts.allSatisfy { !silentIDs.contains($0.id) }, "silent nodes never count as answered")
            totalFailures += stats.failures
        }
        #expect(totalFailures > 0, "some lookups must have met silent nodes")
    }

    @Test func neverMoreThanAlphaInFlight() {
        var generator = SeededGenerator(seed: 5)
        let target = NodeID.random(using: &generator)
        let seeds = (0..<40).map { Contact(id: NodeID.random(using: &generator), address: NodeAddress(ipv4: UInt32($0), port: 1)) }
        var lookup = Lookup(target: target, k: 20, alpha: 3, seeds: seeds)
        var maximum = 0
        var queue: [Contact] = []
        var step = 0
        repeat {
            queue.append(contentsOf: lookup.nextRequests())
            maximum = max(maximum, lookup.inFlight)
            guard !queue.isEmpty else { break }
            let contact = queue.removeFirst()
            step += 1
            if step % 4 == 0 {
                lookup.handleFailure(from: contact.id)
            } else {
                let referrals = (0..<3).map { _ in Contact(id: NodeID.random(using: &generator), address: NodeAddress(ipv4: 9, port: 9)) }
                lookup.handleResponse(from: contact.id, contacts: referrals)
            }
        } while !lookup.isFinished
        #expect(maximum == 3)
        #expect(lookup.isFinished)
        #expect(lookup.failures > 0)
        let responded = lookup.closestResponded
        #expect(responded.count == 20)
        #expect(responded == responded.sorted { $0.id.distance(to: target) < $1.id.distance(to: target) })
    }

    @Test func stoppedLookupFinishesOnceInFlightRequestsResolve() {
        var generator = SeededGenerator(seed: 6)
        let seeds = (0..<10).map { Contact(id: NodeID.random(using: &generator), address: NodeAddress(ipv4: UInt32($0), port: 1)) }
        var lookup = Lookup(target: .zero, k: 20, alpha: 3, seeds: seeds)
        let first = lookup.nextRequests()
        #expect(first.count == 3)
        lookup.handleResponse(from: first[0].id, contacts: [])
        lookup.stop()
        #expect(lookup.nextRequests().isEmpty)
        #expect(!lookup.isFinished)
        lookup.handleResponse(from: first[1].id, contacts: [])
        lookup.handleFailure(from: first[2].id)
        #expect(lookup.isFinished)
    }

    /// The closest that answered: at most k, closest first, only those that answered; appended after what a reused
    /// buffer already holds, by one path or by several.
    @Test func closestRespondedHoldsTheKNearestThatAnswered() {
        var generator = SeededGenerator(seed: 9)
        let seeds = (0..<12).map { Contact(id: NodeID.random(using: &generator), address: NodeAddress(ipv4: UInt32($0), port: 1)) }
        let earlier = Contact(id: NodeID(high: 1, middle: 1, low: 1), address: NodeAddress(ipv4: 99, port: 1))
        for pathCount in [1, 2] {
            var lookup = DisjointLookup(target: .zero, k: 4, alpha: 12, paths: pathCount, seeds: seeds)
            let asked = lookup.nextRequests()
            #expect(asked.count == 4 * pathCount, "the k nearest of each path")
            for (position, contact) in asked.enumerated() {
                if position % 3 == 0 { lookup.handleFailure(from: contact.id) } else { lookup.handleResponse(from: contact.id, contacts: []) }
            }
            let answered = asked.enumerated().filter { $0.offset % 3 != 0 }.map(\.element.id)
            let expected = Array(answered.sorted { $0.distance(to: .zero) < $1.distance(to: .zero) }.prefix(4))
            #expect(lookup.closestResponded.map(\.id) == expected)
            var buffer = [earlier]
            lookup.appendClosestResponded(to: &buffer)
            #expect(buffer.map(\.id) == [earlier.id] + expected)
        }
    }

    @Test func oneContactPerAddressKeepsOneCandidateOfAHostAnsweringUnderManyIDs() {
        let target = NodeID(hashing: "target")
        let honest = (0..<3).map { Contact(id: NodeID(hashing: "honest \($0)"), address: NodeAddress(ipv4: UInt32(10 + $0), port: 1)) }
        let sybilAddress = NodeAddress(ipv4: 99, port: 1)
        let madeUp = (0..<8).map { Contact(id: target.flippingBit(150 - $0), address: sybilAddress) }
        for limited in [false, true] {
            var lookup = Lookup(target: target, k: 8, alpha: 3, seeds: honest, oneContactPerAddress: limited)
            let asked = lookup.nextRequests()
            lookup.handleResponse(from: asked[0].id, contacts: madeUp)
            let sybilCandidates = lookup.candidates.filter { $0.contact.address == sybilAddress }
            #expect(sybilCandidates.count == (limited ? 1 : 8))
            #expect(sybilCandidates.first?.contact.id == madeUp[0].id)
        }
    }

    @Test func inRoundsWaitsForTheWholeRoundAndWidensWhenNothingCloserCame() {
        let target = NodeID.zero
        func contact(_ distance: UInt32) -> Contact {
            Contact(id: NodeID(high: 0, middle: 0, low: distance), address: NodeAddress(ipv4: distance, port: 1))
        }
        var lookup = Lookup(target: target, k: 4, alpha: 2, seeds: (10...14).map { contact($0) }, inRounds: true)
        #expect(lookup.nextRequests().map(\.address.ipv4) == [10, 11])
        // A closer contact arrives, but the round is not over until the other request fails.
        lookup.handleResponse(from: contact(10).id, contacts: [contact(5)])
        #expect(lookup.nextRequests().isEmpty)
        lookup.handleFailure(from: contact(11).id)
        // The nearest changed (5 came, 11 failed): α again.
        #expect(lookup.nextRequests().map(\.address.ipv4) == [5, 12])
        lookup.handleResponse(from: contact(5).id, contacts: [])
        lookup.handleResponse(from: contact(12).id, contacts: [])
        // The k nearest live (5, 10, 12, 13; 11 failed) leave only 13 to ask; 14 is beyond them.
        #expect(lookup.nextRequests().map(\.address.ipv4) == [13])
        lookup.handleResponse(from: contact(13).id, contacts: [])
        #expect(lookup.isFinished && lookup.state(of: contact(14).id) == .waiting)

        var continuous = Lookup(target: target, k: 4, alpha: 2, seeds: (10...14).map { contact($0) })
        #expect(continuous.nextRequests().count == 2)
        continuous.handleResponse(from: contact(10).id, contacts: [contact(5)])
        #expect(continuous.nextRequests().map(\.address.ipv4) == [5])
    }

    @Test func inRoundsAfterAnUnchangedRoundAsksAllOfTheNearest() {
        func contact(_ distance: UInt32) -> Contact {
            Contact(id: NodeID(high: 0, middle: 0, low: distance), address: NodeAddress(ipv4: distance, port: 1))
        }
        var lookup = Lookup(target: .zero, k: 4, alpha: 1, seeds: (10...14).map { contact($0) }, inRounds: true)
        #expect(lookup.nextRequests().map(\.address.ipv4) == [10])
        lookup.handleResponse(from: contact(10).id, contacts: [])
        #expect(lookup.nextRequests().map(\.address.ipv4) == [11, 12, 13])
    }
}
