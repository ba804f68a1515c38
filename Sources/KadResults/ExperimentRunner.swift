import Dispatch
import Foundation
import KadSim
import KademliaCore

/// Runs one scenario for a list of store modes and seeds, writing each run to a results database.
///
/// For every seed, for every store: `beginRun` (full scenario JSON, store, seed, kadsim version, ISO-8601 start),
/// one `Simulation` whose reads are appended while it runs in batches of `batchSize` rows (one transaction each, so
/// memory does not grow with the reads), then its series in batches, then `completeRun` with the wall time and event
/// count. If anything fails or the `RunControl` is cancelled (checked before every batch, so also mid-simulation),
/// the runs in progress are marked failed (they keep `completed = 0`) and the runner throws. Without a database it only
/// simulates, and drops the reads once counted. Either way `ExperimentRun.result.observations` is empty; the summary
/// and digest cover every read.
///
/// With `parallelism` above 1, that many runs simulate at once on their own threads. Runs still begin in the order
/// above (so run ids follow it) and each is deterministic, so the same scenario, store and seed give the same
/// `SimulationResult` on any machine and at any parallelism; only wall-clock fields differ.
public struct ExperimentRunner: Sendable {
    /// Rows per database transaction when appending reads and series.
    public static let defaultBatchSize = 10_000

    public var scenario: Scenario
    /// Where runs are written; nil to simulate only (`kadsim bench`).
    public var database: ResultsDatabase?
    public var batchSize: Int
    public var kadsimVersion: String
    public var control: RunControl
    public var clock: WallClock
    /// Runs that simulate at the same time, each on its own thread (and with its own memory).
    public var parallelism: Int
    /// Told about each step (progress display, tests); from several threads at once when `parallelism` > 1.
    public var observer: (@Sendable (ExperimentEvent) -> Void)?
    /// The process's heap-allocation counter, for `RunTotals.heapAllocations` (meaningful with one run at a time).
    public var heapAllocations: (@Sendable () -> UInt64)?

    public init(
        scenario: Scenario, database: ResultsDatabase?, batchSize: Int = ExperimentRunner.defaultBatchSize,
        kadsimVersion: String = KadsimVersion.current, control: RunControl = RunControl(), clock: WallClock = .system,
        parallelism: Int = 1, observer: (@Sendable (ExperimentEvent) -> Void)? = nil,
        heapAllocations: (@Sendable () -> UInt64)? = nil
    ) {
        precondition(batchSize > 0, "batch size must be positive")
        self.scenario = scenario
        self.database = database
        self.batchSize = batchSize
        self.kadsimVersion = kadsimVersion
        self.control = control
        self.clock = clock
        self.parallelism = max(1, parallelism)
        self.observer = observer
        self.heapAllocations = heapAllocations
    }

    /// Runs every store for every seed, seed by seed (so each seed's stores begin back to back), and returns the runs
    /// in that order; with `shard`, only that shard's share of those jobs.
    public func run(stores: [StoreMode], seeds: [UInt64], shard: Shard? = nil) throws(ExperimentError) -> [ExperimentRun] {
        let grid = seeds.flatMap { seed in stores.map { (store: $0, seed: seed) } }
        let jobs = shard?.share(of: grid) ?? grid
        guard parallelism > 1, jobs.count > 1 else {
            var runs: [ExperimentRun] = []
            runs.reserveCapacity(jobs.count)
            for job in jobs { runs.append(try run(store: job.store, seed: job.seed)) }
            return runs
        }
        let board = JobBoard(count: jobs.count)
        let workers = DispatchGroup()
        // Threads of their own rather than the shared pool, which may be busy and would then run jobs one by one.
        for _ in 0..<min(parallelism, jobs.count) {
            workers.enter()
            Thread {
                // Taking a job and beginning its run happen under one lock, so runs begin (and get ids) in job order.
                while let (position, started) = board.takeNext({ position throws(ExperimentError) in
                    try begin(store: jobs[position].store, seed: jobs[position].seed)
                }) {
                    do throws(ExperimentError) {
                        board.finish(position, with: try finish(started, try simulate(started)))
                    } catch {
                        board.fail(position, with: error)
                    }
                }
                workers.leave()
            }.start()
        }
        workers.wait()
        return try board.runs()
    }

    /// Runs one store and seed.
    public func run(store: StoreMode, seed: UInt64) throws(ExperimentError) -> ExperimentRun {
        let started = try begin(store: store, seed: seed)
        return try finish(started, try simulate(started))
    }

    /// A run that has begun: its row (if any), when it started, and what it simulates.
    struct StartedRun: Sendable {
        var store: StoreMode
        var seed: UInt64
        var runID: Int64?
        var startedAt: String
        var start: Double
    }

    private func begin(store: StoreMode, seed: UInt64) throws(ExperimentError) -> StartedRun {
        if let reason = control.cancellationReason { throw .cancelled(reason) }
        let startedAt = clock.timestamp()
        let start = clock.seconds()
        var runID: Int64?
        if let database {
            let info = RunInfo(
                scenarioName: scenario.name, scenarioJSON: scenario.jsonText(), storeMode: store, seed: seed,
                kadsimVersion: kadsimVersion, startedAt: startedAt)
            do {
                runID = try database.beginRun(info)
            } catch {
                throw .describing(error)
            }
            control.begin(database: database, runID: runID!)
        }
        observer?(.runStarted(store: store, seed: seed, runID: runID))
        return StartedRun(store: store, seed: seed, runID: runID, startedAt: startedAt, start: start)
    }

    /// Simulates a begun run, its reads streaming into the database (dropped once counted without one); if a batch
    /// fails or the run is cancelled, the simulation stops there and the run is marked failed.
    private func simulate(_ started: StartedRun) throws(ExperimentError) -> SimulatedRun {
        let simulation = Simulation(scenario: scenario, storeMode: started.store, seed: started.seed)
        simulation.heapAllocations = heapAllocations
        let clock = self.clock
        var setupSeconds = 0.0
        simulation.setupFinished = { setupSeconds = clock.seconds() - started.start }
        var failure: ExperimentError?
        simulation.readBatchSize = batchSize
        simulation.readSink = { batch in
            guard let database, let runID = started.runID else { return true }
            do throws(ExperimentError) {
                try write(reads: batch, to: database, runID: runID)
                return true
            } catch {
                failure = error
                return false
            }
        }
        if let observer {
            let duration = scenario.duration
            simulation.progress = { virtualTime, events in
                observer(.progress(RunProgress(
                    store: started.store, seed: started.seed, virtualTime: virtualTime, duration: duration, events: events,
                    wallSeconds: clock.seconds() - started.start)))
            }
        }
        let result = simulation.run()
        if let failure {
            if let database, let runID = started.runID {
                try? database.failRun(runID: runID, error: failure.description)
                control.end(runID: runID)
            }
            throw failure
        }
        return SimulatedRun(result: result, setupSeconds: setupSeconds)
    }

    /// A simulation's result and how long its setup (building nodes, warm tables) took before the first event.
    struct SimulatedRun {
        var result: SimulationResult
        var setupSeconds: Double
    }

    /// Writes and completes a simulated run; on any failure marks it failed and throws.
    private func finish(_ started: StartedRun, _ simulated: SimulatedRun) throws(ExperimentError) -> ExperimentRun {
        defer { if let runID = started.runID { control.end(runID: runID) } }
        let result = simulated.result
        let simulationSeconds = clock.seconds() - started.start
        observer?(.simulationFinished(
            store: started.store, seed: started.seed, events: result.totals.events, wallSeconds: simulationSeconds))

        if let database, let runID = started.runID {
            do throws(ExperimentError) {
                try write(result, to: database, runID: runID)
            } catch {
                let message = error.description
                try? database.failRun(runID: runID, error: message)
                throw error
            }
        }
        var run = ExperimentRun(
            result: result, runID: started.runID, startedAt: started.startedAt, simulationSeconds: simulationSeconds,
            wallSeconds: clock.seconds() - started.start, virtualDuration: scenario.duration)
        run.setupSeconds = simulated.setupSeconds
        if let database, let runID = started.runID {
            do {
                try stopIfCancelled()
                try database.completeRun(runID: runID, summary: result.summary, wallSeconds: run.wallSeconds, events: run.events)
            } catch {
                let failure = (error as? ExperimentError) ?? .describing(error)
                try? database.failRun(runID: runID, error: failure.description)
                throw failure
            }
        }
        observer?(.runFinished(run))
        return run
    }

    /// One batch of reads in one transaction, unless the run was cancelled.
    private func write(reads batch: [ReadObservation], to database: ResultsDatabase, runID: Int64) throws(ExperimentError) {
        try stopIfCancelled()
        do {
            try database.append(reads: batch, runID: runID)
        } catch {
            throw .describing(error)
        }
        observer?(.batchWritten(runID: runID, table: .reads, rows: batch.count))
    }

    /// The series, in batches; the reads went in while the simulation ran.
    private func write(_ result: SimulationResult, to database: ResultsDatabase, runID: Int64) throws(ExperimentError) {
        for start in stride(from: 0, to: result.series.count, by: batchSize) {
            try stopIfCancelled()
            let batch = result.series[start..<min(start + batchSize, result.series.count)]
            do {
                try database.append(series: Array(batch), runID: runID)
            } catch {
                throw .describing(error)
            }
            observer?(.batchWritten(runID: runID, table: .series, rows: batch.count))
        }
    }

    private func stopIfCancelled() throws(ExperimentError) {
        if let reason = control.cancellationReason { throw .cancelled(reason) }
    }
}

/// A step of an `ExperimentRunner`, reported to its observer.
public enum ExperimentEvent {
    /// A run is about to simulate; `runID` is its row in `runs` (nil without a database).
    case runStarted(store: StoreMode, seed: UInt64, runID: Int64?)
    /// Every 65,536 simulator events.
    case progress(RunProgress)
    /// The simulation ended (its reads are written already); its series and summary are about to be written.
    case simulationFinished(store: StoreMode, seed: UInt64, events: Int, wallSeconds: Double)
    /// One batch of rows was committed.
    case batchWritten(runID: Int64, table: ResultsTable, rows: Int)
    /// The run is complete (and committed with `completed = 1` if there is a database).
    case runFinished(ExperimentRun)
}

/// The tables a runner appends rows to in batches.
public enum ResultsTable: String, Sendable {
    case reads
    case series
}

/// How far a running simulation has got.
public struct RunProgress: Sendable, Hashable {
    public var store: StoreMode
    public var seed: UInt64
    /// Virtual time reached.
    public var virtualTime: Microseconds
    /// Virtual time the run will reach.
    public var duration: Microseconds
    /// Events processed so far.
    public var events: Int
    /// Wall-clock seconds since the run started.
    public var wallSeconds: Double

    public init(store: StoreMode, seed: UInt64, virtualTime: Microseconds, duration: Microseconds, events: Int, wallSeconds: Double) {
        self.store = store
        self.seed = seed
        self.virtualTime = virtualTime
        self.duration = duration
        self.events = events
        self.wallSeconds = wallSeconds
    }

    /// Share of virtual time done, 0...1.
    public var fractionDone: Double {
        duration > 0 ? min(1, max(0, Double(virtualTime) / Double(duration))) : 1
    }

    /// Wall-clock seconds left if the run keeps its pace so far; nil before any progress.
    public var secondsRemaining: Double? {
        let done = fractionDone
        guard done > 0 else { return nil }
        return wallSeconds * (1 - done) / done
    }

    /// Events per wall-clock second so far.
    public var eventsPerSecond: Double {
        wallSeconds > 0 ? Double(events) / wallSeconds : 0
    }
}
