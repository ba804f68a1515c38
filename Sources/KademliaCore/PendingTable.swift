/// RPCs awaiting their replies. The low word of each message id names the slot its request waits in, so a
/// reply finds it without hashing; the other 128 bits stay random and must match as well, so a forged or
/// stale reply finds nothing.
///
/// The ids sit in a compact array of their own: asking whether an RPC is still pending (every time the node's next
/// deadline is read) or dismissing a stale reply then reads 24 bytes instead of a whole pending request.
///
/// A table that empties gives back the room a burst needed (a join or a republish has dozens of RPCs in flight):
/// slot numbers then start again from 0, and replies to the old ids find nothing, as they should.
struct PendingTable: Sendable {
    /// Slots an emptied table keeps.
    static var retainedCapacity: Int { 8 }

    private var slots: [PendingRPC?] = []
    /// The id of the request in slot `i`, or an id whose low word is not `i` (so it matches nothing) when it is free.
    private var ids: [MessageID] = []
    /// Freed slots, reused last-freed first.
    private var freeSlots: [UInt32] = []
    private(set) var count = 0

    /// Files `rpc` under a new message id made from `randomBits`, whose low word becomes the slot number.
    mutating func insert(_ rpc: PendingRPC, randomBits: NodeID) -> MessageID {
        let slot = freeSlots.popLast() ?? UInt32(slots.count)
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
        freeSlots.append(id.bits.low)
        count -= 1
        if count == 0 && slots.capacity > Self.retainedCapacity { removeAll() }
        return rpc
    }

    mutating func removeAll() {
        let keep = slots.capacity <= Self.retainedCapacity
        slots.removeAll(keepingCapacity: keep)
        ids.removeAll(keepingCapacity: keep)
        freeSlots.removeAll(keepingCapacity: keep)
        count = 0
    }
}
