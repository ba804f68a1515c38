import Foundation

/// Stops an `ExperimentRunner` from another thread (a signal handler, a test).
///
/// `cancel(reason:)` asks the runner to stop at its next check: before a run starts, before each database batch and
/// before a run is completed. The run in progress is then marked failed with the reason and the runner throws
/// `ExperimentError.cancelled`. A simulation itself cannot be stopped half-way, so a process that must stop at once
/// calls `abandonActiveRun(reason:)`, which also marks the run in progress failed right away, and then exits.
public final class RunControl: @unchecked Sendable {
    private let lock = NSLock()
    private var reason: String?
    private var active: (database: ResultsDatabase, runID: Int64)?

    public init() {}

    /// Asks the runner to stop at its next check. The first reason given is kept.
    public func cancel(reason: String) {
        lock.withLock {
            if self.reason == nil { self.reason = reason }
        }
    }

    /// The reason given to `cancel(reason:)`, or nil while the runner may go on.
    public var cancellationReason: String? {
        lock.withLock { reason }
    }

    /// Cancels and marks the run in progress, if any, failed with `reason` (it keeps `completed = 0`). Safe to call
    /// from any thread while the runner works; waits for a database batch being written to finish. Errors are
    /// ignored: the run may have completed in the meantime. Returns the id of the run marked failed, if any.
    @discardableResult
    public func abandonActiveRun(reason: String) -> Int64? {
        cancel(reason: reason)
        guard let run = lock.withLock({ active }) else { return nil }
        do {
            try run.database.failRun(runID: run.runID, error: reason)
            return run.runID
        } catch {
            return nil
        }
    }

    func begin(database: ResultsDatabase, runID: Int64) {
        lock.withLock { active = (database, runID) }
    }

    func end() {
        lock.withLock { active = nil }
    }
}
