import Testing
@testable import KademliaCore

@Suite struct StoreTests {
    static func network(mode: StoreMode, count: Int = 60, configure: (inout KademliaConfiguration) -> Void = { _ in }) -> TestNetwork {
        LookupTests.joinedNetwork(count: count, seed: 11) {
            $0.storeMode = mode
            configure(&$0)
        }
    }

    func get(_ key: NodeID, from index: Int, in network: inout TestNetwork) throws -> Record? {
        let operation = network.start(.get(key: key), at: index)
        network.runUntilIdle()
        let (result, _) = try #require(network.result(of: operation, at: index))
        guard case .got(let record) = result else { Issue.record("expected got, got \(result)"); return nil }
        return record
    }

    func put(_ key: NodeID, _ value: Value, from index: Int, in network: inout TestNetwork) throws -> (Record, Int) {
        let operation = network.start(.put(key: key, value: value), at: index)
        network.runUntilIdle()
        let (result, _) = try #require(network.result(of: operation, at: index))
        guard case .put(let record, let storedAt) = result else { Issue.record("expected put, got \(result)"); return (Record(value: .bool(false)), 0) }
        return (record, storedAt)
    }

    /// Sends a STORE request straight into node `index`, as a (possibly stale) peer would.
    func inject(_ record: Record, key: NodeID, into index: Int, in network: inout TestNetwork) {
        let message = Message(id: MessageID(bits: NodeID(high: 7, middle: UInt64(index), low: 1)), body: .request(.store(key: key, record: record), sender: NodeID(high: 1, middle: 2, low: 3)))
        network.nodes[index].handle(message, from: NodeAddress(ipv4: 0x7F00_0001, port: 9), now: network.now)
        _ = network.nodes[index].drainTransmits()
    }

    func holders(of key: NodeID, in network: TestNetwork) -> [Int] {
        network.nodes.indices.filter { network.nodes[$0].storedRecord(for: key, now: network.now) != nil }
    }

    @Test(arguments: [StoreMode.plain, .timestamped])  // signed puts need a signer: SignedStoreTests
    func putThenGetRoundTrips(mode: StoreMode) throws {
        var network = Self.network(mode: mode)
        let key = NodeID(hashing: "alice")
        let (record, storedAt) = try put(key, .string("10.0.0.1:5000"), from: 3, in: &network)
        #expect(storedAt == 20)
        #expect(holders(of: key, in: network).count >= 20)
        let got = try get(key, from: 40, in: &network)
        #expect(got?.value == .string("10.0.0.1:5000"))
        #expect(got == record)
        if mode == .timestamped { #expect(record.stamp?.version == 0) }
    }

    func getStats(_ key: NodeID, from index: Int, in network: inout TestNetwork) throws -> (Record?, OperationStats) {
        let operation = network.start(.get(key: key), at: index)
        network.runUntilIdle()
        let (result, stats) = try #require(network.result(of: operation, at: index))
        guard case .got(let record) = result else { throw StoreTestError.notAGet }
        return (record, stats)
    }

    enum StoreTestError: Error { case notAGet }

    @Test func aGetSaysWhenItWasAnsweredFromTheNodesOwnCopy() throws {
        // Plain: a holder answers from its copy without a lookup; a node without one asks the network.
        var plain = Self.network(mode: .plain)
        let key = NodeID(hashing: "dave")
        _ = try put(key, .int(1), from: 1, in: &plain)
        let holder = try #require(holders(of: key, in: plain).first)
        let fromCopy = try getStats(key, from: holder, in: &plain)
        #expect(fromCopy.1.answeredFromOwnCopy && fromCopy.1.messages == 0 && fromCopy.0?.value == .int(1))
        let stranger = try #require(plain.nodes.indices.first { !holders(of: key, in: plain).contains($0) })
        #expect(try !getStats(key, from: stranger, in: &plain).1.answeredFromOwnCopy)

        // Timestamped: a holder always looks up; only when its own copy is the newest and nobody returned it does
        // the answer count as its own.
        var stamped = Self.network(mode: .timestamped)
        let (first, _) = try put(key, .int(1), from: 1, in: &stamped)
        let stampedHolder = try #require(holders(of: key, in: stamped).first)
        let shared = try getStats(key, from: stampedHolder, in: &stamped)
        #expect(shared.0 == first && !shared.1.answeredFromOwnCopy, "other holders returned the same record")
        let newer = Record(value: .int(2), stamp: Stamp(version: 5, writer: stamped.nodes[1].id))
        inject(newer, key: key, into: stampedHolder, in: &stamped)
        let alone = try getStats(key, from: stampedHolder, in: &stamped)
        #expect(alone.0 == newer && alone.1.answeredFromOwnCopy && alone.1.messages > 0)
    }

    @Test func plainGetTakesTheMajorityOfTheFirstRound() {
        let policy = PlainStorePolicy()
        let a = Record(value: .string("a")), b = Record(value: .string("b"))
        #expect(policy.resolve([a, b, a]) == a)
        #expect(policy.resolve([b, a, a, b]) == b, "ties go to the value seen first")
        #expect(policy.resolve([]) == nil)
        #expect(policy.accepts(a, over: b))
    }

    @Test func plainStoreLetsAStaleValueOverwriteAndWin() throws {
        var network = Self.network(mode: .plain)
        let key = NodeID(hashing: "bob")
        _ = try put(key, .int(2), from: 1, in: &network)
        // A returning laptop re-pushes its old value to every holder: the plain store takes it.
        for holder in holders(of: key, in: network) { inject(Record(value: .int(1)), key: key, into: holder, in: &network) }
        #expect(try get(key, from: 50, in: &network)?.value == .int(1))
    }

    @Test func timestampedNeverReplacesNewerWithOlder() throws {
        var network = Self.network(mode: .timestamped)
        let key = NodeID(hashing: "carol")
        _ = try put(key, .int(1), from: 1, in: &network)
        let (second, _) = try put(key, .int(2), from: 2, in: &network)
        #expect(second.stamp?.version == 1, "a put reads the current version and writes version + 1")
        let stale = Record(value: .int(1), stamp: Stamp(version: 0, writer: network.nodes[1].id))
        let unstamped = Record(value: .int(0))
        let holdingSecond = holders(of: key, in: network).filter { network.nodes[$0].storedRecord(for: key, now: network.now) == second }
        #expect(holdingSecond.count >= 20)
        for holder in holdingSecond {
            inject(stale, key: key, into: holder, in: &network)
            inject(unstamped, key: key, into: holder, in: &network)
            #expect(network.nodes[holder].storedRecord(for: key, now: network.now) == second)
        }
        #expect(try get(key, from: 30, in: &network) == second)
    }

    @Test func timestampedGetReturnsTheNewestVersionOnAnyResponderAndRepairsTheRest() throws {
        var network = Self.network(mode: .timestamped)
        let key = NodeID(hashing: "dave")
        _ = try put(key, .int(1), from: 1, in: &network)
        let holding = holders(of: key, in: network)
        let newest = Record(value: .int(9), stamp: Stamp(version: 5, writer: network.nodes[7].id))
        let lucky = try #require(holding.last)
        inject(newest, key: key, into: lucky, in: &network)
        let reader = try #require(network.nodes.indices.first { !holding.contains($0) })
        #expect(try get(key, from: reader, in: &network) == newest)
        let repaired = holding.filter { network.nodes[$0].storedRecord(for: key, now: network.now) == newest }
        #expect(repaired.count > 1, "responders that returned the older version were sent the newest")
    }

    @Test func timestampedTiesBreakByWriter() {
        let policy = TimestampedStorePolicy()
        let low = Record(value: .int(1), stamp: Stamp(version: 3, writer: NodeID(high: 1, middle: 0, low: 0)))
        let high = Record(value: .int(2), stamp: Stamp(version: 3, writer: NodeID(high: 2, middle: 0, low: 0)))
        #expect(policy.resolve([low, high]) == high)
        #expect(policy.resolve([high, low]) == high)
        #expect(policy.accepts(high, over: low))
        #expect(!policy.accepts(low, over: high))
        #expect(!policy.accepts(low, over: low), "an equal stamp is not newer")
    }

    @Test func recordsExpireAfterTheirTTLWithoutRepublish() throws {
        var network = Self.network(mode: .plain) {
            $0.recordTTL = 2 * Time.hour
            $0.republishInterval = 10 * Time.hour
        }
        let key = NodeID(hashing: "erin")
        _ = try put(key, .bool(true), from: 4, in: &network)
        network.run(until: network.now + Time.hour)
        #expect(!holders(of: key, in: network).isEmpty)
        network.run(until: network.now + 90 * Time.minute)
        #expect(holders(of: key, in: network).isEmpty)
        #expect(try get(key, from: 9, in: &network) == nil)
    }

    @Test func holdersRepublishSoRecordsOutliveTheirTTL() throws {
        var network = Self.network(mode: .plain) {
            $0.recordTTL = 2 * Time.hour
            $0.republishInterval = Time.hour
        }
        let key = NodeID(hashing: "frank")
        let putAt = network.now
        _ = try put(key, .float(1.5), from: 4, in: &network)
        network.run(until: putAt + 5 * Time.hour)
        let republished = network.log.filter { $0.contains("store(key: \(key.debugDescriptionForLog)") }
        #expect(!holders(of: key, in: network).isEmpty)
        #expect(republished.count > 20, "holders pushed the record again")
        #expect(try get(key, from: 9, in: &network)?.value == .float(1.5))
    }

    @Test(arguments: [false, true])
    func aHolderOutsideTheClosestDropsItsCopyOnlyWhenConfigured(drops: Bool) throws {
        var network = Self.network(mode: .plain) { $0.dropRecordsWhenNotClosest = drops }
        let key = NodeID(hashing: "heidi")
        _ = try put(key, .int(1), from: 4, in: &network)
        let closest = holders(of: key, in: network)
        let byDistance = network.nodes.indices.sorted { network.nodes[$0].id.distance(to: key) < network.nodes[$1].id.distance(to: key) }
        let far = try #require(byDistance.last)
        #expect(!closest.contains(far))
        inject(Record(value: .int(0)), key: key, into: far, in: &network)
        let storesBefore = network.nodes[far].requestsSent[.republish]

        network.run(until: network.now + 2 * Time.hour + Time.minute)
        #expect(network.nodes[far].requestsSent[.republish] > storesBefore, "the far holder republished")
        #expect((network.nodes[far].storedRecord(for: key, now: network.now) == nil) == drops)
        #expect(closest.allSatisfy { network.nodes[$0].storedRecord(for: key, now: network.now) != nil }, "the k closest keep it")
    }
}

extension NodeID {
    /// How a NodeID renders inside a logged message, to find it in the transcript.
    var debugDescriptionForLog: String { String(describing: self) }
}
