import KademliaCore
import KademliaWire
import Testing

/// Requests the Python library would not answer must not decode either.
@Suite struct RequestDecodingTests {
    let sender = NodeID(bytes: repeated(0xbb))!
    let key = NodeID(bytes: repeated(0x11))!

    func datagram(_ payload: MessagePackValue, type: UInt8 = 0x00) -> [UInt8] {
        var writer = MessagePackWriter()
        writer.writeRaw(type)
        writer.writeRaw(repeated(0x42))
        writer.write(payload)
        return writer.bytes
    }

    func request(_ name: String, _ arguments: [MessagePackValue]) -> [UInt8] {
        datagram(.array([.string(name), .array(arguments)]))
    }

    var id: MessagePackValue { .binary(sender.bytes) }

    @Test func decodesEveryRPC() throws {
        #expect(try WireCodec.decode(request("ping", [id])).body == .request(.ping, sender: sender))
        #expect(
            try WireCodec.decode(request("store", [id, .binary(key.bytes), .int(-7)])).body
                == .request(.store(key: key, record: Record(value: .int(-7))), sender: sender))
        #expect(
            try WireCodec.decode(request("find_node", [id, .binary(key.bytes)])).body
                == .request(.findNode(target: key), sender: sender))
        #expect(
            try WireCodec.decode(request("find_value", [id, .binary(key.bytes)])).body
                == .request(.findValue(key: key), sender: sender))
        #expect(try WireCodec.decode(request("stun", [])).body == .request(.stun, sender: .zero))
    }

    @Test func ignoresBytesAfterThePayload() throws {
        let message = try WireCodec.decode(request("ping", [id]) + [0xc1, 0xff, 0x00])
        #expect(message.body == .request(.ping, sender: sender))
    }

    @Test func rejectsTheProbesThePythonNodeIgnores() {
        #expect(throws: WireError.unknownRPC("frobnicate")) { try WireCodec.decode(request("frobnicate", [id])) }
        #expect(throws: WireError.malformedRequest) { try WireCodec.decode(request("ping", [.string("bb")])) }
        #expect(throws: WireError.malformedRequest) { try WireCodec.decode(request("ping", [])) }
        #expect(throws: WireError.malformedRequest) { try WireCodec.decode(request("ping", [id, id])) }
        #expect(throws: WireError.malformedRequest) {
            try WireCodec.decode(datagram(.map([.init(key: .string("ping"), value: .array([id]))])))
        }
        #expect(throws: WireError.malformedRequest) {
            try WireCodec.decode(request("store", [id, .string("key"), .string("v")]))
        }
        #expect(throws: WireError.unknownMessageType(0x02)) { try WireCodec.decode(datagram(.int(0), type: 0x02) + [0]) }
    }

    @Test func rejectsShapesOutsideTheProtocol() {
        #expect(throws: WireError.malformedRequest) { try WireCodec.decode(datagram(.array([.string("ping")]))) }
        #expect(throws: WireError.malformedRequest) {
            try WireCodec.decode(datagram(.array([.binary(Array("ping".utf8)), .array([id])])))
        }
        #expect(throws: WireError.malformedRequest) {
            try WireCodec.decode(datagram(.array([.string("ping"), id])))
        }
        #expect(throws: WireError.malformedRequest) { try WireCodec.decode(request("ping", [.binary([1, 2, 3, 4])])) }
        #expect(throws: WireError.malformedRequest) { try WireCodec.decode(request("stun", [id])) }
        #expect(throws: WireError.malformedRequest) { try WireCodec.decode(request("find_node", [id])) }
        #expect(throws: WireError.malformedRequest) { try WireCodec.decode(request("find_value", [id, .int(3)])) }
    }

    /// A Python client may store any msgpack object over the wire; only the five scalar types are values here.
    @Test func rejectsStoresOfNonScalarValues() {
        for value: MessagePackValue in [.null, .array([.int(1)]), .map([]), .uint(UInt64.max)] {
            #expect(throws: WireError.unsupportedValue) {
                try WireCodec.decode(request("store", [id, .binary(key.bytes), value]))
            }
        }
    }

    @Test func enforcesDatagramSizeBounds() {
        #expect(throws: WireError.datagramTooShort(21)) { try WireCodec.decode([0] + repeated(1)) }
        let oversized = request("store", [id, .binary(key.bytes), .binary([UInt8](repeating: 0, count: 70_000))])
        #expect(throws: WireError.datagramTooLarge(oversized.count)) { try WireCodec.decode(oversized) }
    }
}
