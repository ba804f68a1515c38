import Testing

@testable import KadChat

@Suite struct IdentityProofTests {
    /// Alice and Bob each prove their identity in the handshake; each checks the other's proof against the static key
    /// the handshake authenticated.
    @Test func bothSidesLearnAndCheckTheOthersIdentity() throws {
        let alice = ChatIdentity.generate(), bob = ChatIdentity.generate()
        var initiator = NoiseHandshake(role: .initiator, staticKey: alice.noiseStaticKey)
        var responder = NoiseHandshake(role: .responder, staticKey: bob.noiseStaticKey)
        _ = try responder.readMessage(try initiator.writeMessage())
        let bobProof = try #require(IdentityProof(bytes: try initiator.readMessage(
            try responder.writeMessage(payload: bob.proof.bytes))))
        let aliceProof = try #require(IdentityProof(bytes: try responder.readMessage(
            try initiator.writeMessage(payload: alice.proof.bytes))))
        let bobStatic = try #require(initiator.remoteStatic)
        let aliceStatic = try #require(responder.remoteStatic)
        #expect(bobProof.identityKey == bob.publicKey)
        #expect(bobProof.verifies(remoteStatic: bobStatic))
        #expect(aliceProof.identityKey == alice.publicKey)
        #expect(aliceProof.verifies(remoteStatic: aliceStatic))
    }

    @Test func aProofForAnotherKeyOrTamperedFailsAndMalformedIsRefused() {
        let alice = ChatIdentity.generate(), mallory = ChatIdentity.generate()
        let proof = alice.proof
        let aliceStatic = Array(alice.noiseStaticKey.publicKey.rawRepresentation)
        #expect(proof.verifies(remoteStatic: aliceStatic))
        #expect(!proof.verifies(remoteStatic: Array(mallory.noiseStaticKey.publicKey.rawRepresentation)),
                "a proof replayed by someone with another static key")
        var stolen = proof
        stolen.identityKey = mallory.publicKey
        #expect(!stolen.verifies(remoteStatic: aliceStatic), "claiming another identity")
        var flipped = proof
        flipped.signature[0] ^= 1
        #expect(!flipped.verifies(remoteStatic: aliceStatic))
        #expect(IdentityProof(bytes: Array(proof.bytes.dropLast())) == nil)
        #expect(IdentityProof(bytes: proof.bytes) == proof)
    }
}
