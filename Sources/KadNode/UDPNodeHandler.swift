import KademliaCore
import KademliaWire
import Logging
import NIOCore

/// Drives one `KademliaNode` from a UDP channel. Lives on the channel's event loop and is only touched there:
/// datagrams, timer expiries and commands go in with the monotonic clock, and after each input the handler
/// sends what the node queued, completes finished operations and re-arms the single timer.
final class UDPNodeHandler: ChannelInboundHandler {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>
    typealias OutboundOut = AddressedEnvelope<ByteBuffer>

    private var node: KademliaNode
    private let logger: Logger
    private var context: ChannelHandlerContext?
    private var waiting: [OperationID: EventLoopPromise<OperationResult>] = [:]
    private var timer: Scheduled<Void>?
    private var timerDeadline: Microseconds?
    private var statistics = UDPNodeStatistics()
    /// Datagrams of another protocol sharing the socket (the chat's), told apart by their first byte.
    private var foreign: (marker: UInt8, receive: ([UInt8], NodeAddress) -> Void)?

    init(node: KademliaNode, logger: Logger) {
        self.node = node
        self.logger = logger
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        flush()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        timer?.cancel()
        timer = nil
        self.context = nil
        let abandoned = waiting
        waiting.removeAll()
        for promise in abandoned.values { promise.fail(KadNodeError.shutDown) }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let envelope = unwrapInboundIn(data)
        statistics.datagramsReceived += 1
        guard let source = envelope.remoteAddress.nodeAddress else {
            statistics.datagramsMalformed += 1
            return
        }
        let bytes = Array(envelope.data.readableBytesView)
        if let foreign, bytes.first == foreign.marker {
            foreign.receive(bytes, source)
            return
        }
        let message: Message
        do {
            message = try WireCodec.decode(bytes)
        } catch {
            // A malformed reply is not matched to its request: that RPC alone fails when it times out.
            statistics.datagramsMalformed += 1
            logger.debug("dropped malformed datagram", metadata: ["from": "\(source)", "error": "\(error)"])
            return
        }
        node.handle(message, from: source, now: MonotonicClock.now)
        flush()
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        // A UDP socket error concerns one datagram; the node keeps serving.
        statistics.socketErrors += 1
        logger.debug("socket error", metadata: ["error": "\(error)"])
    }

    /// Starts `command`; the future completes when the node reports the operation finished.
    func start(_ command: Command, on eventLoop: EventLoop) -> EventLoopFuture<OperationResult> {
        guard context != nil else { return eventLoop.makeFailedFuture(KadNodeError.shutDown) }
        let promise = eventLoop.makePromise(of: OperationResult.self)
        let operationID = node.start(command, now: MonotonicClock.now)
        waiting[operationID] = promise
        flush()
        return promise.futureResult
    }

    /// Hands datagrams starting with `marker` to `receive`, on the event loop, instead of decoding them.
    func divert(marker: UInt8, to receive: @escaping ([UInt8], NodeAddress) -> Void) {
        foreign = (marker, receive)
    }

    func currentStatistics() -> UDPNodeStatistics {
        var snapshot = statistics
        snapshot.routingTableSize = node.routingTable.count
        snapshot.storedRecords = node.storedKeys.count
        snapshot.recordsRefused = Int(node.recordsRefused)
        snapshot.recordsDropped = Int(node.recordsDropped)
        return snapshot
    }

    private func timerFired() {
        timer = nil
        timerDeadline = nil
        node.handleTimeout(now: MonotonicClock.now)
        flush()
    }

    /// Sends queued datagrams, completes finished operations and arms the timer for the next deadline.
    private func flush() {
        guard let context else { return }
        let transmits = node.drainTransmits()
        for transmit in transmits {
            send(transmit, context: context)
        }
        if !transmits.isEmpty { context.flush() }
        for case .completed(let operationID, let result, _) in node.drainEvents() {
            waiting.removeValue(forKey: operationID)?.succeed(result)
        }
        armTimer(context: context)
    }

    private func send(_ transmit: Transmit, context: ChannelHandlerContext) {
        let bytes = WireCodec.encode(transmit.message)
        guard let destination = try? SocketAddress(transmit.destination) else {
            statistics.socketErrors += 1
            return
        }
        let envelope = AddressedEnvelope(remoteAddress: destination, data: context.channel.allocator.buffer(bytes: bytes))
        statistics.datagramsSent += 1
        context.write(wrapOutboundOut(envelope), promise: nil)
    }

    private func armTimer(context: ChannelHandlerContext) {
        let deadline = node.nextDeadline
        guard deadline != timerDeadline else { return }
        timer?.cancel()
        timerDeadline = deadline
        guard let deadline else {
            timer = nil
            return
        }
        timer = context.eventLoop.assumeIsolated().scheduleTask(deadline: MonotonicClock.deadline(deadline)) {
            self.timerFired()
        }
    }
}
