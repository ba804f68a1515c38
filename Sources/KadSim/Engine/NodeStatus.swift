import KademliaCore

/// What the simulator checks about a node on nearly every event, kept apart from the node in one dense array:
/// a delivery to a node that is offline, or not reachable through its NAT, then touches none of the node's own
/// state, and the check itself reads a line that is most likely in cache.
struct NodeStatus {
    /// Time of the timer event that is armed for this node (`.max`: none).
    private(set) var timerAt: Microseconds = .max
    /// A timer event of this node's still in the queue but no longer armed, kept so that a later deadline at the
    /// same time reuses it. Without this, each RPC sent before a distant maintenance deadline left one more event
    /// for that deadline in the queue: on bench-10k the queue grew by some 80,000 events per million processed.
    private(set) var parkedTimerAt: Microseconds = .max
    var isOnline = false
    var behindNAT: Bool
    /// Hostile: always online, answers as `Simulation.adversary` dictates.
    var isHostile = false

    init(behindNAT: Bool) {
        self.behindNAT = behindNAT
    }

    /// Arms the timer for `deadline`, earlier than the one armed; false when an event for that time is already in
    /// the queue (the parked one), true when one must be scheduled.
    mutating func arm(_ deadline: Microseconds) -> Bool {
        let needsEvent = deadline != parkedTimerAt
        if !needsEvent { parkedTimerAt = .max }
        park(timerAt)
        timerAt = deadline
        return needsEvent
    }

    /// The node went offline: its armed event stays in the queue, parked.
    mutating func disarm() {
        park(timerAt)
        timerAt = .max
    }

    /// A timer event of this node's came up; true when it is the armed one, which is then used up.
    mutating func takeTimer(at time: Microseconds) -> Bool {
        if time == parkedTimerAt { parkedTimerAt = .max }
        guard time == timerAt else { return false }
        timerAt = .max
        return true
    }

    /// Of two events left in the queue the later is kept in mind: maintenance deadlines lie far ahead and come back,
    /// while a superseded RPC deadline comes up within the RPC timeout.
    private mutating func park(_ time: Microseconds) {
        guard time != .max else { return }
        parkedTimerAt = parkedTimerAt == .max ? time : max(parkedTimerAt, time)
    }
}
