import KademliaCore
import Testing

@testable import KademliaWire

@Suite struct SignedRecordWireTests {
    static let privateKey = [UInt8](repeating: 7, count: 32)

    static func message(_ body: MessageBody) -> Message {
        Message(id: MessageID(bits: NodeID(high: 1, middle: 2, low: 3)), body: body)
    }

    @Test func signedRecordsRoundTripInStoreAndFindValueAndStillVerify() throws {
        let record = try RecordSigner.sign(.string("10.0.0.7:4000"), sequence: 41, privateKey: Self.privateKey)
        let signature = try #require(record.signature)
        let key = RecordSignature.key(for: signature.publicKey)
        for body: MessageBody in [
            .request(.store(key: key, record: record), sender: NodeID(high: 9, middle: 9, low: 9)),
            .response(.value(record)),
        ] {
            let message = Self.message(body)
            let bytes = WireCodec.encode(message)
            #expect(bytes.count == WireCodec.encodedSize(of: message))
            let decoded = try WireCodec.decode(bytes)
            #expect(decoded == message)
        }
        #expect(RecordSignature.isAuthentic(record, key: key))
    }

    @Test func signedBinLayout() throws {
        let record = try RecordSigner.sign(.int(5), sequence: 0x0102, privateKey: Self.privateKey)
        var writer = MessagePackWriter(reservingCapacity: 200)
        writer.writeRecord(record)
        let bytes = writer.bytes
        // bin 8 header (0xc4, length), then "KDSG", format 1, sequence big-endian, key, signature, msgpack 5.
        #expect(bytes[0] == 0xC4)
        #expect(Int(bytes[1]) == SignedRecordHeader.byteCount + 1)
        #expect(Array(bytes[2..<6]) == Array("KDSG".utf8))
        #expect(bytes[6] == 1)
        #expect(Array(bytes[7..<15]) == [0, 0, 0, 0, 0, 0, 1, 2])
        #expect(Array(bytes[15..<47]) == record.signature?.publicKey)
        #expect(Array(bytes[47..<111]) == record.signature?.signature)
        #expect(bytes.last == 0x05)
        #expect(bytes.count == MessagePackSize.record(record))
    }

    @Test func malformedSignedBinsStayBytesAndStampedRecordsStayStamped() throws {
        let short = Array("KDSG".utf8) + [1, 0, 0]
        #expect(try Record(wire: .binary(short)) == Record(value: .bytes(short)))
        let stamped = Record(value: .string("x"), stamp: Stamp(version: 3, writer: NodeID(high: 5, middle: 6, low: 7)))
        var writer = MessagePackWriter(reservingCapacity: 100)
        writer.writeRecord(stamped)
        var reader = MessagePackReader(bytes: writer.bytes, offset: 0)
        #expect(try Record(wire: reader.read()) == stamped)
    }
}
