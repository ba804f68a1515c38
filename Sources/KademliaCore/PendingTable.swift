/// RPCs awaiting their replies. The low word of each message id names the slot its request waits in, so a
/// reply finds it without hashing; the other 128 bits stay random and must match as well, so a forged or
/// stale reply finds nothing.
///
/// The ids sit in a compact array of their own: asking whether an RPC is still pending (every time the node's next
/// deadline is read) or dismissing a stale reply then reads 24 bytes instead of a whole pending request.
///
/// A table that empties gives back the room a burst needed (a join or a republish has dozens of RPCs in flight):
/// slot numbers then start again from 0, and replies to the old ids find nothing, as they should. With spare
/// buffers (a simulation's) it hands all its room back whenever it empties, and takes room from there to fill.
struct PendingTable: Sendable {
    /// Slots an emptied table without spare buffers keeps.
    static var retainedCapacity: Int { 8 }

    private var slots: [PendingRPC?] = []
    /// The id of the request in slot `i`; for a free slot an id whose low word is not `i` (so it matches nothing)
    /// and whose middle word holds the next free slot: the free slots form a stack threaded through `ids`, reused
    /// last-freed first, with no array of their own.
    private var ids: [MessageID] = []
    private var firstFreeSlot = PendingTable.noFreeSlot
    private(set) var count = 0
    private let spares: (slots: SpareBuffers<PendingRPC?>, ids: SpareBuffers<MessageID>)?

    init(spares: (slots: SpareBuffers<PendingRPC?>, ids: SpareBuffers<MessageID>)? = nil) {
        self.spares = spares
    }

    mutating func prefetchHeaders() {
        ids.prefetchHeader()
        slots.prefetchHeader()
    }

    private static let noFreeSlot = UInt32.max

    /// Files `rpc` under a new message id made from `randomBits`, whose low word becomes the slot number.
    mutating func insert(_ rpc: PendingRPC, randomBits: NodeID) -> MessageID {
        let slot: UInt32
        if firstFreeSlot != Self.noFreeSlot {
            slot = firstFreeSlot
            firstFreeSlot = UInt32(truncatingIfNeeded: ids[Int(slot)].bits.middle)
        } else {
            slot = UInt32(slots.count)
            if slot == 0, let spares, slots.capacity == 0 {
                slots = spares.slots.take()
                ids = spares.ids.take()
            }
        }
        var bits = randomBits
        bits.low = slot
        let id = MessageID(bits: bits)
        if Int(slot) == slots.count {
            slots.append(rpc)
            ids.append(id)
        } else {
            slots[Int(slot)] = rpc
            ids[Int(slot)] = id
        }
        count += 1
        return id
    }

    func contains(_ id: MessageID) -> Bool {
        let slot = Int(id.bits.low)
        return slot < ids.count && ids[slot] == id
    }

    mutating func remove(_ id: MessageID) -> PendingRPC? {
        let slot = Int(id.bits.low)
        guard contains(id), let rpc = slots[slot] else { return nil }
        slots[slot] = nil
        ids[slot].bits.low = ~id.bits.low
        ids[slot].bits.middle = UInt64(firstFreeSlot)
        firstFreeSlot = id.bits.low
        count -= 1
        if count == 0 && (spares != nil || slots.capacity > Self.retainedCapacity) { removeAll() }
        return rpc
    }

    mutating func removeAll() {
        if let spares {
            spares.slots.recycle(&slots)
            spares.ids.recycle(&ids)
        } else {
            slots.removeAll(retainingAtMost: Self.retainedCapacity)
            ids.removeAll(retainingAtMost: Self.retainedCapacity)
        }
        firstFreeSlot = Self.noFreeSlot
        count = 0
    }
}
