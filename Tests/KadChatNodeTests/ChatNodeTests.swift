import KadChat
import KadChatNode
import KadNode
import KademliaCore
import Testing

@Suite(.timeLimit(.minutes(2))) struct ChatNodeTests {
    /// The next event of `chat`, or nil after `seconds`.
    static func nextEvent(of chat: ChatNode, within seconds: Int = 10) async -> ChatEndpoint.Event? {
        await withTaskGroup(of: ChatEndpoint.Event?.self) { group in
            group.addTask {
                var iterator = chat.events.makeAsyncIterator()
                return await iterator.next()
            }
            group.addTask {
                try? await Task.sleep(for: .seconds(seconds))
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
    }

    @Test func twoUsersFindEachOtherThroughTheDHTAndTalkDirectly() async throws {
        var configuration = KademliaConfiguration()
        configuration.storeMode = .signed
        let dht = try await UDPNode.start(configuration: configuration)
        let alice = try await ChatNode.start(identity: .generate(), name: "alice", bootstrap: [dht.address])
        let bob = try await ChatNode.start(identity: .generate(), name: "bob", bootstrap: [dht.address])
        defer { Task { await alice.shutdown(); await bob.shutdown(); await dht.shutdown() } }

        #expect(try await bob.publishPresence() >= 2, "stored at the DHT node and at Alice's")
        let found = try #require(try await alice.presence(of: bob.identity.publicKey))
        #expect(bob.reachableAddress == bob.node.address, "on loopback the DHT node sees the socket's own address")
        #expect(found == bob.presence && found.address == bob.node.address)

        try await alice.send(Array("hello bob".utf8), to: bob.identity.publicKey)
        let opened = await Self.nextEvent(of: bob)
        guard case .established(_, let peer, let address)? = opened else {
            Issue.record("expected the session to open, got \(String(describing: opened))")
            return
        }
        #expect(peer == alice.identity.publicKey && address == alice.node.address)
        let delivered = await Self.nextEvent(of: bob)
        guard case .delivered(_, let sender, let text)? = delivered else {
            Issue.record("expected a delivery, got \(String(describing: delivered))")
            return
        }
        #expect(sender == alice.identity.publicKey && text == Array("hello bob".utf8))

        // Bob answers on the session Alice opened: no lookup needed.
        try await bob.send(Array("hello alice".utf8), to: alice.identity.publicKey)
        _ = await Self.nextEvent(of: alice)  // established
        let answer = await Self.nextEvent(of: alice)
        #expect(answer.map { if case .delivered(_, _, let text) = $0 { text } else { [] } } == Array("hello alice".utf8))
        let dropped = (try await alice.dropped(), try await bob.dropped())
        #expect(dropped == (0, 0))
    }

    @Test func aNameLeadsToTheKeyThatClaimedItFirst() async throws {
        var configuration = KademliaConfiguration()
        configuration.storeMode = .signed
        let dht = try await UDPNode.start(configuration: configuration)
        let alice = try await ChatNode.start(identity: .generate(), name: "alice", bootstrap: [dht.address])
        let impostor = try await ChatNode.start(identity: .generate(), name: "alice", bootstrap: [dht.address])
        defer { Task { await alice.shutdown(); await impostor.shutdown(); await dht.shutdown() } }

        let claimed = try await alice.claimName()
        #expect(claimed == .claimed(storedAt: 2), "at the DHT node and the impostor's node (a put stores at the others)")
        #expect(try await impostor.claimName() == .takenBy(identityKey: alice.identity.publicKey))
        #expect(try await dht.statistics().recordsRefused >= 1, "the DHT node refused the impostor's claim and counted it")
        #expect(try await alice.claimName() == claimed, "renewing with a higher sequence number")
        #expect(try await impostor.identityKey(named: "alice") == alice.identity.publicKey)
        #expect(try await impostor.identityKey(named: "nobody") == nil)
    }

    @Test func aUserWithoutPresenceIsNotFound() async throws {
        var configuration = KademliaConfiguration()
        configuration.storeMode = .signed
        let dht = try await UDPNode.start(configuration: configuration)
        let alice = try await ChatNode.start(identity: .generate(), name: "alice", bootstrap: [dht.address])
        defer { Task { await alice.shutdown(); await dht.shutdown() } }
        let nobody = ChatIdentity.generate().publicKey
        await #expect(throws: ChatNodeError.notFound(identityKey: nobody)) {
            try await alice.send(Array("anyone?".utf8), to: nobody)
        }
    }
}
