import KademliaCore

/// One scheduled event. Small and free of references so the heap stays cheap; datagrams live in a side table.
struct SimulationEvent: Comparable {
    enum Kind: UInt8, CaseIterable {
        case deliver
        case timer
        case nodeUp
        case nodeDown
        case publish
        case read
        case sample
        case partitionStart
        case partitionEnd
        /// A hostile node's periodic attack step.
        case adversary
        /// The measured period starts (scheduled only when something is counted from then on).
        case warmupEnd
        /// A few routing tables are checked for dead contacts.
        case deadContactSample
    }

    var time: Microseconds
    var sequence: UInt64
    var kind: Kind
    var node: Int32
    /// The datagram slot for `deliver`, the node's session number for `publish` and `read`, the partition
    /// index for partition events.
    var detail: UInt32

    static func < (lhs: SimulationEvent, rhs: SimulationEvent) -> Bool {
        lhs.time != rhs.time ? lhs.time < rhs.time : lhs.sequence < rhs.sequence
    }

    static func == (lhs: SimulationEvent, rhs: SimulationEvent) -> Bool {
        lhs.time == rhs.time && lhs.sequence == rhs.sequence
    }
}
