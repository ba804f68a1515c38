/// RPCs awaiting their replies. The low word of each message id names the slot its request waits in, so a
/// reply finds it without hashing; the other 128 bits stay random and must match as well, so a forged or
/// stale reply finds nothing.
struct PendingTable: Sendable {
    private var slots: [(id: MessageID, rpc: PendingRPC)?] = []
    /// Freed slots, reused last-freed first.
    private var freeSlots: [UInt32] = []
    private(set) var count = 0

    /// Files `rpc` under a new message id made from `randomBits`, whose low word becomes the slot number.
    mutating func insert(_ rpc: PendingRPC, randomBits: NodeID) -> MessageID {
        let slot = freeSlots.popLast() ?? UInt32(slots.count)
        var bits = randomBits
        bits.low = slot
        let id = MessageID(bits: bits)
        if Int(slot) == slots.count { slots.append((id, rpc)) } else { slots[Int(slot)] = (id, rpc) }
        count += 1
        return id
    }

    func contains(_ id: MessageID) -> Bool {
        let slot = Int(id.bits.low)
        return slot < slots.count && slots[slot]?.id == id
    }

    mutating func remove(_ id: MessageID) -> PendingRPC? {
        let slot = Int(id.bits.low)
        guard slot < slots.count, let entry = slots[slot], entry.id == id else { return nil }
        slots[slot] = nil
        freeSlots.append(id.bits.low)
        count -= 1
        return entry.rpc
    }

    mutating func removeAll() {
        slots.removeAll(keepingCapacity: true)
        freeSlots.removeAll(keepingCapacity: true)
        count = 0
    }
}
