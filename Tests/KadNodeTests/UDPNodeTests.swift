import KadNode
import KademliaCore
import KademliaWire
import Testing

extension NodeTests {
    @Suite(.timeLimit(.minutes(2))) struct UDPNodeTests {
        var quick: KademliaConfiguration {
            var configuration = KademliaConfiguration()
            configuration.rpcTimeout = 300 * Time.millisecond
            return configuration
        }

        @Test func nodesJoinPutAndGetOverLoopback() async throws {
            try await withSwiftNodes(4) { nodes in
                for node in nodes {
                    #expect(try await node.statistics().routingTableSize == 3)
                }
                let key = NodeID(hashing: "over loopback")
                let (record, storedAt) = try await nodes[1].put(key: key, value: .int(42))
                #expect(record == Record(value: .int(42)))
                #expect(storedAt == 3)
                #expect(try await nodes[3].get(key: key) == Record(value: .int(42)))
                #expect(try await nodes[2].get(key: NodeID(hashing: "absent")) == nil)
            }
        }

        @Test func answersARawPingWithItsOwnID() async throws {
            try await withSwiftNodes(1) { nodes in
                let probe = try UDPProbe()
                let probeID = NodeID(hashing: "probe")
                let ping = Message(id: MessageID(bits: NodeID(hashing: "ping 1")), body: .request(.ping, sender: probeID))
                probe.send(WireCodec.encode(ping), to: nodes[0].address)
                let reply = try #require(probe.receive(timeout: .seconds(5)))
                #expect(reply.source == nodes[0].address)
                #expect(try WireCodec.decode(reply.bytes) == Message(id: ping.id, body: .response(.pong(nodes[0].id))))
            }
        }

        @Test func aNodeLearnsTheAddressAnotherSeesItAt() async throws {
            let silent = try UDPProbe()
            try await withSwiftNodes(2, configuration: quick) { nodes in
                let seen = try await nodes[1].observedAddress(via: nodes[0].address)
                let unanswered = try await nodes[1].observedAddress(via: silent.address)
                #expect(seen == nodes[1].address)
                #expect(unanswered == nil, "no answer within the timeout")
            }
        }

        @Test func aTakenPortIsReportedAsInUse() async throws {
            try await withSwiftNodes(1) { nodes in
                await #expect(throws: KadNodeError.addressInUse(host: "127.0.0.1", port: Int(nodes[0].address.port))) {
                    try await UDPNode.start(port: Int(nodes[0].address.port))
                }
            }
        }

        @Test func joiningThroughNobodyFails() async throws {
            let silent = try UDPProbe()
            try await withSwiftNodes(1, configuration: quick) { nodes in
                await #expect(throws: KadNodeError.bootstrapUnreachable([silent.address])) {
                    try await nodes[0].join([silent.address])
                }
            }
        }

        @Test func startingWithABootstrapJoinsTheNetwork() async throws {
            try await withSwiftNodes(2) { nodes in
                let node = try await UDPNode.start(bootstrap: [nodes[0].address], storeMode: .timestamped)
                #expect(node.configuration.storeMode == .timestamped)
                #expect(try await node.statistics().routingTableSize == 2)
                await node.shutdown()
            }
        }

        /// The join at start can fail on an unreachable bootstrap; the port must not stay taken.
        @Test func aFailedJoinAtStartReleasesThePort() async throws {
            let silent = try UDPProbe()
            let port = try await UDPNode.start().shutdownReturningPort()
            await #expect(throws: KadNodeError.bootstrapUnreachable([silent.address])) {
                try await UDPNode.start(port: port, bootstrap: [silent.address], storeMode: .plain)
            }
            try await UDPNode.start(port: port).shutdown()
        }

        @Test func operationsAfterShutdownFail() async throws {
            let node = try await UDPNode.start()
            await node.shutdown()
            await #expect(throws: KadNodeError.shutDown) { try await node.get(key: NodeID(hashing: "x")) }
        }
    }
}

extension UDPNode {
    func shutdownReturningPort() async -> Int {
        await shutdown()
        return Int(address.port)
    }
}
