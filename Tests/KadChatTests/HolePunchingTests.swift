import KademliaCore
import Testing

@testable import KadChat

/// A NAT as Linux builds one: outgoing datagrams get a public port (the same for every destination, or a new one per
/// destination when symmetric), and an incoming datagram passes only from an address the inside host sent to from
/// that port (port-restricted filtering).
struct ModelNAT {
    var publicIPv4: UInt32
    var symmetric: Bool
    var ports: [Flow: UInt16] = [:]
    var insideOf: [UInt16: NodeAddress] = [:]
    var opened: Set<Flow> = []

    struct Flow: Hashable {
        var local: NodeAddress
        var remote: NodeAddress
    }

    /// The public source of a datagram from `inside` to `remote`.
    mutating func outbound(from inside: NodeAddress, to remote: NodeAddress) -> NodeAddress {
        let flow = Flow(local: inside, remote: symmetric ? remote : NodeAddress(ipv4: 0, port: 0))
        let port = ports[flow] ?? {
            let fresh = UInt16(40_000 + ports.count)
            ports[flow] = fresh
            insideOf[fresh] = inside
            return fresh
        }()
        let outside = NodeAddress(ipv4: publicIPv4, port: port)
        opened.insert(Flow(local: outside, remote: remote))
        return outside
    }

    /// The inside host a datagram from `remote` to `outside` reaches, if the filter lets it in.
    func inbound(to outside: NodeAddress, from remote: NodeAddress) -> NodeAddress? {
        guard opened.contains(Flow(local: outside, remote: remote)) else { return nil }
        return insideOf[outside.port]
    }
}

/// Two users, each behind a `ModelNAT` or on a public address, and an introducer on a public address; every datagram
/// takes 10 ms.
struct PunchingNetwork {
    var users: [ChatEndpoint]
    var inside: [NodeAddress]
    var nats: [ModelNAT?]
    var introducer = Introducer()
    let introducerAddress = NodeAddress(ipv4: 0xC000_0201, port: 5601)
    var events: [[ChatEndpoint.Event]]
    var inFlight: [(time: Int64, source: NodeAddress, destination: NodeAddress, bytes: [UInt8])] = []
    var now: Int64 = 0

    /// `nats[i]`: nil for a public user, else whether user i's NAT is symmetric.
    init(_ identities: [ChatIdentity], symmetric nats: [Bool?]) {
        users = identities.map(ChatEndpoint.init(identity:))
        inside = identities.indices.map { nats[$0] == nil ? NodeAddress(ipv4: 0xC000_0210 + UInt32($0), port: 4000) : NodeAddress(ipv4: 0x0A00_0002 + UInt32($0) << 8, port: 4000) }
        self.nats = nats.indices.map { index in nats[index].map { ModelNAT(publicIPv4: 0xC000_0202 + UInt32(index), symmetric: $0) } }
        events = identities.map { _ in [] }
        for index in users.indices { users[index].introducer = introducerAddress }
    }

    mutating func send(_ outgoing: ChatEndpoint.Outgoing, from index: Int) {
        let source = nats[index] == nil ? inside[index] : nats[index]!.outbound(from: inside[index], to: outgoing.destination)
        inFlight.append((now + 10_000, source, outgoing.destination, outgoing.datagram.bytes))
    }

    /// Where user `index` is reached by whoever the introducer told (the address the introducer sees).
    mutating func register(_ index: Int) {
        send(ChatEndpoint.registration(with: introducerAddress), from: index)
        run(for: 100_000)
    }

    func seenAddress(of index: Int) -> NodeAddress? {
        events[index].lazy.compactMap { if case .registered(let seen) = $0 { seen } else { nil } }.last
    }

    mutating func collect() {
        for index in users.indices {
            while let outgoing = users[index].pollOutgoing() { send(outgoing, from: index) }
            while let event = users[index].pollEvent() { events[index].append(event) }
        }
    }

    mutating func run(for duration: Int64) {
        let limit = now + duration
        collect()
        while true {
            let datagramTime = inFlight.first?.time ?? .max
            let timerTime = users.compactMap(\.nextDeadline).min() ?? .max
            let time = min(datagramTime, timerTime)
            guard time <= limit else { break }
            now = time
            if datagramTime <= timerTime {
                deliver(inFlight.removeFirst())
            } else {
                for index in users.indices { users[index].handleTimer(now: now) }
            }
            collect()
        }
        now = limit
    }

    private mutating func deliver(_ datagram: (time: Int64, source: NodeAddress, destination: NodeAddress, bytes: [UInt8])) {
        if datagram.destination == introducerAddress {
            let parsed = ChatDatagram(bytes: datagram.bytes)!
            for outgoing in introducer.receive(parsed, from: datagram.source, now: now) {
                inFlight.append((now + 10_000, introducerAddress, outgoing.destination, outgoing.datagram.bytes))
            }
            return
        }
        for index in users.indices {
            let reached: NodeAddress?
            if let nat = nats[index], nat.publicIPv4 == datagram.destination.ipv4 {
                reached = nat.inbound(to: datagram.destination, from: datagram.source)
            } else {
                reached = datagram.destination == inside[index] ? inside[index] : nil
            }
            if reached == inside[index] { users[index].receive(datagram.bytes, from: datagram.source, now: now) }
        }
    }

    func established(_ index: Int) -> Bool {
        events[index].contains { if case .established = $0 { true } else { false } }
    }

    func texts(at index: Int) -> [String] {
        events[index].compactMap { if case .delivered(_, _, let text) = $0 { String(decoding: text, as: UTF8.self) } else { nil } }
    }
}

@Suite struct HolePunchingTests {
    let alice = ChatIdentity.generate()
    let bob = ChatIdentity.generate()

    /// Alice writes to Bob at the address his introducer saw, asking it for an introduction unless `introduced` is false.
    func attempt(symmetric: [Bool?], introduced: Bool = true, for duration: Int64 = 20_000_000) throws -> PunchingNetwork {
        var network = PunchingNetwork([alice, bob], symmetric: symmetric)
        network.register(0)
        network.register(1)
        let bobSeen = try #require(network.seenAddress(of: 1))
        try network.users[0].connect(
            to: bob.publicKey, at: bobSeen, session: 7, sending: [Array("hi bob".utf8)],
            introducer: introduced ? network.introducerAddress : nil, now: network.now)
        network.run(for: duration)
        return network
    }

    @Test func twoConeNATsConnectThroughAnIntroduction() throws {
        var network = try attempt(symmetric: [false, false])
        #expect(network.established(0) && network.established(1))
        #expect(network.texts(at: 1) == ["hi bob"])
        try network.users[1].send(Array("hi alice".utf8), to: alice.publicKey, now: network.now)
        network.run(for: 1_000_000)
        #expect(network.texts(at: 0) == ["hi alice"])
        #expect(network.users[0].dropped == 0 && network.users[1].dropped == 0)
    }

    @Test func thePunchBringsTheHelloAgainAtOnce() throws {
        // Hello (dropped at Bob's NAT), introduction, punch, hello again, reply: five 10 ms hops, well before the
        // first retry at 500 ms.
        let network = try attempt(symmetric: [false, false], for: 100_000)
        #expect(network.established(0) && network.established(1))
    }

    @Test func withoutTheIntroductionBobsNATKeepsAliceOut() throws {
        let network = try attempt(symmetric: [false, false], introduced: false)
        #expect(!network.established(1))
        #expect(network.events[0].contains { if case .failed(_, _, _, .noAnswer, _) = $0 { true } else { false } })
    }

    @Test func aPublicUserReachesASymmetricNATThroughThePunchsPort() throws {
        let network = try attempt(symmetric: [nil, true])
        #expect(network.established(0) && network.texts(at: 1) == ["hi bob"])
        #expect(NATMapping.canConnect(.none, .perDestination))
    }

    @Test func aConeAndASymmetricNATCannotConnect() throws {
        let network = try attempt(symmetric: [false, true])
        #expect(!network.established(1), "the model agrees with canConnect")
        #expect(!NATMapping.canConnect(.endpointIndependent, .perDestination))
        #expect(!NATMapping.canConnect(.perDestination, .perDestination))
        #expect(NATMapping.canConnect(.endpointIndependent, .unknown))
    }

    @Test func theIntroducerOnlyIntroducesToRegisteredAddresses() {
        var introducer = Introducer()
        let bob = NodeAddress(ipv4: 0xC000_0203, port: 40_000), alice = NodeAddress(ipv4: 0xC000_0202, port: 40_000)
        let ask = ChatDatagram(kind: .introduce, session: 9, body: bob.chatBytes)
        #expect(introducer.receive(ask, from: alice, now: 0).isEmpty, "Bob has not registered")
        let answer = introducer.receive(ChatDatagram(kind: .register, session: 0, body: []), from: bob, now: 0)
        #expect(answer == [.init(destination: bob, datagram: ChatDatagram(kind: .registered, session: 0, body: bob.chatBytes))])
        #expect(introducer.receive(ask, from: alice, now: 1) == [
            .init(destination: bob, datagram: ChatDatagram(kind: .introduction, session: 9, body: alice.chatBytes)),
        ])
        #expect(introducer.receive(ask, from: alice, now: Introducer.registrationLifetime + 1).isEmpty, "the registration lapsed")
        #expect(introducer.receive(ChatDatagram(kind: .introduce, session: 9, body: [1, 2]), from: alice, now: 1).isEmpty, "malformed")
    }

    @Test func introductionsFromAnyoneButTheIntroducerAreRefused() {
        var endpoint = ChatEndpoint(identity: bob)
        endpoint.introducer = NodeAddress(ipv4: 0xC000_0201, port: 5601)
        let asker = NodeAddress(ipv4: 0xC000_0202, port: 40_000)
        let introduction = ChatDatagram(kind: .introduction, session: 3, body: asker.chatBytes)
        endpoint.receive(introduction.bytes, from: NodeAddress(ipv4: 0x0606_0606, port: 1), now: 0)
        #expect(endpoint.pollOutgoing() == nil && endpoint.dropped == 1)
        endpoint.receive(introduction.bytes, from: endpoint.introducer!, now: 0)
        #expect(endpoint.pollOutgoing() == .init(destination: asker, datagram: ChatDatagram(kind: .punch, session: 3, body: [])))
    }

    @Test func mappingsAreToldApartByTwoObservers() {
        let local = NodeAddress(ipv4: 0x0A01_0002, port: 4000)
        let mapped = NodeAddress(ipv4: 0xC000_0202, port: 4000)
        #expect(NATMapping.classify(local: local, seen: []) == .unknown)
        #expect(NATMapping.classify(local: local, seen: [local, local]) == .none)
        #expect(NATMapping.classify(local: local, seen: [mapped]) == .unknown)
        #expect(NATMapping.classify(local: local, seen: [mapped, mapped]) == .endpointIndependent)
        #expect(NATMapping.classify(local: local, seen: [mapped, NodeAddress(ipv4: 0xC000_0202, port: 4001)]) == .perDestination)
    }
}
