import KademliaCore
import KademliaWire
import Testing

/// Random and mutated datagrams must come back as a message or a `WireError`, never a trap, and whatever
/// decodes must survive a re-encode.
@Suite struct CodecFuzzTests {
    @Test func randomBytesNeverTrap() {
        var generator = SeededGenerator(seed: 7)
        var decoded = 0
        for _ in 0..<50_000 {
            let count = Int.random(in: 0...200, using: &generator)
            var bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
            if count > 0 { bytes[0] = UInt8.random(in: 0...2, using: &generator) }
            if let message = try? WireCodec.decode(bytes) {
                decoded += 1
                expectStable(message)
            }
        }
        // Random payloads are nearly always rejected, but a lone bool or short array should decode sometimes.
        #expect(decoded > 0)
    }

    @Test func mutatedValidDatagramsNeverTrap() {
        var generator = SeededGenerator(seed: 8)
        var random = RandomMessages(seed: 9)
        var rejected = 0
        for _ in 0..<20_000 {
            var bytes = WireCodec.encode(random.message())
            switch Int.random(in: 0...3, using: &generator) {
            case 0:
                bytes.removeLast(Int.random(in: 0...bytes.count, using: &generator))
            case 1:
                for _ in 0...Int.random(in: 0...4, using: &generator) {
                    bytes[Int.random(in: 0..<bytes.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
                }
            case 2:
                let index = Int.random(in: 21..<bytes.count, using: &generator)
                bytes.insert(contentsOf: [0xdd, 0xff, 0xff, 0xff, 0xff], at: index)
            default:
                bytes = Array(bytes.prefix(21)) + [UInt8](repeating: 0x91, count: Int.random(in: 1...2_000, using: &generator))
            }
            do {
                expectStable(try WireCodec.decode(bytes))
            } catch {
                rejected += 1
            }
        }
        #expect(rejected > 10_000)
    }

    func expectStable(_ message: Message) {
        #expect((try? WireCodec.decode(WireCodec.encode(message))) == message)
    }
}
