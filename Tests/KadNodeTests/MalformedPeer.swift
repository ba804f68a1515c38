import Foundation
import KademliaCore
import KademliaWire
import Synchronization

/// A peer that answers every request with a node list whose triple carries a str id: a reply that once killed
/// a whole Python lookup. It counts the requests it got per source.
final class MalformedPeer: Sendable {
    let id = NodeID(hashing: "malformed peer")
    private let probe: UDPProbeBox
    private let state = Mutex<(running: Bool, requests: [NodeAddress: Int])>((true, [:]))

    init() throws {
        probe = UDPProbeBox(try UDPProbe())
        let thread = Thread { [self] in serve() }
        thread.start()
    }

    /// Pings `address` so that node adds the peer to its routing table.
    func introduce(to address: NodeAddress) throws {
        let ping = Message(id: MessageID(bits: NodeID(hashing: "introduce")), body: .request(.ping, sender: id))
        probe.value.send(WireCodec.encode(ping), to: address)
    }

    func requestsReceived(from address: NodeAddress) -> Int {
        state.withLock { $0.requests[address, default: 0] }
    }

    func stop() {
        state.withLock { $0.running = false }
    }

    private func serve() {
        while state.withLock({ $0.running }) {
            guard let datagram = probe.value.receive(timeout: .milliseconds(50)),
                let message = try? WireCodec.decode(datagram.bytes),
                case .request = message.body
            else { continue }
            state.withLock { $0.requests[datagram.source, default: 0] += 1 }
            var writer = MessagePackWriter()
            writer.writeRaw(0x01)
            writer.writeRaw(message.id.bits.bytes)
            writer.write(.array([.array([.string("not an id"), .string("127.0.0.1"), .int(1)])]))
            probe.value.send(writer.bytes, to: datagram.source)
        }
    }
}

/// The probe is only used from the serving thread after `introduce`, which happens before any reply.
private final class UDPProbeBox: @unchecked Sendable {
    let value: UDPProbe

    init(_ value: UDPProbe) {
        self.value = value
    }
}
