import KademliaWire
import Testing

/// The writer must pick the same encodings as u-msgpack-python 2.8.0, and `MessagePackSize` must agree with it.
@Suite struct MessagePackWriterTests {
    func packed(_ write: (inout MessagePackWriter) -> Void) -> [UInt8] {
        var writer = MessagePackWriter()
        write(&writer)
        return writer.bytes
    }

    @Test(arguments: [
        (Int64(0), "00"), (127, "7f"), (128, "cc80"), (255, "ccff"), (256, "cd0100"), (65_535, "cdffff"),
        (65_536, "ce00010000"), (4_294_967_295, "ceffffffff"), (4_294_967_296, "cf0000000100000000"),
        (Int64.max, "cf7fffffffffffffff"), (-1, "ff"), (-32, "e0"), (-33, "d0df"), (-128, "d080"),
        (-129, "d1ff7f"), (-32_768, "d18000"), (-32_769, "d2ffff7fff"), (-2_147_483_648, "d280000000"),
        (-2_147_483_649, "d3ffffffff7fffffff"), (Int64.min, "d38000000000000000"),
    ])
    func integersUseTheSmallestFamily(number: Int64, expected: String) {
        let bytes = packed { $0.writeInt(number) }
        #expect(bytes == hex(expected))
        #expect(MessagePackSize.int(number) == bytes.count)
    }

    @Test func unsignedAboveInt64UsesUInt64() {
        #expect(packed { $0.writeUInt(UInt64.max) } == hex("cfffffffffffffffff"))
    }

    @Test func floatsAreAlwaysFloat64() {
        #expect(packed { $0.writeDouble(1.5) } == hex("cb3ff8000000000000"))
        #expect(packed { $0.writeDouble(0) } == hex("cb0000000000000000"))
    }

    @Test func boolsAndNil() {
        #expect(packed { $0.writeBool(true) } == [0xc3])
        #expect(packed { $0.writeBool(false) } == [0xc2])
        #expect(packed { $0.writeNil() } == [0xc0])
    }

    @Test(arguments: [(0, "a0"), (31, "bf"), (32, "d920"), (255, "d9ff"), (256, "da0100"), (65_536, "db00010000")])
    func stringHeaders(length: Int, header: String) {
        let text = String(repeating: "x", count: length)
        let bytes = packed { $0.writeString(text) }
        #expect(Array(bytes.prefix(hex(header).count)) == hex(header))
        #expect(bytes.count == MessagePackSize.string(byteCount: length))
    }

    @Test func stringLengthCountsUTF8Bytes() {
        #expect(packed { $0.writeString("é") } == hex("a2c3a9"))
    }

    /// bin8 even for short content (no fixbin exists), so a 20-byte id is `c4 14`.
    @Test(arguments: [(0, "c400"), (20, "c414"), (255, "c4ff"), (256, "c50100"), (65_536, "c600010000")])
    func binaryHeaders(length: Int, header: String) {
        let bytes = packed { $0.writeBinary([UInt8](repeating: 7, count: length)) }
        #expect(Array(bytes.prefix(hex(header).count)) == hex(header))
        #expect(bytes.count == MessagePackSize.binary(byteCount: length))
    }

    /// No array8 exists: 16 entries and more take array16, so a 20-entry node list starts `dc 00 14`.
    @Test(arguments: [(0, "90"), (15, "9f"), (16, "dc0010"), (20, "dc0014"), (65_535, "dcffff"), (65_536, "dd00010000")])
    func arrayHeaders(count: Int, header: String) {
        #expect(packed { $0.writeArrayHeader(count: count) } == hex(header))
        #expect(MessagePackSize.arrayHeader(count: count) == hex(header).count)
    }

    @Test(arguments: [(1, "81"), (15, "8f"), (16, "de0010"), (65_536, "df00010000")])
    func mapHeaders(count: Int, header: String) {
        #expect(packed { $0.writeMapHeader(count: count) } == hex(header))
        #expect(MessagePackSize.mapHeader(count: count) == hex(header).count)
    }
}
