import KadSim
import KademliaCore

/// Pinned result digests: one line `<scenario name> <store> <seed> <digest>` per run, `#` comments and blank lines
/// ignored. `kadsim check --golden FILE` compares every run against its pin, so a change to the engine that was
/// meant to be pure speed proves it changed no result (and one that changes results has to say so by re-pinning).
public struct GoldenDigests: Sendable, Hashable {
    public struct Key: Sendable, Hashable, Comparable {
        public var scenario: String
        public var store: StoreMode
        public var seed: UInt64

        public init(scenario: String, store: StoreMode, seed: UInt64) {
            self.scenario = scenario
            self.store = store
            self.seed = seed
        }

        public static func < (lhs: Key, rhs: Key) -> Bool {
            (lhs.scenario, lhs.store.rawValue, lhs.seed) < (rhs.scenario, rhs.store.rawValue, rhs.seed)
        }
    }

    /// A run whose digest is not the pinned one, or that has no pin.
    public struct Mismatch: Sendable, Hashable, CustomStringConvertible {
        public var key: Key
        /// Nil when the file pins nothing for this run.
        public var expected: String?
        public var actual: String

        public var description: String {
            let run = "\(key.scenario) \(key.store.rawValue) seed \(key.seed)"
            guard let expected else { return "\(run): digest \(actual) has no pin (add the line \"\(key.scenario) \(key.store.rawValue) \(key.seed) \(actual)\")" }
            return "\(run): digest \(actual), pinned \(expected)"
        }
    }

    public private(set) var pins: [Key: String]

    public init(pins: [Key: String] = [:]) {
        self.pins = pins
    }

    /// Parses the file's text; `source` names the file in errors, which give the line number and what was expected.
    public init(text: String, source: String) throws(GoldenDigestsError) {
        pins = [:]
        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingPrefix(while: \.isWhitespace)
            guard !line.isEmpty, !line.hasPrefix("#") else { continue }
            let fields = line.split(whereSeparator: \.isWhitespace)
            let location = "\(source):\(offset + 1)"
            guard fields.count == 4 else {
                throw GoldenDigestsError(message: "\(location): expected \"<scenario> <store> <seed> <digest>\", got \(fields.count) fields")
            }
            guard let store = StoreMode(rawValue: String(fields[1])) else {
                throw GoldenDigestsError(message: "\(location): unknown store \"\(fields[1])\" (expected one of \(StoreMode.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            guard let seed = UInt64(fields[2]) else {
                throw GoldenDigestsError(message: "\(location): seed \"\(fields[2])\" is not a non-negative integer")
            }
            let digest = String(fields[3])
            guard digest.count == 16, digest.allSatisfy(\.isHexDigit) else {
                throw GoldenDigestsError(message: "\(location): digest \"\(digest)\" is not 16 hex digits")
            }
            let key = Key(scenario: String(fields[0]), store: store, seed: seed)
            guard pins[key] == nil else {
                throw GoldenDigestsError(message: "\(location): \(key.scenario) \(store.rawValue) \(seed) is pinned twice")
            }
            pins[key] = digest
        }
    }

    /// The runs whose digests differ from their pins or have none, in run order.
    public func mismatches(scenario: String, runs: [ExperimentRun]) -> [Mismatch] {
        runs.compactMap { run in
            let key = Key(scenario: scenario, store: run.storeMode, seed: run.seed)
            let actual = run.result.digest.description
            let expected = pins[key]
            return expected == actual ? nil : Mismatch(key: key, expected: expected, actual: actual)
        }
    }
}

public struct GoldenDigestsError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
