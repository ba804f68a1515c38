import Testing

@testable import KadChat

@Suite struct SecureChannelTests {
    func pair() throws -> (SecureChannel, SecureChannel) {
        var initiator = NoiseHandshake(role: .initiator, staticKey: .init())
        var responder = NoiseHandshake(role: .responder, staticKey: .init())
        _ = try responder.readMessage(try initiator.writeMessage())
        _ = try initiator.readMessage(try responder.writeMessage())
        _ = try responder.readMessage(try initiator.writeMessage())
        return (SecureChannel(try initiator.transport()), SecureChannel(try responder.transport()))
    }

    @Test func datagramsMayArriveOutOfOrderButEachOpensOnce() throws {
        var (alice, bob) = try pair()
        let datagrams = try (0..<10).map { try alice.seal([UInt8($0)]) }
        for index in [3, 0, 9, 1, 2, 8, 4, 7, 5, 6] {
            #expect(bob.open(datagrams[index]) == [UInt8(index)])
        }
        for datagram in datagrams { #expect(bob.open(datagram) == nil, "a replay is dropped") }
        #expect(bob.dropped == 10)
    }

    @Test func tamperedTruncatedAndStaleDatagramsAreDroppedAndCounted() throws {
        var (alice, bob) = try pair()
        let first = try alice.seal(Array("first".utf8))
        var tampered = try alice.seal(Array("second".utf8))
        tampered[tampered.count - 1] ^= 1
        #expect(bob.open(tampered) == nil)
        var relabelled = first
        relabelled[7] ^= 1
        #expect(bob.open(relabelled) == nil, "the nonce is authenticated: a changed counter does not open")
        #expect(bob.open(Array(first.prefix(20))) == nil)
        let later = try (0..<70).map { _ in try alice.seal([1]) }
        #expect(bob.open(later.last!) == [1])
        #expect(bob.open(first) == nil, "older than the window")
        #expect(bob.open(later[10]) == [1], "inside the window")
        #expect(bob.dropped == 4)
        #expect(throws: NoiseError.tooLong) { try alice.seal([UInt8](repeating: 0, count: SecureChannel.maximumPlaintext + 1)) }
    }

    @Test func bothDirectionsWork() throws {
        var (alice, bob) = try pair()
        #expect(alice.open(try bob.seal(Array("pong".utf8))) == Array("pong".utf8))
        #expect(bob.open(try alice.seal(Array("ping".utf8))) == Array("ping".utf8))
        #expect(alice.open(try alice.seal([9])) == nil, "a datagram is not readable by its own sender")
    }

    @Test func theWindowAdmitsEachCounterOnce() {
        var window = ReplayWindow()
        for counter: UInt64 in [5, 3, 200, 137, 150] {
            #expect(window.admits(counter))
            window.accept(counter)
            #expect(!window.admits(counter))
        }
        #expect(!window.admits(136), "200 − 136 = 64: just out of the window")
        #expect(window.admits(138))
        #expect(!window.admits(5))
    }
}
