import KadSim
import KademliaCore

/// One finished run of an experiment: the simulation result, where it was stored and how long it took.
public struct ExperimentRun: Sendable {
    public var result: SimulationResult
    /// Row id in `runs`; nil when the runner has no database.
    public var runID: Int64?
    /// ISO-8601 wall-clock time the run started.
    public var startedAt: String
    /// Wall-clock seconds spent building the simulation and in `Simulation.run()`.
    public var simulationSeconds: Double
    /// The part of `simulationSeconds` before the first event: building nodes and, with a warm start, their tables.
    public var setupSeconds: Double = 0
    /// Wall-clock seconds for the whole run, database writes included (stored as `runs.wall_seconds`).
    public var wallSeconds: Double
    /// Virtual time simulated, warm-up included.
    public var virtualDuration: Microseconds

    public init(
        result: SimulationResult, runID: Int64?, startedAt: String, simulationSeconds: Double, wallSeconds: Double,
        virtualDuration: Microseconds
    ) {
        self.result = result
        self.runID = runID
        self.startedAt = startedAt
        self.simulationSeconds = simulationSeconds
        self.wallSeconds = wallSeconds
        self.virtualDuration = virtualDuration
    }

    public var storeMode: StoreMode { result.storeMode }
    public var seed: UInt64 { result.seed }
    public var summary: RunSummary { result.summary }
    public var events: Int { result.totals.events }

    /// Simulator events per wall-clock second of simulation (0 if too fast to time).
    public var eventsPerSecond: Double {
        simulationSeconds > 0 ? Double(events) / simulationSeconds : 0
    }

    /// Events per wall-clock second of event processing alone, setup left out (0 if too fast to time).
    public var eventsPerProcessingSecond: Double {
        simulationSeconds - setupSeconds > 0 ? Double(events) / (simulationSeconds - setupSeconds) : 0
    }

    /// Virtual seconds simulated per wall-clock second of simulation (0 if too fast to time).
    public var speedup: Double {
        simulationSeconds > 0 ? Double(virtualDuration) / Double(Time.second) / simulationSeconds : 0
    }
}

/// Why an experiment stopped before all its runs completed. The run in progress, if any, was marked failed.
public enum ExperimentError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Reading or writing the results database failed.
    case database(String)
    /// `RunControl.cancel(reason:)` was called.
    case cancelled(String)

    public var description: String {
        switch self {
        case .database(let message): message
        case .cancelled(let reason): "cancelled: \(reason)"
        }
    }

    /// A `.database` error whose message is `error` on one line.
    static func describing(_ error: any Error) -> ExperimentError {
        let text = String(describing: error).split(whereSeparator: \.isNewline).joined(separator: " ")
        return .database(text)
    }
}
