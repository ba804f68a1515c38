import KademliaCore

/// Recorded churn: which node goes up or down when.
///
/// File format (CSV, UTF-8): one `time,node,state[,address]` row per transition, where `time` is a duration since
/// the start of the run in scenario notation (`90s`, `2.5s`, `1h30m`), `node` a node index in `0..<network.nodes`,
/// `state` is `up` or `down`, and the optional `address` of an `up` row says whether a rejoin keeps its address
/// (`same`) or moves (`new`); without it (or empty) the move is drawn with `churn.newAddressProbability`. Blank lines
/// and lines starting with `#` are ignored; the first row may be the header `time,node,state` or
/// `time,node,state,address`. Rows need not be sorted: `events` is ordered by time, ties kept in file order.
public struct ChurnTrace: Sendable, Hashable {
    /// The path as written in the scenario (relative to the scenario file's directory unless absolute).
    public var path: String
    /// Transitions ordered by time (stable: equal times keep their order in the file).
    public var events: [Event]

    public init(path: String, events: [Event]) {
        self.path = path
        self.events = events
    }

    /// One transition.
    public struct Event: Sendable, Hashable {
        public var time: Microseconds
        public var node: Int
        public var isUp: Bool
        /// For a rejoin: whether the node keeps its address; nil when the trace does not say (then it is drawn).
        public var address: AddressOnRejoin?

        public init(time: Microseconds, node: Int, isUp: Bool, address: AddressOnRejoin? = nil) {
            self.time = time
            self.node = node
            self.isUp = isUp
            self.address = address
        }
    }

    /// What a trace row says about the address a node comes back at.
    public enum AddressOnRejoin: String, Sendable, Hashable {
        case same, new
    }

    /// A problem on one line of a trace file (lines count from 1).
    public struct LineError: Error, Sendable, Hashable {
        public var line: Int
        public var problem: String
    }

    /// Parses trace text for a network of `nodeCount` nodes.
    public static func parse(_ text: String, nodeCount: Int) throws(LineError) -> [Event] {
        var indexed: [(order: Int, event: Event)] = []
        var sawRow = false
        var lineNumber = 0
        // Any line ending: "\r\n" is a single Character in Swift, so splitting on "\n" alone would keep CRLF files whole.
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            lineNumber += 1
            let line = rawLine.trimmingWhitespace()
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingWhitespace() }
            if !sawRow && (fields == ["time", "node", "state"] || fields == ["time", "node", "state", "address"]) {
                sawRow = true
                continue
            }
            sawRow = true
            guard fields.count == 3 || fields.count == 4 else {
                throw LineError(
                    line: lineNumber, problem: "expected 3 or 4 comma-separated fields time,node,state[,address], got \(fields.count)")
            }
            guard let time = HumanDuration.parse(fields[0]) else {
                throw LineError(line: lineNumber, problem: "time: expected a duration like \"90s\", \"2.5s\" or \"1h30m\", got \"\(fields[0])\"")
            }
            guard let node = Int(fields[1]), node >= 0, node < nodeCount else {
                throw LineError(line: lineNumber, problem: "node: expected a node index between 0 and \(nodeCount - 1), got \"\(fields[1])\"")
            }
            let isUp: Bool
            switch fields[2] {
            case "up": isUp = true
            case "down": isUp = false
            default:
                throw LineError(line: lineNumber, problem: "state: expected \"up\" or \"down\", got \"\(fields[2])\"")
            }
            var address: AddressOnRejoin?
            if fields.count == 4 && !fields[3].isEmpty {
                guard isUp else {
                    throw LineError(line: lineNumber, problem: "address: only an \"up\" row can say where the node comes back, got \"\(fields[3])\"")
                }
                guard let given = AddressOnRejoin(rawValue: fields[3]) else {
                    throw LineError(line: lineNumber, problem: "address: expected \"same\", \"new\" or nothing, got \"\(fields[3])\"")
                }
                address = given
            }
            indexed.append((indexed.count, Event(time: time, node: node, isUp: isUp, address: address)))
        }
        indexed.sort { ($0.event.time, $0.order) < ($1.event.time, $1.order) }
        return indexed.map(\.event)
    }
}

extension Substring {
    func trimmingWhitespace() -> String {
        var slice = self[...]
        while let first = slice.first, first.isWhitespace { slice.removeFirst() }
        while let last = slice.last, last.isWhitespace { slice.removeLast() }
        return String(slice)
    }
}
