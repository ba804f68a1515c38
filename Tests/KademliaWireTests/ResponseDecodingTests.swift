import KademliaCore
import KademliaWire
import Testing

/// Replies carry no RPC name; the decoder must tell them apart by shape and refuse everything else.
@Suite struct ResponseDecodingTests {
    let peer = NodeID(bytes: repeated(0xcc))!

    func decode(_ payload: MessagePackValue) throws(WireError) -> Response {
        var writer = MessagePackWriter()
        writer.writeRaw(0x01)
        writer.writeRaw(repeated(0x42))
        writer.write(payload)
        let message = try WireCodec.decode(writer.bytes)
        guard case .response(let response) = message.body else { Issue.record("not a response"); throw .malformedResponse }
        return response
    }

    func triple(_ id: MessagePackValue, _ host: MessagePackValue, _ port: MessagePackValue) -> MessagePackValue {
        .array([id, host, port])
    }

    @Test func tellsResponsesApartByShape() throws {
        #expect(try decode(.binary(peer.bytes)) == .pong(peer))
        #expect(try decode(.bool(true)) == .stored(true))
        #expect(try decode(.array([])) == .nodes([]))
        #expect(
            try decode(.array([triple(.binary(peer.bytes), .string("10.1.2.3"), .int(4000))]))
                == .nodes([Contact(id: peer, address: NodeAddress("10.1.2.3:4000")!)]))
        #expect(try decode(.array([.string("127.0.0.1"), .int(47003)])) == .stunAddress(NodeAddress("127.0.0.1:47003")!))
        #expect(
            try decode(.map([.init(key: .string("value"), value: .float(2.5))]))
                == .value(Record(value: .float(2.5))))
    }

    /// The shapes the protocol notes list as killing a Python caller's lookup must be refused, not half-read.
    @Test func rejectsMalformedTriples() {
        let good = triple(.binary(peer.bytes), .string("127.0.0.1"), .int(5000))
        let bad: [MessagePackValue] = [
            triple(.string("cc"), .string("127.0.0.1"), .int(5000)),
            .array([.binary(peer.bytes), .string("127.0.0.1"), .int(5000), .int(1)]),
            triple(.binary(peer.bytes), .string("127.0.0.1"), .string("5000")),
            triple(.binary(peer.bytes), .binary(Array("127.0.0.1".utf8)), .int(5000)),
            triple(.binary(peer.bytes), .string("::1"), .int(5000)),
            triple(.binary(peer.bytes), .string("127.0.0.1"), .int(70_000)),
            triple(.binary(peer.bytes), .string("127.0.0.1"), .int(-1)),
            triple(.binary([1, 2, 3]), .string("127.0.0.1"), .int(5000)),
        ]
        for triple in bad {
            #expect(throws: WireError.malformedResponse) { try decode(.array([good, triple])) }
        }
    }

    @Test func rejectsValuesThatAreNotScalars() {
        for stored: MessagePackValue in [.null, .array([.int(1), .int(2)]), .map([])] {
            #expect(throws: WireError.unsupportedValue) {
                try decode(.map([.init(key: .string("value"), value: stored)]))
            }
        }
    }

    @Test func rejectsOtherShapes() {
        let rejected: [MessagePackValue] = [
            .binary([1, 2, 3, 4]), .int(1), .string("ok"), .null, .float(1),
            .map([.init(key: .string("values"), value: .int(1))]),
            .map([.init(key: .string("value"), value: .int(1)), .init(key: .string("extra"), value: .int(2))]),
            .array([.string("127.0.0.1"), .string("80")]),
            .array([.int(1)]),
        ]
        for payload in rejected {
            #expect(throws: WireError.malformedResponse) { try decode(payload) }
        }
    }
}
