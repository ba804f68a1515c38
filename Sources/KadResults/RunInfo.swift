import KadSim
import KademliaCore

/// What is known about a run when it starts; written to `runs` by `ResultsDatabase.beginRun`.
public struct RunInfo: Sendable, Hashable {
    public var scenarioName: String
    /// The full scenario as JSON text (`Scenario.jsonText()`, overrides applied), so the run can be repeated.
    public var scenarioJSON: String
    public var storeMode: StoreMode
    public var seed: UInt64
    /// The kadsim version that produced the run.
    public var kadsimVersion: String
    /// Wall-clock start time as ISO-8601 text, supplied by the caller (the library reads no clock).
    public var startedAt: String

    public init(scenarioName: String, scenarioJSON: String, storeMode: StoreMode, seed: UInt64, kadsimVersion: String, startedAt: String) {
        self.scenarioName = scenarioName
        self.scenarioJSON = scenarioJSON
        self.storeMode = storeMode
        self.seed = seed
        self.kadsimVersion = kadsimVersion
        self.startedAt = startedAt
    }
}

/// A row of `runs` as read back.
public struct StoredRun: Sendable, Hashable {
    public var id: Int64
    public var info: RunInfo
    /// Wall-clock seconds the run took; nil until it completes.
    public var wallSeconds: Double?
    /// Simulator events processed; nil until it completes.
    public var events: Int?
    /// True only once `completeRun` has committed the summary.
    public var completed: Bool
    /// Why the run failed, if `failRun` was called.
    public var error: String?
    /// The sweep cell's label (`SweepLabel`); empty for a run of `run`, `compare` or `check`.
    public var variant: String = ""
}

/// Misuse of the results database.
public enum ResultsDatabaseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No run with this id.
    case unknownRun(Int64)
    /// `completeRun` on a run that is already complete.
    case alreadyCompleted(Int64)
    /// A stored value could not be read back (wrong enum text, missing column).
    case corruptRow(table: String, detail: String)

    public var description: String {
        switch self {
        case .unknownRun(let id): "no run with id \(id)"
        case .alreadyCompleted(let id): "run \(id) is already completed"
        case .corruptRow(let table, let detail): "unreadable row in \(table): \(detail)"
        }
    }
}
