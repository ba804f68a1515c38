import KademliaCore

/// What the simulator checks about a node on nearly every event, kept apart from the node in one dense array:
/// a delivery to a node that is offline, or not reachable through its NAT, then touches none of the node's own
/// state, and the check itself reads a line that is most likely in cache.
struct NodeStatus {
    /// Time of the timer event the simulator has scheduled for this node (`.max`: none).
    var timerAt: Microseconds = .max
    var isOnline = false
    var behindNAT: Bool
    /// Hostile: always online, answers as `Simulation.adversary` dictates.
    var isHostile = false
}
