import KademliaCore
import Testing

@testable import KadChat

/// Endpoints at addresses on a lossless link with a fixed 10 ms delay; a datagram to an address nobody holds is lost.
struct ChatNetwork {
    var endpoints: [ChatEndpoint]
    var addresses: [NodeAddress]
    var events: [[ChatEndpoint.Event]]
    var inFlight: [(time: Int64, source: NodeAddress, outgoing: ChatEndpoint.Outgoing)] = []
    var now: Int64 = 0

    init(_ identities: [ChatIdentity]) {
        endpoints = identities.map(ChatEndpoint.init(identity:))
        addresses = identities.indices.map { NodeAddress(ipv4: 0x7F00_0001, port: 5000 + UInt16($0)) }
        events = identities.map { _ in [] }
    }

    mutating func collect() {
        for index in endpoints.indices {
            while let outgoing = endpoints[index].pollOutgoing() { inFlight.append((now + 10_000, addresses[index], outgoing)) }
            while let event = endpoints[index].pollEvent() { events[index].append(event) }
        }
    }

    mutating func run(for duration: Int64) {
        let limit = now + duration
        collect()
        while true {
            let datagramTime = inFlight.first?.time ?? .max
            let timerTime = endpoints.compactMap(\.nextDeadline).min() ?? .max
            let time = min(datagramTime, timerTime)
            guard time <= limit else { break }
            now = time
            if datagramTime <= timerTime {
                let (_, source, outgoing) = inFlight.removeFirst()
                if let index = addresses.firstIndex(of: outgoing.destination) {
                    endpoints[index].receive(outgoing.datagram.bytes, from: source, now: now)
                }
            } else {
                for index in endpoints.indices { endpoints[index].handleTimer(now: now) }
            }
            collect()
        }
        now = limit
    }

    func texts(at index: Int) -> [String] {
        events[index].compactMap { if case .delivered(_, _, let text) = $0 { String(decoding: text, as: UTF8.self) } else { nil } }
    }
}

@Suite struct ChatEndpointTests {
    let alice = ChatIdentity.generate()
    let bob = ChatIdentity.generate()

    @Test func aSessionOpensOnTheFirstHelloAndBothSidesTalk() throws {
        var network = ChatNetwork([alice, bob])
        try network.endpoints[0].connect(to: bob.publicKey, at: network.addresses[1], session: 42, sending: [Array("hi bob".utf8)], now: 0)
        network.run(for: 1_000_000)
        #expect(network.events[1].first == .established(session: 42, peer: alice.publicKey, address: network.addresses[0]))
        #expect(network.texts(at: 1) == ["hi bob"])
        try network.endpoints[1].send(Array("hi alice".utf8), to: alice.publicKey, now: network.now)
        network.run(for: 1_000_000)
        #expect(network.texts(at: 0) == ["hi alice"])
        #expect(throws: ChatEndpoint.SendError.noSession) {
            try network.endpoints[1].send([1], to: ChatIdentity.generate().publicKey, now: network.now)
        }
    }

    @Test func aPeerThatMovedIsFollowedOnceItsDatagramsComeFromTheNewAddress() throws {
        var network = ChatNetwork([alice, bob])
        try network.endpoints[0].connect(to: bob.publicKey, at: network.addresses[1], session: 7, sending: [Array("one".utf8)], now: 0)
        network.run(for: 1_000_000)
        network.addresses[1] = NodeAddress(ipv4: 0x7F00_0001, port: 6001)  // Bob's laptop comes back on a new port
        try network.endpoints[1].send(Array("moved".utf8), to: alice.publicKey, now: network.now)
        network.run(for: 1_000_000)
        try network.endpoints[0].send(Array("two".utf8), to: bob.publicKey, now: network.now)
        network.run(for: 1_000_000)
        #expect(network.texts(at: 0) == ["moved"])
        #expect(network.texts(at: 1) == ["one", "two"], "the second message went to the new address")
    }

    @Test func aPeerThatIsGoneEndsTheSessionWithWhatItDidNotTake() throws {
        var network = ChatNetwork([alice, bob])
        let nowhere = NodeAddress(ipv4: 0x7F00_0001, port: 9)
        try network.endpoints[0].connect(to: bob.publicKey, at: nowhere, session: 5, sending: [Array("anyone?".utf8)], now: 0)
        network.run(for: 60_000_000)
        #expect(network.events[0] == [.failed(session: 5, peer: bob.publicKey, address: nowhere, failure: .noAnswer, undelivered: [Array("anyone?".utf8)])])
        #expect(network.endpoints[0].sessionCount == 0 && network.endpoints[0].nextDeadline == nil, "the session is forgotten")
    }

    @Test func malformedDatagramsAndHellosBeyondTheLimitAreRefusedAndCounted() throws {
        var bobs = ChatEndpoint(identity: bob)
        let source = NodeAddress(ipv4: 0x7F00_0001, port: 7000)
        bobs.receive([0x00, 0x01, 0x02], from: source, now: 0)
        bobs.receive(ChatDatagram(kind: .transport, session: 1, body: [1, 2, 3]).bytes, from: source, now: 0)
        #expect(bobs.dropped == 2, "not a chat datagram; a transport datagram for no session")
        for number in 0..<(ChatEndpoint.maximumSessions + 3) {
            var stranger = ChatSession(initiating: ChatIdentity.generate(), peerIdentity: bob.publicKey, session: UInt64(number), now: 0)
            bobs.receive(stranger.pollDatagram()!.bytes, from: source, now: 0)
        }
        #expect(bobs.sessionCount == ChatEndpoint.maximumSessions)
        #expect(bobs.dropped == 5, "three hellos beyond the limit")
        #expect(throws: ChatEndpoint.SendError.cannotOpen) {
            try bobs.connect(to: alice.publicKey, at: source, session: 1_000, now: 0)
        }
        while let deadline = bobs.nextDeadline { bobs.handleTimer(now: deadline) }
        #expect(bobs.sessionCount == 0, "half-open sessions give up and are forgotten")
    }
}
