/// Counters of one running node, read on its event loop.
public struct UDPNodeStatistics: Sendable, Hashable {
    /// Datagrams that reached the node, well-formed or not.
    public var datagramsReceived = 0
    /// Datagrams the codec rejected; they are dropped without a reply, like the Python library drops them.
    public var datagramsMalformed = 0
    public var datagramsSent = 0
    /// Sends or socket reads the operating system refused.
    public var socketErrors = 0
    public var routingTableSize = 0
    public var storedRecords = 0
    /// STOREs the store policy refused: forged, rolled back, older, or a name another key holds.
    public var recordsRefused = 0
    /// Records lookups returned that failed verification and were dropped before the answer was chosen.
    public var recordsDropped = 0

    public init() {}
}
