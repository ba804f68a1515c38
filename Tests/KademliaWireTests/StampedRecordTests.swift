import KademliaCore
import KademliaWire
import Testing

@Suite struct StampedRecordTests {
    let writerID = NodeID(bytes: repeated(0x77))!

    func payload(_ record: Record) -> [UInt8] {
        var writer = MessagePackWriter()
        writer.writeRecord(record)
        return writer.bytes
    }

    func decoded(_ bytes: [UInt8]) throws -> Record {
        var reader = MessagePackReader(bytes: bytes)
        return try Record(wire: reader.read())
    }

    @Test func layoutIsOneBinWithHeaderThenValue() {
        let record = Record(value: .string("hi"), stamp: Stamp(version: 0x0102_0304_0506_0708, writer: writerID))
        let expected = hex("c4 24") + Array("KDTS".utf8) + [1] + hex("0102030405060708") + repeated(0x77) + hex("a2 6869")
        #expect(payload(record) == expected)
        #expect(MessagePackSize.record(record) == expected.count)
    }

    @Test(arguments: [Value.string("x"), .bytes([1, 2]), .int(-9), .float(0.5), .bool(false)])
    func everyValueKindRoundTrips(value: Value) throws {
        let stamped = Record(value: value, stamp: Stamp(version: 42, writer: writerID))
        #expect(try decoded(payload(stamped)) == stamped)
        #expect(try decoded(payload(Record(value: value))) == Record(value: value))
    }

    /// Bytes that merely resemble the header stay ordinary bytes values.
    @Test func anythingButAValidHeaderIsPlainBytes() throws {
        let valid = payload(Record(value: .int(5), stamp: Stamp(version: 1, writer: writerID)))
        let content = Array(valid.dropFirst(2))
        var wrongFormat = content
        wrongFormat[4] = 2
        var wrongMagic = content
        wrongMagic[0] = UInt8(ascii: "X")
        let cases: [[UInt8]] = [wrongFormat, wrongMagic, content + [0], Array(content.dropLast()), Array("KDTS".utf8)]
        for bytes in cases {
            var writer = MessagePackWriter()
            writer.writeBinary(bytes)
            #expect(try decoded(writer.bytes) == Record(value: .bytes(bytes)))
        }
    }
}
