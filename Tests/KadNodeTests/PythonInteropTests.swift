import KadNode
import KademliaCore
import KademliaWire
import Testing

extension NodeTests {
    /// Swift and Python kademlia 2.2.3 nodes in one network on 127.0.0.1.
    @Suite(.enabled(if: PythonInterpreter.shouldRun, PythonInterpreter.skipReason), .timeLimit(.minutes(3)))
    struct PythonInteropTests {
        @Test func swiftNodeJoinsPythonNetworkAndValuesCrossBothWays() async throws {
            try await withPythonNetwork(count: 10) { python in
                try await withSwiftNodes(1, joining: [python.address(0)]) { swift in
                    let node = swift[0]
                    #expect(try await node.statistics().routingTableSize == 10)
                    for (index, value) in sampleValues.enumerated() {
                        let swiftKey = "from swift \(index)"
                        let (_, storedAt) = try await node.put(key: NodeID(hashing: swiftKey), value: value)
                        #expect(storedAt == 10)
                        #expect(try python.get(node: (index * 3) % 10, key: swiftKey) == value)

                        let pythonKey = "from python \(index)"
                        #expect(try python.set(node: (index * 7 + 1) % 10, key: pythonKey, value: value))
                        #expect(try await node.get(key: NodeID(hashing: pythonKey)) == Record(value: value))
                    }
                }
            }
        }

        /// Raw requests to a Python node, so its replies go through the decoder rather than a local copy.
        @Test func pythonRepliesDecodeToTheRightResponses() async throws {
            try await withPythonNetwork(count: 3) { python in
                // Set before the probe becomes a contact: Python's set() would wait out a STORE to the silent probe.
                for (index, value) in sampleValues.enumerated() {
                    #expect(try python.set(node: 1, key: "raw \(index)", value: value))
                }
                let probe = try UDPProbe()
                let probeID = NodeID(hashing: "probe")
                var counter = 0
                func ask(_ request: Request) throws -> Response {
                    counter += 1
                    let message = Message(id: MessageID(bits: NodeID(hashing: "request \(counter)")), body: .request(request, sender: probeID))
                    probe.send(WireCodec.encode(message), to: python.address(0))
                    // The probe is a contact now, so Python nodes may also send it requests.
                    while let datagram = probe.receive(timeout: .seconds(5)) {
                        let decoded = try WireCodec.decode(datagram.bytes)
                        if decoded.id == message.id, case .response(let response) = decoded.body { return response }
                    }
                    throw TestFailure("no reply to \(request)")
                }
                guard case .pong = try ask(.ping) else { throw TestFailure("ping was not answered with a pong") }
                #expect(try ask(.stun) == .stunAddress(probe.address))
                guard case .nodes(let contacts) = try ask(.findNode(target: probeID)) else { throw TestFailure("no nodes") }
                #expect(Set(contacts.map(\.address)) == Set([python.address(1), python.address(2)]))
                for (index, value) in sampleValues.enumerated() {
                    #expect(try ask(.findValue(key: NodeID(hashing: "raw \(index)"))) == .value(Record(value: value)))
                }
                #expect(try ask(.store(key: NodeID(hashing: "raw store"), record: Record(value: .int(7)))) == .stored(true))
                #expect(try python.local(node: 0, key: "raw store") == .int(7))
            }
        }

        /// u-msgpack-python reads each payload and packs it again: equal bytes mean the same encoding choices.
        @Test func payloadsAreWhatUmsgpackWouldPack() async throws {
            try await withPythonNetwork(count: 0) { python in
                var generator = SeededGenerator(seed: 3)
                let messages = (0..<2_000).map { _ in randomMessage(using: &generator) }
                let payloads = messages.map { Array(WireCodec.encode($0).dropFirst(WireLimits.headerBytes)) }
                let mismatches = try python.repackMismatches(payloads)
                #expect(mismatches.isEmpty, "first mismatch: \(mismatches.first.map { messages[$0] }.debugDescription)")
            }
        }

        @Test func mixedNetworkServesEveryKeyFromEveryNode() async throws {
            try await withPythonNetwork(count: 5) { python in
                try await withSwiftNodes(5, joining: [python.address(0)]) { swift in
                    var generator = SeededGenerator(seed: 5)
                    var expected: [(key: String, value: Value)] = []
                    for index in 0..<100 {
                        let key = "mixed \(index)"
                        let value = sampleValues[Int.random(in: 0..<sampleValues.count, using: &generator)]
                        let writer = Int.random(in: 0..<10, using: &generator)
                        if writer < 5 {
                            let (_, storedAt) = try await swift[writer].put(key: NodeID(hashing: key), value: value)
                            #expect(storedAt == 9, "\(key) from Swift node \(writer)")
                        } else {
                            #expect(try python.set(node: writer - 5, key: key, value: value))
                        }
                        expected.append((key, value))
                    }
                    for (key, value) in expected {
                        for node in swift {
                            #expect(try await node.get(key: NodeID(hashing: key)) == Record(value: value), "\(key) at \(node.address)")
                        }
                        for index in 0..<5 {
                            #expect(try python.get(node: index, key: key) == value, "\(key) at Python node \(index)")
                        }
                    }
                }
            }
        }

        @Test func pythonNodeFindsTheNetworkThroughOneSwiftNode() async throws {
            try await withSwiftNodes(4) { swift in
                try await withPythonNetwork(count: 3, bootstrap: swift[0].address) { others in
                    try await withPythonNetwork(count: 1, bootstrap: swift[0].address) { newcomer in
                        let known = Set(try newcomer.contacts(node: 0))
                        #expect(known == Set(swift.map(\.address) + others.addresses))
                        #expect(try newcomer.set(node: 0, key: "newcomer", value: .string("hello")))
                        #expect(try await swift[3].get(key: NodeID(hashing: "newcomer")) == Record(value: .string("hello")))
                    }
                }
            }
        }

        /// Python holders keep stamped records as opaque bytes; a Swift reader must still pick the newest
        /// when some holders return an older version, and push the newest back to them.
        @Test func timestampedRecordsThroughPythonHoldersComeBackNewestFirst() async throws {
            var timestamped = KademliaConfiguration()
            timestamped.storeMode = .timestamped
            try await withPythonNetwork(count: 5) { python in
                try await withSwiftNodes(1, joining: [python.address(0)], configuration: timestamped) { writers in
                    let writer = writers[0]
                    let key = "versioned"
                    let (first, _) = try await writer.put(key: NodeID(hashing: key), value: .string("v1"))
                    let (second, storedAt) = try await writer.put(key: NodeID(hashing: key), value: .string("v2"))
                    #expect(first.stamp == Stamp(version: 0, writer: writer.id))
                    #expect(second.stamp == Stamp(version: 1, writer: writer.id))
                    #expect(storedAt == 5)
                    #expect(try python.get(node: 2, key: key) == .bytes(storedBytes(second)))

                    for stale in [1, 3] {
                        try python.storeLocal(node: stale, key: key, value: .bytes(storedBytes(first)))
                    }
                    try await withSwiftNodes(1, joining: [python.address(4)], configuration: timestamped) { readers in
                        let newest = try await readers[0].get(key: NodeID(hashing: key))
                        #expect(newest == second)
                    }
                    for stale in [1, 3] {
                        #expect(try await eventually { try python.local(node: stale, key: key) == .bytes(storedBytes(second)) })
                    }
                }
            }
        }

        /// The bytes a Python holder keeps for a stamped record: the content of its bin.
        func storedBytes(_ record: Record) throws -> [UInt8] {
            var writer = MessagePackWriter()
            writer.writeRecord(record)
            var reader = MessagePackReader(bytes: writer.bytes)
            guard case .binary(let content) = try reader.read() else { throw TestFailure("stamped record is not a bin") }
            return content
        }
    }
}

/// Every message kind, with lengths and numbers that cross msgpack's encoding boundaries.
func randomMessage(using generator: inout SeededGenerator) -> Message {
    func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &generator) }
    func id() -> NodeID { NodeID.random(using: &generator) }
    func value() -> Value {
        switch int(0...4) {
        case 0: return .string(String(repeating: "é", count: int(0...200)))
        case 1: return .bytes([UInt8](repeating: 7, count: int(0...300)))
        case 2: return .int(Int64.random(in: Int64.min...Int64.max, using: &generator) >> Int64(int(0...63)))
        case 3: return .float(Double.random(in: -1e6...1e6, using: &generator))
        default: return .bool(int(0...1) == 1)
        }
    }
    func record() -> Record {
        Record(value: value(), stamp: int(0...1) == 0 ? nil : Stamp(version: UInt64(int(0...Int.max)), writer: id()))
    }
    func address() -> NodeAddress {
        NodeAddress(ipv4: UInt32.random(in: 0...UInt32.max, using: &generator), port: UInt16.random(in: 0...UInt16.max, using: &generator))
    }
    let bodies: [MessageBody] = [
        .request(.ping, sender: id()), .request(.store(key: id(), record: record()), sender: id()),
        .request(.findNode(target: id()), sender: id()), .request(.findValue(key: id()), sender: id()),
        .request(.stun, sender: .zero), .response(.pong(id())), .response(.stored(int(0...1) == 1)),
        .response(.nodes((0..<int(0...20)).map { _ in Contact(id: id(), address: address()) })),
        .response(.value(record())), .response(.stunAddress(address())),
    ]
    return Message(id: MessageID(bits: id()), body: bodies[int(0...bodies.count - 1)])
}

/// Polls `condition` for up to `timeout`; for effects that arrive in fire-and-forget datagrams.
func eventually(timeout: Duration = .seconds(5), _ condition: () async throws -> Bool) async throws -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try await condition() { return true }
        try await Task.sleep(for: .milliseconds(50))
    }
    return try await condition()
}
