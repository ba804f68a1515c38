import Crypto
import Foundation
import Testing

@testable import KadChat

@Suite struct NoiseHandshakeTests {
    struct Vector: Decodable {
        struct Message: Decodable {
            var payload: String
            var ciphertext: String
        }

        var protocol_name: String
        var init_prologue: String
        var init_static: String
        var init_ephemeral: String
        var resp_static: String
        var resp_ephemeral: String
        var messages: [Message]
    }

    static let vector: Vector = try! JSONDecoder().decode(Vector.self, from: Data(contentsOf:
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/noise-xx-25519-chachapoly-sha256.json")))

    static func bytes(_ hex: String) -> [UInt8] { Hex.bytes(hex)! }

    static func key(_ hex: String) -> Curve25519.KeyAgreement.PrivateKey {
        try! Curve25519.KeyAgreement.PrivateKey(rawRepresentation: bytes(hex))
    }

    func vectorPair() -> (NoiseHandshake, NoiseHandshake) {
        let vector = Self.vector
        let prologue = Self.bytes(vector.init_prologue)
        return (
            NoiseHandshake(role: .initiator, staticKey: Self.key(vector.init_static), prologue: prologue,
                           ephemeralKey: Self.key(vector.init_ephemeral)),
            NoiseHandshake(role: .responder, staticKey: Self.key(vector.resp_static), prologue: prologue,
                           ephemeralKey: Self.key(vector.resp_ephemeral))
        )
    }

    /// Every byte of the published transcript: three handshake messages, then three transport messages.
    @Test func matchesThePublishedTestVector() throws {
        #expect(Self.vector.protocol_name == NoiseHandshake.protocolName)
        var (initiator, responder) = vectorPair()
        let messages = Self.vector.messages.map { (Self.bytes($0.payload), Self.bytes($0.ciphertext)) }
        for (index, (payload, ciphertext)) in messages.prefix(3).enumerated() {
            let initiatorWrites = index % 2 == 0
            let written = initiatorWrites ? try initiator.writeMessage(payload: payload) : try responder.writeMessage(payload: payload)
            #expect(written == ciphertext, "handshake message \(index + 1)")
            let read = initiatorWrites ? try responder.readMessage(written) : try initiator.readMessage(written)
            #expect(read == payload)
        }
        #expect(initiator.isComplete && responder.isComplete)
        // The vector's own handshake_hash field is not this value; the Python noiseprotocol 0.3.1 library, run on the
        // same keys, prologue and payloads, writes the same three messages and reports this hash.
        #expect(initiator.handshakeHash == Self.bytes("c8e5f64e846193be2a834104c2a009868d6c9f3bd3c186299888b488b2f1f58e"))
        #expect(responder.handshakeHash == initiator.handshakeHash)
        #expect(initiator.remoteStatic == Array(Self.key(Self.vector.resp_static).publicKey.rawRepresentation))
        #expect(responder.remoteStatic == Array(Self.key(Self.vector.init_static).publicKey.rawRepresentation))

        var initiatorTransport = try initiator.transport()
        var responderTransport = try responder.transport()
        // After the handshake the responder writes first: the vectors alternate sides throughout.
        for (index, (payload, ciphertext)) in messages.dropFirst(3).enumerated() {
            let responderWrites = index % 2 == 0
            let sealed = responderWrites ? try responderTransport.seal(payload) : try initiatorTransport.seal(payload)
            #expect(sealed == ciphertext, "transport message \(index + 1)")
            let opened = responderWrites ? try initiatorTransport.open(sealed) : try responderTransport.open(sealed)
            #expect(opened == payload)
        }
    }

    @Test func aTamperedMessageIsRefusedAndTheHandshakeGoesOn() throws {
        var (initiator, responder) = vectorPair()
        _ = try responder.readMessage(try initiator.writeMessage())
        let second = try responder.writeMessage(payload: Array("hello".utf8))
        for position in [0, 40, second.count - 1] {
            var tampered = second
            tampered[position] ^= 0x01
            #expect(throws: NoiseError.self) { try initiator.readMessage(tampered) }
        }
        #expect(throws: NoiseError.truncated) { try initiator.readMessage(Array(second.prefix(40))) }
        #expect(try initiator.readMessage(second) == Array("hello".utf8), "the genuine message still reads")
        _ = try responder.readMessage(try initiator.writeMessage())
        #expect(initiator.isComplete && responder.isComplete)
    }

    @Test func replayedAndReorderedTransportMessagesDoNotOpen() throws {
        var (initiator, responder) = vectorPair()
        _ = try responder.readMessage(try initiator.writeMessage())
        _ = try initiator.readMessage(try responder.writeMessage())
        _ = try responder.readMessage(try initiator.writeMessage())
        var alice = try initiator.transport()
        var bob = try responder.transport()
        let first = try alice.seal(Array("one".utf8))
        let second = try alice.seal(Array("two".utf8))
        #expect(throws: NoiseError.decryptionFailed) { try bob.open(second) }
        #expect(try bob.open(first) == Array("one".utf8))
        #expect(throws: NoiseError.decryptionFailed) { try bob.open(first) }
        #expect(try bob.open(second) == Array("two".utf8))
    }

    @Test func messagesOutOfTurnAreRefused() throws {
        var (initiator, responder) = vectorPair()
        #expect(throws: NoiseError.outOfTurn) { try responder.writeMessage() }
        #expect(throws: NoiseError.outOfTurn) { try initiator.readMessage([UInt8](repeating: 9, count: 32)) }
        #expect(throws: NoiseError.outOfTurn) { try initiator.transport() }
        #expect(throws: NoiseError.tooLong) { try initiator.writeMessage(payload: [UInt8](repeating: 0, count: 70_000)) }
    }

    @Test func freshKeysAgreeOnBothSides() throws {
        var initiator = NoiseHandshake(role: .initiator, staticKey: .init())
        var responder = NoiseHandshake(role: .responder, staticKey: .init())
        _ = try responder.readMessage(try initiator.writeMessage())
        _ = try initiator.readMessage(try responder.writeMessage())
        _ = try responder.readMessage(try initiator.writeMessage())
        #expect(initiator.handshakeHash == responder.handshakeHash)
        var alice = try initiator.transport()
        var bob = try responder.transport()
        #expect(try bob.open(try alice.seal(Array("ping".utf8))) == Array("ping".utf8))
        #expect(try alice.open(try bob.seal(Array("pong".utf8))) == Array("pong".utf8))
    }
}
