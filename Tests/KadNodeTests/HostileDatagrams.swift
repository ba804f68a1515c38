import KademliaCore
import KademliaWire

/// Datagrams a hostile or broken peer might send: random bytes, truncations, wrong type bytes, invalid msgpack,
/// wrong argument types and counts, near-maximum sizes, deep nesting, and some valid messages in between.
struct HostileDatagrams {
    private var generator: SeededGenerator

    init(seed: UInt64) {
        generator = SeededGenerator(seed: seed)
    }

    private mutating func int(_ range: ClosedRange<Int>) -> Int {
        Int.random(in: range, using: &generator)
    }

    private mutating func bytes(_ count: Int) -> [UInt8] {
        (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
    }

    private mutating func header(type: UInt8 = 0x00) -> [UInt8] {
        [type] + bytes(20)
    }

    /// Valid messages come from a few senders about a few keys: the flood tests the codec and the driver,
    /// not how the core copes with thousands of new contacts and records.
    private mutating func valid() -> Message {
        let sender = NodeID(hashing: "sender \(int(0...7))")
        let key = NodeID(hashing: "key \(int(0...15))")
        let bodies: [MessageBody] = [
            .request(.ping, sender: sender), .request(.findNode(target: key), sender: sender),
            .request(.findValue(key: key), sender: sender), .request(.store(key: key, record: Record(value: .int(1))), sender: sender),
            .response(.pong(sender)), .response(.nodes([])), .response(.stored(true)),
        ]
        return Message(id: MessageID(bits: NodeID.random(using: &generator)), body: bodies[int(0...bodies.count - 1)])
    }

    private func packed(_ prefix: [UInt8], _ payload: MessagePackValue) -> [UInt8] {
        var writer = MessagePackWriter()
        writer.writeRaw(prefix)
        writer.write(payload)
        return writer.bytes
    }

    mutating func next() -> [UInt8] {
        switch int(0...9) {
        case 0:
            return bytes(int(0...300))
        case 1:
            let full = WireCodec.encode(valid())
            return Array(full.prefix(int(0...full.count - 1)))
        case 2:
            var datagram = WireCodec.encode(valid())
            datagram[0] = UInt8(int(2...255))
            return datagram
        case 3:
            return header() + [0xc1] + bytes(int(0...40))
        case 4:
            let arguments: [MessagePackValue] = [.string("id"), .int(5), .null, .array([]), .binary(bytes(int(0...30)))]
            let names = ["ping", "store", "find_node", "find_value", "stun", "frobnicate"]
            let chosen = (0..<int(0...4)).map { _ in arguments[int(0...arguments.count - 1)] }
            return packed(header(), .array([.string(names[int(0...names.count - 1)]), .array(chosen)]))
        case 5:
            // Large but malformed: the key is 19 bytes.
            let size = int(8_000...60_000)
            let sender = MessagePackValue.binary(bytes(20))
            let filler = [UInt8](repeating: UInt8(int(0...255)), count: size)
            return packed(header(), .array([.string("store"), .array([sender, .binary(bytes(19)), .binary(filler)])]))
        case 6:
            let depth = int(9...3_000)
            return header() + [UInt8](repeating: 0x91, count: depth) + [0x00]
        case 7:
            var datagram = WireCodec.encode(valid())
            for _ in 0...int(0...5) { datagram[int(0...datagram.count - 1)] = UInt8(int(0...255)) }
            return datagram
        case 8:
            return header(type: 0x01) + [0xdd, 0xff, 0xff, 0xff, 0xff] + bytes(int(0...20))
        default:
            return WireCodec.encode(valid())
        }
    }
}
