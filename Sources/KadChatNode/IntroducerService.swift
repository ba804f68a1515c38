import KadChat
import KadNode
import NIOCore

/// A DHT node that also introduces chat users behind NATs to each other (`kadsim node --introduce`): chat datagrams
/// on its socket go to an `Introducer`; everything else stays the DHT's.
public enum IntroducerService {
    public static func attach(to node: UDPNode) async throws {
        let introducer = try await node.eventLoop.submit { NIOLoopBound(Box(), eventLoop: node.eventLoop) }.get()
        try await node.divert(marker: ChatDatagram.marker) { bytes, source in
            guard let datagram = ChatDatagram(bytes: bytes) else { return }
            for outgoing in introducer.value.introducer.receive(datagram, from: source, now: MonotonicClock.now) {
                node.send(outgoing.datagram.bytes, to: outgoing.destination)
            }
        }
    }

    /// The introducer's state, changed in place on the event loop.
    private final class Box {
        var introducer = Introducer()
    }
}
