extension Array {
    /// Empties the array, keeping its buffer only when that holds at most `retained` elements. Per-node queues
    /// use it when they drain: a burst (a rejoin's lookups, a put's k stores) must not leave every one of a
    /// million nodes holding the room of its largest burst for the rest of the run.
    mutating func removeAll(retainingAtMost retained: Int) {
        removeAll(keepingCapacity: capacity <= retained)
    }
}
