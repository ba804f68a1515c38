import KademliaWire
import Testing

@Suite struct MessagePackReaderTests {
    func read(_ text: String, maximumDepth: Int = WireLimits.maximumNestingDepth) throws(WireError) -> MessagePackValue {
        var reader = MessagePackReader(bytes: hex(text), maximumDepth: maximumDepth)
        return try reader.read()
    }

    @Test func readsEveryIntegerFamilyIntoOneRepresentation() throws {
        #expect(try read("05") == .int(5))
        #expect(try read("cc05") == .int(5))
        #expect(try read("cd0005") == .int(5))
        #expect(try read("ce00000005") == .int(5))
        #expect(try read("cf0000000000000005") == .int(5))
        #expect(try read("d005") == .int(5))
        #expect(try read("fb") == .int(-5))
        #expect(try read("d3fffffffffffffffb") == .int(-5))
        #expect(try read("cfffffffffffffffff") == .uint(UInt64.max))
    }

    @Test func readsFloat32AndFloat64() throws {
        #expect(try read("ca3fc00000") == .float(1.5))
        #expect(try read("cb3ff8000000000000") == .float(1.5))
    }

    @Test func readsContainers() throws {
        #expect(try read("92a17801") == .array([.string("x"), .int(1)]))
        #expect(try read("81a17890") == .map([.init(key: .string("x"), value: .array([]))]))
        #expect(try read("c403010203") == .binary([1, 2, 3]))
        #expect(try read("c0") == .null)
    }

    @Test func stopsAfterOneObject() throws {
        var reader = MessagePackReader(bytes: hex("01 02 03"))
        #expect(try reader.read() == .int(1))
        #expect(reader.offset == 1)
    }

    @Test func writerOutputReadsBack() throws {
        let tree = MessagePackValue.array([
            .null, .bool(true), .int(-200), .uint(UInt64.max), .float(-0.25), .string("grüß"),
            .binary([0, 255]), .map([.init(key: .int(1), value: .array([.string("deep")]))]),
        ])
        var writer = MessagePackWriter()
        writer.write(tree)
        var reader = MessagePackReader(bytes: writer.bytes)
        #expect(try reader.read() == tree)
        #expect(reader.offset == writer.bytes.count)
    }

    @Test func rejectsLengthsBeyondTheInput() {
        #expect(throws: WireError.truncated) { try read("a5 6162") }
        #expect(throws: WireError.truncated) { try read("c4 14 0102") }
        #expect(throws: WireError.truncated) { try read("c6 ffffffff 00") }
        #expect(throws: WireError.truncated) { try read("dd ffffffff 00") }
        #expect(throws: WireError.truncated) { try read("df ffffffff 00") }
        #expect(throws: WireError.truncated) { try read("cd 01") }
        #expect(throws: WireError.truncated) { try read("") }
    }

    @Test func rejectsNestingBeyondTheLimit() throws {
        #expect(try read(String(repeating: "91", count: 8) + "00") != .null)
        #expect(throws: WireError.nestingTooDeep) { try read(String(repeating: "91", count: 9) + "00") }
        #expect(throws: WireError.nestingTooDeep) { try read(String(repeating: "81 00", count: 9) + "00") }
    }

    @Test func rejectsInvalidUTF8() {
        #expect(throws: WireError.invalidUTF8) { try read("a2 c328") }
        #expect(throws: WireError.invalidUTF8) { try read("a1 ff") }
        #expect(throws: WireError.invalidUTF8) { try read("a3 eda080") }  // a UTF-16 surrogate
    }

    @Test func rejectsDuplicateMapKeys() {
        #expect(throws: WireError.duplicateMapKey) { try read("82 a1 78 01 a1 78 02") }
    }

    @Test func rejectsTypesOutsideTheSubset() {
        #expect(throws: WireError.unsupportedFormat(0xc1)) { try read("c1") }
        #expect(throws: WireError.unsupportedFormat(0xd4)) { try read("d4 01 02") }
        #expect(throws: WireError.unsupportedFormat(0xc7)) { try read("c7 01 05 00") }
    }
}
