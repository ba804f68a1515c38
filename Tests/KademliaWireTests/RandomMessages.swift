import KademliaCore

/// Seeded random messages covering every request and response, with sizes that cross msgpack header boundaries.
struct RandomMessages {
    var generator: SeededGenerator

    init(seed: UInt64) {
        generator = SeededGenerator(seed: seed)
    }

    mutating func int(_ range: ClosedRange<Int>) -> Int {
        Int.random(in: range, using: &generator)
    }

    mutating func id() -> NodeID {
        NodeID.random(using: &generator)
    }

    mutating func address() -> NodeAddress {
        NodeAddress(ipv4: UInt32.random(in: 0...UInt32.max, using: &generator), port: UInt16.random(in: 0...UInt16.max, using: &generator))
    }

    mutating func value() -> Value {
        switch int(0...4) {
        case 0:
            let scalars = (0..<int(0...300)).map { _ in Character(Unicode.Scalar(UInt8(int(0x20...0x7e)))) }
            return .string(String(scalars) + (int(0...1) == 0 ? "" : "ünï"))
        case 1: return .bytes((0..<int(0...70_000 / (int(1...100)))).map { _ in UInt8(int(0...255)) })
        case 2:
            let magnitude = int(0...63)
            return .int(Int64.random(in: Int64.min...Int64.max, using: &generator) >> Int64(magnitude))
        case 3: return .float(Double.random(in: -1e9...1e9, using: &generator))
        default: return .bool(int(0...1) == 1)
        }
    }

    mutating func record() -> Record {
        let stamp = int(0...1) == 0 ? nil : Stamp(version: generator.next() >> UInt64(int(0...63)), writer: id())
        return Record(value: value(), stamp: stamp)
    }

    mutating func message() -> Message {
        let body: MessageBody
        switch int(0...9) {
        case 0: body = .request(.ping, sender: id())
        case 1: body = .request(.store(key: id(), record: record()), sender: id())
        case 2: body = .request(.findNode(target: id()), sender: id())
        case 3: body = .request(.findValue(key: id()), sender: id())
        case 4: body = .request(.stun, sender: .zero)
        case 5: body = .response(.pong(id()))
        case 6: body = .response(.stored(int(0...1) == 1))
        case 7: body = .response(.nodes((0..<int(0...25)).map { _ in Contact(id: id(), address: address()) }))
        case 8: body = .response(.value(record()))
        default: body = .response(.stunAddress(address()))
        }
        return Message(id: MessageID(bits: id()), body: body)
    }
}
