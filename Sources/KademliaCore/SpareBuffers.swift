/// Spare array buffers of one element type, shared by the nodes of one simulation. Whoever is done with a buffer
/// hands it back, and the next one needed is taken from here instead of allocated: a simulator's nodes answer
/// millions of FIND_NODEs (each answer's contact list) and fill and empty their RPC queues millions of times, and
/// those buffers were the largest sources of heap allocations. Not synchronised, so used from one thread at a time.
public final class SpareBuffers<Element>: @unchecked Sendable {
    /// Spare buffers kept; more than a simulation has in use at once, so nearly every take finds one.
    static var retainedBuffers: Int { 4096 }

    /// The room a buffer made here starts with, when none is spare.
    let initialCapacity: Int
    /// The most room a buffer handed back may have to be kept: one grown by a rare burst (a rejoin's hundreds of
    /// RPCs) would otherwise go to whichever node takes it next and stay there while its queue is in use.
    let largestKeptCapacity: Int
    private var spare: [[Element]] = []
    /// Buffers handed back while another copy still shared them, so that emptying them allocated a fresh one: each is
    /// a caller that kept a copy too long.
    public private(set) var copiedOnRecycle = 0

    public init(initialCapacity: Int = 0, largestKeptCapacity: Int = .max) {
        self.initialCapacity = initialCapacity
        self.largestKeptCapacity = largestKeptCapacity
    }

    /// An empty buffer, with room from an earlier one when one was handed back.
    func take() -> [Element] {
        if let buffer = spare.popLast() { return buffer }
        var buffer: [Element] = []
        buffer.reserveCapacity(initialCapacity)
        return buffer
    }

    /// Keeps `buffer`'s room for a later take; the caller's copy is left empty, without room. (A buffer still shared
    /// with another copy is emptied into a fresh buffer of the same room, which the next take then reuses.)
    public func recycle(_ buffer: inout [Element]) {
        guard spare.count < Self.retainedBuffers, buffer.capacity > 0, buffer.capacity <= largestKeptCapacity else {
            buffer = []
            return
        }
        let room = buffer.withUnsafeBufferPointer { $0.baseAddress }
        buffer.removeAll(keepingCapacity: true)
        if buffer.withUnsafeBufferPointer({ $0.baseAddress }) != room { copiedOnRecycle += 1 }
        spare.append(buffer)
        buffer = []
    }
}
