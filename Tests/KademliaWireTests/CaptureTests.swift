import KademliaCore
import KademliaWire
import Testing

/// The loopback captures of the Python library from the protocol notes, reproduced byte for byte.
@Suite struct CaptureTests {
    let idA = NodeID(bytes: repeated(0xaa))!
    let idB = NodeID(bytes: repeated(0xbb))!
    let idC = NodeID(bytes: repeated(0xcc))!

    func messageID(_ text: String) -> MessageID {
        MessageID(bits: NodeID(bytes: hex(text))!)
    }

    func expectRoundTrip(_ message: Message, _ capture: String) throws {
        #expect(WireCodec.encode(message) == hex(capture))
        #expect(try WireCodec.decode(hex(capture)) == message)
        #expect(WireCodec.encodedSize(of: message) == hex(capture).count)
    }

    @Test func pingRequestAndReply() throws {
        let id = messageID("3a24e240f18835de81792831a5ec27096cefcfb2")
        try expectRoundTrip(
            Message(id: id, body: .request(.ping, sender: idB)),
            "00 3a24e240f18835de81792831a5ec27096cefcfb2 92 a4 70696e67 91 c4 14" + String(repeating: "bb", count: 20))
        try expectRoundTrip(
            Message(id: id, body: .response(.pong(idA))),
            "01 3a24e240f18835de81792831a5ec27096cefcfb2 c4 14" + String(repeating: "aa", count: 20))
    }

    @Test func findNodeRequestAndOneTripleReply() throws {
        let id = messageID("4428a966b4a7aaa7433addb25fb60d01d0bcf803")
        try expectRoundTrip(
            Message(id: id, body: .request(.findNode(target: idC), sender: idC)),
            "00 4428a966b4a7aaa7433addb25fb60d01d0bcf803 92 a9 66696e645f6e6f6465 92 c4 14"
                + String(repeating: "cc", count: 20) + "c4 14" + String(repeating: "cc", count: 20))
        let contactB = Contact(id: idB, address: NodeAddress("127.0.0.1:47002")!)
        try expectRoundTrip(
            Message(id: id, body: .response(.nodes([contactB]))),
            "01 4428a966b4a7aaa7433addb25fb60d01d0bcf803 91 93 c4 14" + String(repeating: "bb", count: 20)
                + "a9 3132372e302e302e31 cd b79a")
    }

    @Test func storeRequestAndTrueReply() throws {
        let id = messageID("768de50019bae8a4fbfdde53030de51f7dd7a3c4")
        let key = NodeID(hashing: "hello")
        #expect(key.hex == "aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d")
        try expectRoundTrip(
            Message(id: id, body: .request(.store(key: key, record: Record(value: .string("world"))), sender: idB)),
            "00 768de50019bae8a4fbfdde53030de51f7dd7a3c4 92 a5 73746f7265 93 c4 14" + String(repeating: "bb", count: 20)
                + "c4 14 aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d a5 776f726c64")
        try expectRoundTrip(
            Message(id: id, body: .response(.stored(true))),
            "01 768de50019bae8a4fbfdde53030de51f7dd7a3c4 c3")
    }

    @Test func findValueRequestAndValueReply() throws {
        let id = messageID("fa6cae69336833d2dda49b37cb2a3a7fe79af277")
        let key = NodeID(hashing: "hello")
        try expectRoundTrip(
            Message(id: id, body: .request(.findValue(key: key), sender: idB)),
            "00 fa6cae69336833d2dda49b37cb2a3a7fe79af277 92 aa 66696e645f76616c7565 92 c4 14"
                + String(repeating: "bb", count: 20) + "c4 14 aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d")
        try expectRoundTrip(
            Message(id: id, body: .response(.value(Record(value: .string("world"))))),
            "01 fa6cae69336833d2dda49b37cb2a3a7fe79af277 81 a5 76616c7565 a5 776f726c64")
    }

    @Test func stunReply() throws {
        let id = messageID(String(repeating: "01", count: 20))
        try expectRoundTrip(
            Message(id: id, body: .response(.stunAddress(NodeAddress("127.0.0.1:47003")!))),
            "01" + String(repeating: "01", count: 20) + "92 a9 3132372e302e302e31 cd b79b")
    }

    /// 21 + `dc 00 14` + 20 × 36 bytes, as measured against the Python library.
    @Test func fullFindNodeReplyIs744Bytes() throws {
        let contacts = (0..<20).map { index in
            Contact(id: NodeID(hashing: "\(index)"), address: NodeAddress(ipv4: 0x7f00_0001, port: UInt16(40_000 + index)))
        }
        let message = Message(id: messageID(String(repeating: "02", count: 20)), body: .response(.nodes(contacts)))
        let bytes = WireCodec.encode(message)
        #expect(bytes.count == 744)
        #expect(Array(bytes[21..<24]) == [0xdc, 0x00, 0x14])
        #expect(try WireCodec.decode(bytes) == message)
    }
}
