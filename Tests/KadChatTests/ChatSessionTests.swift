import KademliaCore
import Testing

@testable import KadChat

/// Two sessions joined by a simulated link that may lose, duplicate, reorder or tamper with datagrams, on a virtual
/// clock.
struct ChatLink {
    struct InFlight {
        var time: Int64
        var sequence: Int
        var toInitiator: Bool
        var bytes: [UInt8]
    }

    var initiator: ChatSession
    var responder: ChatSession?
    let responderIdentity: ChatIdentity
    var now: Int64 = 0
    var inFlight: [InFlight] = []
    var sequence = 0
    var generator = SeededGenerator(seed: 17)
    var loss = 0.0
    var duplication = 0.0
    /// Decides, per datagram as sent, whether it is lost (on top of `loss`): for losing chosen ones.
    var drops: (ChatDatagram) -> Bool = { _ in false }
    /// Changes a datagram as sent (an attacker on the path).
    var tamper: ([UInt8]) -> [UInt8] = { $0 }
    var initiatorEvents: [ChatSession.Event] = []
    var responderEvents: [ChatSession.Event] = []
    /// Datagrams that arrived before the responder existed and could not open a session.
    var refusedHellos = 0

    init(initiator: ChatIdentity, responder: ChatIdentity, expecting expected: ChatIdentity? = nil) {
        self.initiator = ChatSession(
            initiating: initiator, peerIdentity: (expected ?? responder).publicKey, session: 0x0102_0304_0506_0708, now: 0)
        responderIdentity = responder
    }

    mutating func collect() {
        while let datagram = initiator.pollDatagram() { transmit(datagram, toInitiator: false) }
        while let event = initiator.pollEvent() { initiatorEvents.append(event) }
        while let datagram = responder?.pollDatagram() { transmit(datagram, toInitiator: true) }
        while let event = responder?.pollEvent() { responderEvents.append(event) }
    }

    mutating func transmit(_ datagram: ChatDatagram, toInitiator: Bool) {
        if drops(datagram) || generator.nextUnit() < loss { return }
        let copies = generator.nextUnit() < duplication ? 2 : 1
        for _ in 0..<copies {
            sequence += 1
            let delay = 5_000 + Int64(generator.nextUnit() * 40_000)  // 5–45 ms: later datagrams may overtake
            inFlight.append(InFlight(time: now + delay, sequence: sequence, toInitiator: toInitiator, bytes: tamper(datagram.bytes)))
        }
    }

    /// Runs datagrams and timers in time order until nothing is left before `limit`.
    mutating func run(until limit: Int64) {
        collect()
        while true {
            let next = inFlight.indices.min { (inFlight[$0].time, inFlight[$0].sequence) < (inFlight[$1].time, inFlight[$1].sequence) }
            let datagramTime = next.map { inFlight[$0].time } ?? .max
            let timerTime = [initiator.nextDeadline, responder?.nextDeadline].compactMap { $0 }.min() ?? .max
            let time = min(datagramTime, timerTime)
            guard time <= limit else { break }
            now = time
            if let next, datagramTime <= timerTime {
                let arriving = inFlight.remove(at: next)
                deliver(arriving)
            } else {
                initiator.handleTimer(now: now)
                responder?.handleTimer(now: now)
            }
            collect()
        }
        now = limit
    }

    mutating func deliver(_ arriving: InFlight) {
        guard let datagram = ChatDatagram(bytes: arriving.bytes) else { return }
        if arriving.toInitiator {
            initiator.receive(datagram, now: now)
        } else if responder != nil {
            responder!.receive(datagram, now: now)
        } else if let accepted = ChatSession(accepting: datagram, identity: responderIdentity, now: now) {
            responder = accepted
        } else {
            refusedHellos += 1
        }
    }

    static func delivered(_ events: [ChatSession.Event]) -> [String] {
        events.compactMap { if case .delivered(let text) = $0 { String(decoding: text, as: UTF8.self) } else { nil } }
    }
}

@Suite struct ChatSessionTests {
    let alice = ChatIdentity.generate()
    let bob = ChatIdentity.generate()

    @Test func bothSidesProveTheirIdentityAndTalkOverALossyLink() throws {
        var link = ChatLink(initiator: alice, responder: bob)
        link.loss = 0.2
        link.duplication = 0.2
        let fromAlice = (1...40).map { "alice \($0)" }
        let fromBob = (1...40).map { "bob \($0)" }
        // Alice writes before the handshake is done; Bob once his side is up.
        for text in fromAlice.prefix(10) { try link.initiator.send(Array(text.utf8), now: 0) }
        link.run(until: 2_000_000)
        let responder = try #require(link.responder, "the hello got through in the end")
        #expect(responder.isEstablished && link.initiator.isEstablished)
        #expect(link.initiatorEvents.first == .established(peerIdentity: bob.publicKey))
        #expect(link.responderEvents.first == .established(peerIdentity: alice.publicKey))
        // Eight at a time each way, a second apart: the window holds 32 unacknowledged.
        for batch in 0..<5 {
            for text in fromBob[(batch * 8)..<(batch * 8 + 8)] { try link.responder!.send(Array(text.utf8), now: link.now) }
            for text in fromAlice.dropFirst(10)[(10 + batch * 6)..<(16 + batch * 6)] {
                try link.initiator.send(Array(text.utf8), now: link.now)
            }
            link.run(until: link.now + 1_000_000)
        }
        link.run(until: link.now + 60_000_000)
        #expect(ChatLink.delivered(link.responderEvents) == fromAlice, "every message once, in order")
        #expect(ChatLink.delivered(link.initiatorEvents) == fromBob)
        #expect(link.initiator.nextDeadline == nil && link.responder?.nextDeadline == nil, "nothing left to resend")
        #expect(!link.initiatorEvents.contains { if case .failed = $0 { true } else { false } })
    }

    @Test func aLostConfirmationIsSentAgainWhenTheReplyRepeats() throws {
        var link = ChatLink(initiator: alice, responder: bob)
        var confirmations = 0
        link.drops = { datagram in
            guard datagram.kind == .confirm else { return false }
            confirmations += 1
            return confirmations == 1
        }
        link.run(until: 10_000_000)
        #expect(confirmations == 2, "the responder's repeated reply brought the confirmation again")
        #expect(link.responder?.isEstablished == true)
        try link.initiator.send(Array("hello".utf8), now: link.now)
        link.run(until: link.now + 1_000_000)
        #expect(ChatLink.delivered(link.responderEvents) == ["hello"])
    }

    @Test func aPeerProvingAnotherIdentityIsRefusedAndTheHandshakeGivesUp() {
        let carol = ChatIdentity.generate()
        var link = ChatLink(initiator: alice, responder: bob, expecting: carol)
        link.run(until: 60_000_000)
        #expect(!link.initiator.isEstablished)
        #expect(link.initiator.dropped >= 6, "every reply proving Bob instead of Carol was dropped and counted")
        #expect(link.initiatorEvents == [.failed(.noAnswer, undelivered: [])])
        #expect(link.initiator.nextDeadline == nil)
        #expect(throws: ChatSession.SendError.closed) { try link.initiator.send([1], now: link.now) }
    }

    @Test func tamperedDatagramsAreDroppedAndCountedAndTheGenuineOnesGetThrough() throws {
        var link = ChatLink(initiator: alice, responder: bob)
        var generator = SeededGenerator(seed: 3)
        var tampered = 0
        // A third of the datagrams have one bit of their body flipped on the way.
        link.tamper = { bytes in
            guard generator.nextUnit() < 0.33 else { return bytes }
            tampered += 1
            var changed = bytes
            changed[changed.count - 1] ^= 0x01
            return changed
        }
        link.run(until: 20_000_000)
        #expect(link.initiator.isEstablished && link.responder?.isEstablished == true)
        for number in 1...5 { try link.initiator.send(Array("m\(number)".utf8), now: link.now) }
        link.run(until: link.now + 60_000_000)
        #expect(ChatLink.delivered(link.responderEvents) == ["m1", "m2", "m3", "m4", "m5"])
        #expect(tampered > 0 && link.initiator.dropped + (link.responder?.dropped ?? 0) >= tampered - link.refusedHellos,
                "every tampered datagram that arrived was dropped and counted")
    }

    @Test func aForgedHelloAnsweredFirstDoesNotKeepTheGenuineOneOut() throws {
        var link = ChatLink(initiator: alice, responder: bob)
        let polled = link.initiator.pollDatagram()
        let genuine = try #require(polled)
        var forger = ChatSession(initiating: ChatIdentity.generate(), peerIdentity: bob.publicKey, session: 9, now: 0)
        var forged = genuine
        forged.body = try #require(forger.pollDatagram()?.body, "another party's hello under the same session number")
        link.responder = ChatSession(accepting: forged, identity: bob, now: 0)
        _ = link.responder?.pollDatagram()  // its reply goes to the forger
        link.transmit(genuine, toInitiator: false)
        link.run(until: 1_000_000)
        #expect(link.initiator.isEstablished && link.responder?.isEstablished == true)
        #expect(link.responderEvents == [.established(peerIdentity: alice.publicKey)])
    }

    @Test func aReplayedOrForeignDatagramIsDropped() throws {
        var link = ChatLink(initiator: alice, responder: bob)
        link.run(until: 1_000_000)
        var responder = try #require(link.responder)
        try link.initiator.send(Array("once".utf8), now: link.now)
        let polled = link.initiator.pollDatagram()
        let transport = try #require(polled)
        let first = responder.receive(transport, now: link.now)
        let again = responder.receive(transport, now: link.now)
        var foreign = transport
        foreign.session &+= 1
        let fromAnotherSession = responder.receive(foreign, now: link.now)
        #expect(first && !again && !fromAnotherSession, "authentic once; not again, nor another session's")
        #expect(responder.dropped == 2)
        var events: [ChatSession.Event] = []
        while let event = responder.pollEvent() { events.append(event) }
        #expect(ChatLink.delivered(events) == ["once"])
    }

    @Test func aPeerThatFallsSilentEndsTheSessionWithWhatItDidNotTake() throws {
        var link = ChatLink(initiator: alice, responder: bob)
        link.run(until: 1_000_000)
        #expect(link.initiator.isEstablished)
        link.loss = 1
        for text in ["a", "b", "c"] { try link.initiator.send(Array(text.utf8), now: link.now) }
        link.run(until: link.now + 60_000_000)
        #expect(link.initiatorEvents.last == .failed(.peerSilent, undelivered: [Array("a".utf8), Array("b".utf8), Array("c".utf8)]))
        #expect(link.initiator.isClosed && link.initiator.nextDeadline == nil)
    }

    @Test func sendIsBounded() throws {
        var session = ChatSession(initiating: alice, peerIdentity: bob.publicKey, session: 1, now: 0)
        #expect(throws: ChatSession.SendError.tooLong) { try session.send([UInt8](repeating: 0, count: ChatStream.maximumText + 1), now: 0) }
        for _ in 0..<ChatStream.window { try session.send([1], now: 0) }
        #expect(throws: ChatSession.SendError.windowFull) { try session.send([1], now: 0) }
    }

    @Test func datagramsAreRecognisedAndMalformedOnesRefused() {
        let datagram = ChatDatagram(kind: .transport, session: 0xA1B2_C3D4_E5F6_0718, body: [1, 2, 3])
        #expect(ChatDatagram(bytes: datagram.bytes) == datagram)
        #expect(ChatDatagram.isChat(datagram.bytes) && !ChatDatagram.isChat([0x00, 0x01]) && !ChatDatagram.isChat([UInt8]()))
        var unknownKind = datagram.bytes
        unknownKind[1] = 10
        for bytes in [Array(datagram.bytes.prefix(9)), unknownKind, [0x00] + datagram.bytes.dropFirst(),
                      datagram.bytes + [UInt8](repeating: 0, count: ChatDatagram.maximumLength)] {
            #expect(ChatDatagram(bytes: bytes) == nil)
        }
        #expect(ChatSession(accepting: datagram, identity: bob, now: 0) == nil, "only a hello opens a session")
        #expect(ChatSession(accepting: ChatDatagram(kind: .hello, session: 1, body: [1, 2]), identity: bob, now: 0) == nil)
    }
}
