import Foundation

/// Stops an `ExperimentRunner` from another thread (a signal handler, a test).
///
/// `cancel(reason:)` asks the runner to stop at its next check: before a run starts, before each database batch and
/// before a run is completed. The runs in progress are then marked failed with the reason and the runner throws
/// `ExperimentError.cancelled`. A simulation itself cannot be stopped half-way, so a process that must stop at once
/// calls `abandonActiveRuns(reason:)`, which also marks every run in progress failed right away, and then exits.
public final class RunControl: @unchecked Sendable {
    private let lock = NSLock()
    private var reason: String?
    /// Runs begun and not yet ended, in the order they began (several when runs simulate in parallel).
    private var active: [(database: ResultsDatabase, runID: Int64)] = []

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

    /// Cancels and marks every run in progress failed with `reason` (they keep `completed = 0`). Safe to call from
    /// any thread while the runner works; waits for a database batch being written to finish. Errors are ignored: a
    /// run may have completed in the meantime. Returns the ids of the runs marked failed, in the order they began.
    @discardableResult
    public func abandonActiveRuns(reason: String) -> [Int64] {
        cancel(reason: reason)
        let runs = lock.withLock { active }
        return runs.compactMap { run in
            (try? run.database.failRun(runID: run.runID, error: reason)).map { run.runID }
        }
    }

    func begin(database: ResultsDatabase, runID: Int64) {
        lock.withLock { active.append((database, runID)) }
    }

    func end(runID: Int64) {
        lock.withLock { active.removeAll { $0.runID == runID } }
    }
}
