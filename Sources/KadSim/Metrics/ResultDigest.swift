/// A 64-bit FNV-1a hash over a canonical text rendering of a run's results, for determinism checks: two runs
/// of the same scenario, store and seed must produce the same digest on any machine.
///
/// Rendering, one line each, in the order given: `read <time> <reader> <owner> <outcome> <returnedVersion|->
/// <latestVersion> <versionLag|-> <stalenessAge|-> <reachesOwner 0|1> <latency> <hops> <messages>[ rollback][ own]`, then
/// `series <minute> <onlineNodes> <reads> <staleReads> <missingReads>`, then `<metric>=<value>` for each
/// summary metric in `RunSummary.metricNames` order, with Swift's shortest round-trip `Double` text.
public struct ResultDigest: Sendable, Hashable, CustomStringConvertible {
    public static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    public static let prime: UInt64 = 0x0000_0100_0000_01b3

    /// The hash so far.
    public private(set) var value: UInt64 = ResultDigest.offsetBasis

    public init() {}

    /// The digest of a whole run.
    public init(observations: [ReadObservation], series: [SeriesPoint], summary: RunSummary) {
        self.init()
        for observation in observations { add(observation) }
        for point in series { add(point) }
        add(summary)
    }

    /// Mixes the line in place, field by field: a run hashes one line per read, and building each as a `String`
    /// allocated several times per read.
    public mutating func add(_ observation: ReadObservation) {
        mix(text: "read ")
        mix(decimal: observation.time)
        mix(text: " ")
        mix(decimal: Int64(observation.reader))
        mix(text: " ")
        mix(decimal: Int64(observation.owner))
        mix(text: " ")
        mix(text: observation.outcome.rawValue)
        mix(text: " ")
        mix(optionalDecimal: observation.returnedVersion)
        mix(text: " ")
        mix(decimal: observation.latestVersion)
        mix(text: " ")
        mix(optionalDecimal: observation.versionLag)
        mix(text: " ")
        mix(optionalDecimal: observation.stalenessAge)
        mix(text: observation.reachesOwner ? " 1 " : " 0 ")
        mix(decimal: observation.latency)
        mix(text: " ")
        mix(decimal: Int64(observation.hops))
        mix(text: " ")
        mix(decimal: Int64(observation.messages))
        if observation.rollback { mix(text: " rollback") }
        if observation.fromOwnCopy { mix(text: " own") }
        mix(0x0A)
    }

    public mutating func add(_ point: SeriesPoint) {
        add(line: "series \(point.minute) \(point.onlineNodes) \(point.reads) \(point.staleReads) \(point.missingReads)")
    }

    public mutating func add(_ summary: RunSummary) {
        for (name, value) in summary.metrics {
            add(line: "\(name)=\(value)")
        }
    }

    /// Hashes `text` followed by a newline.
    public mutating func add(line text: String) {
        mix(text: text)
        mix(0x0A)
    }

    private mutating func mix(text: String) {
        for byte in text.utf8 { mix(byte) }
    }

    /// `value` as `"\(value)"` renders it, without building the text.
    private mutating func mix(decimal value: Int64) {
        if value < 0 { mix(UInt8(ascii: "-")) }
        mix(digitsOf: value.magnitude)
    }

    private mutating func mix(digitsOf magnitude: UInt64) {
        if magnitude >= 10 { mix(digitsOf: magnitude / 10) }
        mix(UInt8(ascii: "0") + UInt8(magnitude % 10))
    }

    private mutating func mix(optionalDecimal value: Int64?) {
        if let value { mix(decimal: value) } else { mix(UInt8(ascii: "-")) }
    }

    private mutating func mix(_ byte: UInt8) {
        value = (value ^ UInt64(byte)) &* Self.prime
    }

    /// Sixteen lowercase hex digits.
    public var description: String {
        let hex = String(value, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
