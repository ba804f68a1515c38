import Testing
@testable import KademliaCore

@Suite struct SignedStoreTests {
    static let ownerKey = [UInt8](repeating: 1, count: 32)
    static let otherKey = [UInt8](repeating: 2, count: 32)

    static func signed(_ value: Value, _ sequence: UInt64, by privateKey: [UInt8] = ownerKey) -> Record {
        try! RecordSigner.sign(value, sequence: sequence, privateKey: privateKey)
    }

    static var key: NodeID { RecordSigner(privateKey: ownerKey)!.key }

    @Test func keyIsTheSHA1OfThePublicKey() throws {
        let signer = try #require(RecordSigner(privateKey: Self.ownerKey))
        #expect(signer.publicKey.count == 32)
        #expect(signer.key == NodeID(hashing: signer.publicKey))
        #expect(RecordSigner(privateKey: [1, 2, 3]) == nil)
        #expect(throws: RecordSigner.SigningError.invalidPrivateKey(byteCount: 3)) {
            try RecordSigner.sign(.int(1), sequence: 0, privateKey: [1, 2, 3])
        }
    }

    @Test func verificationAcceptsTheOwnersRecordAndRejectsTamperedValues() {
        let policy = SignedStorePolicy()
        let record = Self.signed(.string("10.0.0.1:4000"), 3)
        #expect(policy.admits(record, key: Self.key))
        #expect(policy.accepts(record, over: nil, key: Self.key))
        var tampered = record
        tampered.value = .string("6.6.6.6:4000")
        #expect(!policy.admits(tampered, key: Self.key))
        #expect(!policy.accepts(tampered, over: nil, key: Self.key))
        var bumped = record
        bumped.signature?.sequence = 4
        #expect(!policy.admits(bumped, key: Self.key), "the sequence number is signed too")
        var flipped = record
        flipped.signature?.signature[10] ^= 1
        #expect(!policy.admits(flipped, key: Self.key))
        #expect(!policy.admits(Record(value: .string("10.0.0.1:4000")), key: Self.key), "unsigned records are dropped")
        #expect(!policy.accepts(record, over: nil), "without the key nothing is accepted")
    }

    @Test func verificationRejectsWrongKeys() {
        let policy = SignedStorePolicy()
        let record = Self.signed(.int(7), 1)
        // Stored under another key than SHA-1(public key).
        #expect(!policy.accepts(record, over: nil, key: NodeID(hashing: "alice")))
        // Signed by someone else but claiming the owner's public key.
        var impostor = Self.signed(.int(7), 1, by: Self.otherKey)
        impostor.signature?.publicKey = record.signature!.publicKey
        #expect(!policy.admits(impostor, key: Self.key))
        // Validly signed by someone else: valid for the other key only.
        let other = Self.signed(.int(7), 1, by: Self.otherKey)
        #expect(!policy.admits(other, key: Self.key))
        #expect(policy.admits(other, key: RecordSigner(privateKey: Self.otherKey)!.key))
    }

    @Test func storingNodesRefuseReplayedLowerSequenceNumbers() {
        let policy = SignedStorePolicy()
        let held = Self.signed(.int(5), 5)
        #expect(!policy.accepts(Self.signed(.int(4), 4), over: held, key: Self.key), "a replayed older record")
        #expect(!policy.accepts(Self.signed(.int(99), 5), over: held, key: Self.key), "same number, other value")
        #expect(policy.accepts(held, over: held, key: Self.key), "the same record again refreshes it")
        #expect(policy.accepts(Self.signed(.int(6), 6), over: held, key: Self.key))
        #expect(policy.resolve([Self.signed(.int(2), 2), held, Self.signed(.int(3), 3)]) == held)
        #expect(policy.needsRepair(Self.signed(.int(2), 2), answer: held))
        #expect(!policy.needsRepair(held, answer: held))
    }

    @Test func signedPutsRoundTripAndForgeriesAreRefused() throws {
        var network = StoreTests.network(mode: .signed)
        var signer = try #require(RecordSigner(privateKey: Self.ownerKey))
        network.nodes[3].signer = signer
        let store = StoreTests()
        let (record, storedAt) = try store.put(signer.key, .string("10.0.0.1:5000"), from: 3, in: &network)
        #expect(storedAt == 20)
        #expect(record.signature?.sequence == 0)
        #expect(try store.get(signer.key, from: 40, in: &network) == record)
        let (second, _) = try store.put(signer.key, .string("10.0.0.2:5000"), from: 3, in: &network)
        #expect(second.signature?.sequence == 1, "the owner counts its own writes")
        #expect(try store.get(signer.key, from: 41, in: &network) == second)
        #expect(network.nodes.reduce(0) { $0 + $1.signaturesVerified } >= 40)

        // A forgery with the largest sequence number and a junk signature is refused by every holder.
        var forged = second
        forged.value = .string("6.6.6.6:4000")
        forged.signature?.sequence = .max
        for holder in store.holders(of: signer.key, in: network) {
            let refusedBefore = network.nodes[holder].recordsRefused
            store.inject(forged, key: signer.key, into: holder, in: &network)
            #expect(network.nodes[holder].recordsRefused == refusedBefore + 1, "refused and counted")
        }
        #expect(try store.get(signer.key, from: 42, in: &network) == second)

        // Nobody can write a key it does not own.
        let (_, strangerStored) = try store.put(signer.key, .string("x"), from: 7, in: &network)
        #expect(strangerStored == 0)
        _ = signer.sign(.int(0))
    }
}

@Suite struct DisjointLookupTests {
    @Test func pathsShareNoQueriedNodeAndStillFindTheClosest() throws {
        var network = LookupTests.joinedNetwork(count: 200, seed: 3)
        var generator = SeededGenerator(seed: 77)
        let byID = Dictionary(uniqueKeysWithValues: network.nodes.indices.map { (network.nodes[$0].id, $0) })
        var overlapWithTruth = 0
        for round in 0..<20 {
            let requester = round * 9 % 200
            let target = NodeID.random(using: &generator)
            var lookup = DisjointLookup(
                target: target, k: 20, alpha: 3, paths: 3,
                seeds: network.nodes[requester].routingTable.closest(to: target, count: 20))
            #expect(lookup.pathCount == 3)
            var steps = 0
            while !lookup.isFinished && steps < 10_000 {
                steps += 1
                for contact in lookup.nextRequests() {
                    let index = try #require(byID[contact.id])
                    let reply = network.nodes[index].routingTable.closest(to: target, count: 20)
                        .filter { $0.id != network.nodes[requester].id }
                    lookup.handleResponse(from: contact.id, contacts: reply)
                }
            }
            #expect(lookup.isFinished)
            let paths = (0..<3).map { Set(lookup.queried(onPath: $0)) }
            #expect(paths.allSatisfy { !$0.isEmpty })
            #expect(paths[0].isDisjoint(with: paths[1]) && paths[0].isDisjoint(with: paths[2]) && paths[1].isDisjoint(with: paths[2]))
            let truth = Set(network.nodes.indices.filter { $0 != requester }.map { network.nodes[$0].id }
                .sorted { $0.distance(to: target) < $1.distance(to: target) }.prefix(20))
            overlapWithTruth += Set(lookup.closestResponded.map(\.id)).intersection(truth).count
        }
        #expect(overlapWithTruth >= 20 * 18, "the union of the paths still finds nearly all of the true k closest")
        _ = network.start(.findNode(target: .zero), at: 0)
    }

    @Test func oneDisjointPathIsTheOrdinaryLookup() {
        var generator = SeededGenerator(seed: 5)
        let target = NodeID.random(using: &generator)
        let seeds = (0..<30).map { Contact(id: NodeID.random(using: &generator), address: NodeAddress(ipv4: UInt32($0), port: 1)) }
        var single = Lookup(target: target, k: 20, alpha: 3, seeds: seeds)
        var wrapped = DisjointLookup(target: target, k: 20, alpha: 3, paths: 1, seeds: seeds)
        for _ in 0..<12 {
            let a = single.nextRequests(), b = wrapped.nextRequests()
            #expect(a == b)
            for contact in a {
                single.handleResponse(from: contact.id, contacts: [])
                wrapped.handleResponse(from: contact.id, contacts: [])
            }
        }
        #expect(single.closestResponded == wrapped.closestResponded)
    }

    @Test func disjointFindNodeThroughTheNode() throws {
        var network = LookupTests.joinedNetwork(count: 120, seed: 4) { $0.disjointPaths = 3 }
        let target = NodeID(hashing: "somewhere")
        let operation = network.start(.findNode(target: target), at: 5)
        network.runUntilIdle()
        let (result, stats) = try #require(network.result(of: operation, at: 5))
        guard case .found(let contacts) = result else { Issue.record("expected found"); return }
        let truth = network.nodes.enumerated().filter { $0.offset != 5 }.map(\.element.id)
            .sorted { $0.distance(to: target) < $1.distance(to: target) }.prefix(20)
        #expect(Set(contacts.map(\.id)).intersection(truth).count >= 18)
        #expect(stats.messages > 20)
    }
}
