import Foundation

/// Hands out an `ExperimentRunner`'s jobs to its worker threads in order and gathers their runs. After the first
/// failure no new job starts; runs already simulating finish, and the failure of the earliest job is thrown.
final class JobBoard: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    private var finished: [ExperimentRun?]
    private var failures: [(position: Int, error: ExperimentError)] = []

    init(count: Int) {
        finished = Array(repeating: nil, count: count)
    }

    /// The next job's position and what `begin` made of it, or nil when none is left or a job failed. `begin` runs
    /// under the lock, so jobs begin strictly in order; its failure counts as the job's.
    func takeNext<Started>(_ begin: (Int) throws(ExperimentError) -> Started) -> (Int, Started)? {
        lock.withLock { () -> (Int, Started)? in
            guard next < finished.count, failures.isEmpty else { return nil }
            let position = next
            next += 1
            do throws(ExperimentError) {
                return (position, try begin(position))
            } catch {
                failures.append((position, error))
                return nil
            }
        }
    }

    func finish(_ position: Int, with run: ExperimentRun) {
        lock.withLock { finished[position] = run }
    }

    func fail(_ position: Int, with error: ExperimentError) {
        lock.withLock { failures.append((position, error)) }
    }

    /// Every run in job order, or the earliest job's failure.
    func runs() throws(ExperimentError) -> [ExperimentRun] {
        let (runs, failure) = lock.withLock { (finished, failures.min { $0.position < $1.position }) }
        if let failure { throw failure.error }
        return runs.map { $0! }
    }
}
