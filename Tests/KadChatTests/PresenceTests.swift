import KademliaCore
import Testing

@testable import KadChat

@Suite struct PresenceTests {
    let alice = ChatIdentity.generate()

    var presence: Presence {
        Presence(name: "alice", address: NodeAddress("203.0.113.7:4500")!, noiseStatic: Array(alice.noiseStaticKey.publicKey.rawRepresentation))
    }

    @Test func aSignedPresenceReadsBackOnlyForItsOwner() {
        let record = presence.record(signedBy: alice, sequence: 3)
        #expect(record.signature?.sequence == 3)
        #expect(Presence.verified(record, identityKey: alice.publicKey) == presence)
        #expect(Presence.verified(record, identityKey: ChatIdentity.generate().publicKey) == nil, "not at another user's key")
        let mallory = ChatIdentity.generate()
        var forged = presence
        forged.address = NodeAddress("198.51.100.9:1")!
        let forgedRecord = forged.record(signedBy: mallory, sequence: 99)
        #expect(Presence.verified(forgedRecord, identityKey: alice.publicKey) == nil, "signed by someone else")
        #expect(Presence.verified(Record(value: .bytes(presence.bytes)), identityKey: alice.publicKey) == nil, "unsigned")
    }

    @Test func malformedPresenceIsRefused() {
        let bytes = presence.bytes
        #expect(Presence(bytes: bytes) == presence)
        #expect(Presence(bytes: Array(bytes.dropLast())) == nil)
        #expect(Presence(bytes: bytes + [0]) == nil)
        #expect(Presence(bytes: Array("KDP2".utf8) + bytes.dropFirst(4)) == nil)
        var badName = bytes
        badName[5] = 0xff
        #expect(Presence(bytes: badName) == nil, "a name that is not UTF-8")
        var badMapping = bytes
        badMapping[badMapping.count - 1] = 9
        #expect(Presence(bytes: badMapping) == nil, "an unknown NAT mapping")
    }

    @Test func theIntroducerAndTheMappingRoundTrip() {
        var punchable = presence
        punchable.introducer = NodeAddress("198.51.100.1:5601")!
        punchable.mapping = .endpointIndependent
        #expect(Presence(bytes: punchable.bytes) == punchable)
        #expect(Presence(bytes: presence.bytes)?.introducer == nil, "none is written as zeros")
    }
}
