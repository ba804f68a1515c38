import Testing
@testable import KademliaCore

@Suite struct NameClaimTests {
    static let aliceKey = [UInt8](repeating: 1, count: 32)
    static let malloryKey = [UInt8](repeating: 2, count: 32)

    static func claim(_ name: String, _ sequence: UInt64, by privateKey: [UInt8]) -> Record {
        try! RecordSigner.sign(NameClaim.value(claimingNamed: name), sequence: sequence, privateKey: privateKey, key: NameClaim.key(for: name))
    }

    @Test func aClaimIsAuthenticOnlyAtItsNamesKey() {
        let policy = SignedStorePolicy()
        let record = Self.claim("alice", 0, by: Self.aliceKey)
        #expect(NameClaim.name(claimedBy: record.value) == "alice")
        #expect(policy.admits(record, key: NameClaim.key(for: "alice")))
        #expect(!policy.admits(record, key: NameClaim.key(for: "alicia")), "a claim stored under another name's key")
        var renamed = record
        renamed.value = NameClaim.value(claimingNamed: "alicia")
        #expect(!policy.admits(renamed, key: NameClaim.key(for: "alicia")), "the signature covers the name")
        #expect(!policy.admits(Record(value: record.value), key: NameClaim.key(for: "alice")), "unsigned")
        // A signed value that is no claim, at a key its signer does not own, stays refused.
        let stray = try! RecordSigner.sign(.bytes(Array("alice".utf8)), sequence: 0, privateKey: Self.aliceKey, key: NodeID(hashing: "alice"))
        #expect(!policy.admits(stray, key: NodeID(hashing: "alice")))
        #expect(NameClaim.name(claimedBy: .bytes(Array("kadsim-name:".utf8))) == nil, "an empty name claims nothing")
    }

    @Test func theFirstClaimantKeepsTheNameAtAStoringNode() {
        let policy = SignedStorePolicy()
        let key = NameClaim.key(for: "alice")
        let first = Self.claim("alice", 5, by: Self.aliceKey)
        #expect(policy.accepts(first, over: nil, key: key))
        #expect(!policy.accepts(Self.claim("alice", .max, by: Self.malloryKey), over: first, key: key), "another key, however high")
        #expect(policy.accepts(Self.claim("alice", 6, by: Self.aliceKey), over: first, key: key), "the claimant renews")
        #expect(!policy.accepts(Self.claim("alice", 4, by: Self.aliceKey), over: first, key: key), "nor rolls back")
        #expect(!policy.needsRepair(Self.claim("alice", 0, by: Self.malloryKey), answer: first), "a node that would refuse is not repaired")
    }

    @Test func readersTakeTheClaimantMostRespondersHold() {
        let policy = SignedStorePolicy()
        let alice = (0..<3).map { Self.claim("alice", $0, by: Self.aliceKey) }
        let mallory = Self.claim("alice", 1_000, by: Self.malloryKey)
        #expect(policy.resolve([mallory, alice[0], alice[2], alice[1]]) == alice[2], "two of alice's against one, highest sequence")
        #expect(policy.resolve([mallory, alice[0]]) == mallory, "a tie goes to the first answer")
        #expect(policy.resolve([alice[0], mallory]) == alice[0])
    }

    @Test func aNodeClaimsANameThroughTheNetworkAndAnotherKeyCannotTakeIt() throws {
        var network = StoreTests.network(mode: .signed)
        network.nodes[3].signer = try #require(RecordSigner(privateKey: Self.aliceKey))
        network.nodes[7].signer = try #require(RecordSigner(privateKey: Self.malloryKey))
        let store = StoreTests()
        let key = NameClaim.key(for: "alice")
        let (record, storedAt) = try store.put(key, NameClaim.value(claimingNamed: "alice"), from: 3, in: &network)
        #expect(storedAt == 20)
        #expect(record.signature?.publicKey == network.nodes[3].signer?.publicKey)
        let (_, stolen) = try store.put(key, NameClaim.value(claimingNamed: "alice"), from: 7, in: &network)
        #expect(stolen == 0, "every holder keeps the first claimant")
        #expect(try store.get(key, from: 40, in: &network) == record)
        // A node signs only a claim that matches the key it puts: nothing else at a foreign key.
        let (_, mismatched) = try store.put(NameClaim.key(for: "bob"), NameClaim.value(claimingNamed: "alice"), from: 7, in: &network)
        #expect(mismatched == 0)
    }
}
