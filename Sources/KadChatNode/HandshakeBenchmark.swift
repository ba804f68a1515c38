import KadChat
import KademliaCore

/// What one chat handshake costs: two endpoints in one process, datagrams handed across directly, from `connect` until
/// both sides are established (three Noise XX messages, each side's identity proof signed and verified).
public enum HandshakeBenchmark {
    public struct Cost: Sendable {
        public var handshakes: Int
        /// Wall time of all of them.
        public var seconds: Double
        /// Per handshake, both directions.
        public var datagrams: Int
        public var bytes: Int
    }

    public static func run(count: Int) -> Cost {
        let alice = ChatIdentity.generate(), bob = ChatIdentity.generate()
        let aliceAddress = NodeAddress(ipv4: 0x7F00_0001, port: 1), bobAddress = NodeAddress(ipv4: 0x7F00_0001, port: 2)
        var datagrams = 0, bytes = 0
        let clock = ContinuousClock()
        let start = clock.now
        for session in 0..<UInt64(count) {
            var endpoints = [ChatEndpoint(identity: alice), ChatEndpoint(identity: bob)]
            try! endpoints[0].connect(to: bob.publicKey, at: bobAddress, session: session, now: 0)
            var established = 0
            var moved = true
            while moved {
                moved = false
                for (index, source) in [(0, aliceAddress), (1, bobAddress)] {
                    while let outgoing = endpoints[index].pollOutgoing() {
                        let wire = outgoing.datagram.bytes
                        datagrams += 1
                        bytes += wire.count
                        endpoints[1 - index].receive(wire, from: source, now: 0)
                        moved = true
                    }
                    while let event = endpoints[index].pollEvent() {
                        if case .established = event { established += 1 }
                    }
                }
            }
            precondition(established == 2, "a handshake between two honest endpoints on a perfect link must finish")
        }
        let elapsed = start.duration(to: clock.now)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return Cost(handshakes: count, seconds: seconds, datagrams: datagrams / max(count, 1), bytes: bytes / max(count, 1))
    }
}
