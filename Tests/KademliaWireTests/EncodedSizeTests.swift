import KademliaCore
import KademliaWire
import Testing

@Suite struct EncodedSizeTests {
    @Test func sizeMatchesEncodingAndEveryMessageRoundTrips() throws {
        var random = RandomMessages(seed: 20_240_601)
        for _ in 0..<5_000 {
            let message = random.message()
            let bytes = WireCodec.encode(message)
            #expect(WireCodec.encodedSize(of: message) == bytes.count, "\(message)")
            if bytes.count <= WireLimits.maximumDatagramBytes {
                #expect(try WireCodec.decode(bytes) == message)
            }
        }
    }
}
