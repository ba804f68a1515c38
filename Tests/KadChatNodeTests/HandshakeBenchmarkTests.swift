import KadChatNode
import Testing

@Suite struct HandshakeBenchmarkTests {
    @Test func aHandshakeIsThreeDatagramsOf414Bytes() {
        let cost = HandshakeBenchmark.run(count: 3)
        #expect(cost.handshakes == 3)
        // hello: header 10 + e 32; reply: 10 + e 32 + sealed s 48 + sealed proof 112; confirm: 10 + 48 + 112.
        #expect(cost.datagrams == 3 && cost.bytes == 42 + 202 + 170)
        #expect(cost.seconds > 0)
    }
}
