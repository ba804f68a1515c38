import Foundation
import KadNode
import KademliaCore
import KademliaWire
import Synchronization
import Testing

extension NodeTests {
    @Suite(.timeLimit(.minutes(3))) struct RobustnessTests {
        var quick: KademliaConfiguration {
            var configuration = KademliaConfiguration()
            configuration.rpcTimeout = 300 * Time.millisecond
            return configuration
        }

        /// A peer answering every request with a malformed node list costs the lookup one RPC, not the lookup.
        @Test func malformedReplyFailsOnlyThatRPC() async throws {
            try await withSwiftNodes(2, configuration: quick) { nodes in
                let liar = try MalformedPeer()
                defer { liar.stop() }
                try liar.introduce(to: nodes[0].address)

                try await withSwiftNodes(1, joining: [nodes[0].address], configuration: quick) { newcomer in
                    let joined = newcomer[0]
                    #expect(liar.requestsReceived(from: joined.address) > 0, "the liar was asked during the join lookup")
                    #expect(try await joined.statistics().datagramsMalformed > 0)
                    let contacts = try await joined.findNode(NodeID(hashing: "anything"))
                    #expect(Set(contacts.map(\.address)) == Set(nodes.map(\.address)))
                    let (_, storedAt) = try await joined.put(key: NodeID(hashing: "still works"), value: .bool(true))
                    #expect(storedAt == 2)
                }
            }
        }

        /// 100,000 hostile datagrams; the node must keep answering and its memory must stay flat.
        @Test func survivesAHundredThousandHostileDatagrams() async throws {
            try await withSwiftNodes(1) { nodes in
                let node = nodes[0]
                let probe = try UDPProbe()
                var hostile = HostileDatagrams(seed: 99)
                try expectPong(from: node, probe: probe, round: 0)
                let residentBefore = residentBytes()
                let receivedBefore = try await node.statistics().datagramsReceived
                let total = 100_000
                var rounds = 0
                var pendingBytes = 0
                for index in 1...total {
                    let datagram = hostile.next()
                    probe.send(datagram, to: node.address)
                    pendingBytes += datagram.count + 1_024
                    // A round trip every so often paces the flood to what the kernel's receive buffer holds.
                    if pendingBytes > 96 * 1_024 || index == total {
                        rounds += 1
                        try expectPong(from: node, probe: probe, round: rounds)
                        pendingBytes = 0
                    }
                }
                let statistics = try await node.statistics()
                let residentGrowth = residentBytes() - residentBefore
                let delivered = statistics.datagramsReceived - receivedBefore - rounds
                #expect(delivered >= total * 9 / 10, "most datagrams reached the node: \(delivered)")
                #expect(statistics.datagramsMalformed >= delivered / 2)
                #expect(residentGrowth < 16 * 1024 * 1024, "resident set grew by \(residentGrowth) bytes")
            }
        }

        /// 50,000 pings under made-up ids from one address (a cheap Sybil flood), half before and half during a put
        /// and a get: with one contact per address (the UDP node's default) both finish within seconds, and the
        /// flooded table holds at most one contact of the flooding address.
        @Test func sybilFloodFromOneAddressLeavesPutAndGetFast() async throws {
            var configuration = KademliaConfiguration()
            configuration.addressLimits = UDPNode.defaultAddressLimits
            try await withSwiftNodes(6, configuration: configuration) { nodes in
                let target = nodes[0]
                let flooder = try UDPProbe()
                func flood(_ range: Range<Int>) throws {
                    for index in range {
                        let ping = Message(
                            id: MessageID(bits: NodeID(hashing: "sybil ping \(index)")),
                            body: .request(.ping, sender: NodeID(hashing: "sybil \(index)")))
                        flooder.send(WireCodec.encode(ping), to: target.address)
                        // As fast as the node reads: a flood beyond what a host can read overflows the kernel's
                        // receive buffer and drops honest replies too, whatever the routing table does.
                        if index % 80 == 79 { try expectPong(from: target, probe: flooder, round: index) }
                    }
                }
                try flood(0..<25_000)
                let during = Task { try flood(25_000..<50_000) }
                let clock = ContinuousClock()
                let started = clock.now
                let key = NodeID(hashing: "under a flood")
                let (_, storedAt) = try await target.put(key: key, value: .string("still here"))
                let record = try await nodes[5].get(key: key)
                let elapsed = clock.now - started
                try await during.value
                #expect(record?.value == .string("still here"))
                #expect(storedAt >= 4, "at least 4 of the 5 honest nodes hold the record")
                // The one flood contact in the table costs a lookup at most one RPC timeout (5 s).
                #expect(elapsed < .seconds(12), "put and get took \(elapsed)")
                print("sybil flood: put and get in \(elapsed)")
                let statistics = try await target.statistics()
                #expect(statistics.datagramsReceived > 45_000)
                #expect(statistics.routingTableSize <= 6, "5 honest contacts and at most one from the flood")
            }
        }

        func expectPong(from node: UDPNode, probe: UDPProbe, round: Int) throws {
            let ping = Message(id: MessageID(bits: NodeID(hashing: "flood ping \(round)")), body: .request(.ping, sender: NodeID(hashing: "flood")))
            // The kernel may drop the ping itself when the flood fills the buffer, so ask up to three times.
            for _ in 0..<3 {
                probe.send(WireCodec.encode(ping), to: node.address)
                // Valid requests in the flood draw replies too; skip them until the pong for this round.
                while let reply = probe.receive(timeout: .seconds(1)) {
                    if let message = try? WireCodec.decode(reply.bytes), message.id == ping.id {
                        #expect(message.body == .response(.pong(node.id)))
                        return
                    }
                }
            }
            throw TestFailure("no pong in round \(round)")
        }

        func residentBytes() -> Int {
            let fields = ((try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8)) ?? "").split(separator: " ")
            return fields.count > 1 ? (Int(fields[1]) ?? 0) * Int(sysconf(Int32(_SC_PAGESIZE))) : 0
        }
    }
}
