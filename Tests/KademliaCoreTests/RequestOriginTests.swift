import Testing
@testable import KademliaCore

@Suite struct RequestOriginTests {
    static func total(_ tally: RequestTally) -> Int { RequestOrigin.allCases.reduce(0) { $0 + tally[$1] } }

    @Test func everyRequestIsCountedOnceUnderWhatItWasFor() throws {
        var network = StoreTests.network(mode: .plain) {
            $0.recordTTL = 2 * Time.hour
            $0.republishInterval = Time.hour
        }
        let requestsBefore = network.log.filter { $0.contains(".request(") }.count
        let tallyBefore = network.nodes.map(\.requestsSent).reduce(RequestTally(), +)
        #expect(requestsBefore > 0 && Self.total(tallyBefore) == requestsBefore, "joins are counted")
        #expect(tallyBefore[.join] > 0 && tallyBefore[.put] == 0 && tallyBefore[.republish] == 0)

        let putsBefore = network.nodes[4].requestsSent[.put]
        let operation = network.start(.put(key: NodeID(hashing: "grace"), value: .bool(true)), at: 4)
        network.runUntilIdle()
        let (_, stats) = try #require(network.result(of: operation, at: 4))
        #expect(network.nodes[4].requestsSent[.put] - putsBefore == stats.messages, "a put's requests are its messages")
        #expect(stats.messages > 20, "a lookup and k STOREs")

        network.run(until: network.now + 3 * Time.hour)
        let requests = network.log.filter { $0.contains(".request(") }.count
        let tally = network.nodes.map(\.requestsSent).reduce(RequestTally(), +)
        #expect(Self.total(tally) == requests)
        #expect(tally[.republish] > 0, "holders pushed the record again")
        #expect(tally[.refresh] > 0, "idle buckets were refreshed")
        #expect(tally[.get] == 0 && tally[.findNode] == 0)
    }

    @Test func aFullBucketsHeadCheckIsCountedAsSuch() {
        var configuration = KademliaConfiguration()
        configuration.k = 2
        let ownID = NodeID(high: 0, middle: 0, low: 0)
        var node = KademliaNode(id: ownID, address: NodeAddress(ipv4: 0x0A00_0001, port: 4000), configuration: configuration, seed: 1)
        // Three senders from the far half of the id space: the third finds that bucket full.
        for number in 0..<3 {
            let sender = NodeID(high: 1 << 63 | UInt64(number), middle: 0, low: 0)
            let ping = Message(id: MessageID(bits: NodeID(high: 9, middle: 9, low: UInt32(number))), body: .request(.ping, sender: sender))
            node.handle(ping, from: NodeAddress(ipv4: 0x0A00_0100 + UInt32(number), port: 4000), now: Microseconds(number))
        }
        #expect(node.requestsSent[.headCheck] == 1)
        #expect(Self.total(node.requestsSent) == 1)
    }
}
