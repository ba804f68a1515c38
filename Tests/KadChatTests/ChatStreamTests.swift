import Testing

@testable import KadChat

@Suite struct ChatStreamTests {
    @Test func framesSurviveTheirBytes() {
        for frame in [ChatFrame.message(sequence: 7, text: Array("hé".utf8)), .acknowledgement(through: 3, beyond: [5, 9])] {
            #expect(ChatFrame(bytes: frame.bytes) == frame)
        }
        for bad: [UInt8] in [[], [1, 0, 0], [3] + [UInt8](repeating: 0, count: 8), [2] + [UInt8](repeating: 0, count: 12)] {
            #expect(ChatFrame(bytes: bad) == nil)
        }
    }

    /// 200 messages each way over a link that loses 30%, duplicates 10% and reorders everything: each arrives once,
    /// in order.
    @Test func everyMessageArrivesOnceInOrderOverALossyLink() throws {
        var generator = SystemRandomNumberGeneratorStandIn(seed: 42)
        var alice = ChatStream(), bob = ChatStream()
        alice.maximumAttempts = 30  // this link loses half the round trips: giving up is another test's subject
        var inFlight: [(toBob: Bool, bytes: [UInt8], at: Int64)] = []
        var now: Int64 = 0
        var toSend = (0..<200).map { Array("message \($0)".utf8) }
        var bobGot: [[UInt8]] = []
        func transmit(_ frame: ChatFrame, toBob: Bool) {
            guard Double.random(in: 0..<1, using: &generator) >= 0.3 else { return }
            let copies = Double.random(in: 0..<1, using: &generator) < 0.1 ? 2 : 1
            for _ in 0..<copies { inFlight.append((toBob, frame.bytes, now + Int64.random(in: 1_000...200_000, using: &generator))) }
        }
        while (!toSend.isEmpty || !alice.unacknowledged.isEmpty) && now < 3_600_000_000 {
            while !toSend.isEmpty, let frame = try? alice.send(toSend[0], now: now) {
                toSend.removeFirst()
                transmit(frame, toBob: true)
            }
            now += 10_000
            for frame in alice.frames(dueAt: now).resend { transmit(frame, toBob: true) }
            let arriving = inFlight.filter { $0.at <= now }
            inFlight.removeAll { $0.at <= now }
            for datagram in arriving.shuffled(using: &generator) {
                let frame = try #require(ChatFrame(bytes: datagram.bytes))
                if datagram.toBob {
                    let (delivered, reply) = bob.receive(frame)
                    bobGot += delivered
                    if let reply { transmit(reply, toBob: false) }
                } else {
                    _ = alice.receive(frame)
                }
            }
        }
        #expect(bobGot.count == 200)
        #expect(bobGot == (0..<200).map { Array("message \($0)".utf8) }, "in order, none twice")
        #expect(alice.unacknowledged.isEmpty)
    }

    @Test func aMessageNobodyAcknowledgesIsGivenUpAfterBackingOff() throws {
        var stream = ChatStream()
        _ = try stream.send(Array("hello?".utf8), now: 0)
        var attempts: [Int64] = []
        var failed: [[UInt8]] = []
        var now: Int64 = 0
        while failed.isEmpty, let deadline = stream.nextDeadline {
            now = deadline
            let due = stream.frames(dueAt: now)
            if !due.resend.isEmpty { attempts.append(now) }
            failed += due.failed
        }
        #expect(attempts == [500_000, 1_500_000, 3_500_000, 7_500_000, 11_500_000], "doubling, then every 4 s")
        #expect(failed == [Array("hello?".utf8)])
        #expect(stream.nextDeadline == nil)
    }

    @Test func sizeAndWindowAreBounded() throws {
        var stream = ChatStream()
        #expect(throws: ChatStream.SendError.tooLong) { try stream.send([UInt8](repeating: 0, count: ChatStream.maximumText + 1), now: 0) }
        for _ in 0..<ChatStream.window { _ = try stream.send([1], now: 0) }
        #expect(throws: ChatStream.SendError.windowFull) { try stream.send([1], now: 0) }
    }
}

/// A seeded generator for the lossy-link test (SplitMix64), so a failure replays.
struct SystemRandomNumberGeneratorStandIn: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
