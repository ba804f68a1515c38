import KademliaCore

/// How a run's events and requests divide up, over the whole run (warm-up included): what a run spends its
/// time on, for `kadsim bench`.
public struct EventCensus: Sendable, Hashable {
    private var eventsByKind = [Int](repeating: 0, count: SimulationEvent.Kind.allCases.count)
    private var requestsByType = [Int](repeating: 0, count: RequestType.allCases.count)
    /// Timer events that found the node offline or its deadline moved: scheduled, popped, did nothing.
    public private(set) var idleTimers = 0
    /// Requests by what they were for, summed over all nodes.
    public internal(set) var requestsByOrigin = RequestTally()

    enum RequestType: Int, CaseIterable {
        case ping, store, findNode, findValue, stun

        /// nil for a response. Matches without binding any payload, so a STORE's record is not retained to count it.
        init?(_ body: MessageBody) {
            switch body {
            case .request(.ping, _): self = .ping
            case .request(.store, _): self = .store
            case .request(.findNode, _): self = .findNode
            case .request(.findValue, _): self = .findValue
            case .request(.stun, _): self = .stun
            case .response: return nil
            }
        }
    }

    mutating func count(_ kind: SimulationEvent.Kind) { eventsByKind[Int(kind.rawValue)] += 1 }

    /// Datagram deliveries so far (including those that found their destination gone).
    var deliveries: Int { eventsByKind[Int(SimulationEvent.Kind.deliver.rawValue)] }
    mutating func countIdleTimer() { idleTimers += 1 }
    /// Counts the message if it is a request.
    mutating func countRequest(in body: MessageBody) {
        if let type = RequestType(body) { requestsByType[type.rawValue] += 1 }
    }

    /// Events per kind that occurred, in the engine's kind order.
    public var events: [(kind: String, count: Int)] {
        SimulationEvent.Kind.allCases.map { ("\($0)", eventsByKind[Int($0.rawValue)]) }.filter { $0.count > 0 }
    }

    /// Requests sent per RPC (datagrams lost on the way included), by wire name.
    public var requests: [(rpc: String, count: Int)] {
        let names = ["ping", "store", "find_node", "find_value", "stun"]
        return RequestType.allCases.map { (names[$0.rawValue], requestsByType[$0.rawValue]) }.filter { $0.count > 0 }
    }

    /// Requests sent per origin, in `RequestOrigin` order, leaving out origins that sent none.
    public var origins: [(origin: String, count: Int)] {
        RequestOrigin.allCases.map { ("\($0)", requestsByOrigin[$0]) }.filter { $0.count > 0 }
    }
}
