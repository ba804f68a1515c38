import ArgumentParser
import Foundation
import KadResults
import KadSim
import KademliaCore

/// What every subcommand does the same way: load the scenario, open the database, run with progress and
/// interruption handling, and turn failures into one line on standard error and an exit code.
enum CommandSupport {
    /// Loads and validates a scenario; on failure prints the loader's one-line message and exits 2.
    static func loadScenario(_ path: String) throws -> Scenario {
        do {
            return try ScenarioLoader.load(path: path)
        } catch {
            Console.error(error.description)
            throw ExitStatus.badScenario
        }
    }

    /// Loads a scenario and applies `PATH=VALUE` overrides given on the command line.
    static func loadScenario(_ path: String, overriding assignments: [String]) throws -> Scenario {
        var overrides: [String: String] = [:]
        for assignment in assignments {
            guard let (field, value) = Scenario.parseOverride(assignment) else {
                throw ValidationError("--set \(assignment): expected PATH=VALUE such as network.nodes=2000")
            }
            overrides[field] = value
        }
        let scenario = try loadScenario(path)
        guard !overrides.isEmpty else { return scenario }
        do {
            return try scenario.applying(overrides: overrides)
        } catch {
            Console.error(error.description)
            throw ExitStatus.badScenario
        }
    }

    /// `Results/<scenario name>.sqlite`, relative to the current directory; characters other than letters, digits,
    /// `.`, `_` and `-` in the name become `_`.
    static func defaultDatabasePath(for scenario: Scenario) -> String {
        let safe = String(scenario.name.unicodeScalars.map { scalar -> Character in
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", ".", "_", "-": Character(scalar)
            default: "_"
            }
        })
        return "Results/\(safe.hasPrefix(".") ? "_" + safe : safe).sqlite"
    }

    /// Opens (creating if needed) the results database; on failure prints one line and exits 3.
    static func openDatabase(_ path: String) throws -> ResultsDatabase {
        do {
            return try ResultsDatabase(path: path)
        } catch {
            Console.error("kadsim: cannot open database \(path): \(Console.oneLine(String(describing: error)))")
            throw ExitStatus.database
        }
    }

    /// Runs `stores` × `seeds` of `scenario`, `parallelism` at a time, with progress on standard error (a line on terminals, heartbeats elsewhere) and SIGINT/SIGTERM handling.
    /// Database failures print one line and exit 3.
    static func execute(
        _ scenario: Scenario, database: ResultsDatabase?, databasePath: String?, stores: [StoreMode], seeds: [UInt64],
        shard: Shard? = nil, parallelism: Int = 1, heartbeat: HeartbeatOptions, heapAllocations: (@Sendable () -> UInt64)? = nil
    ) throws -> [ExperimentRun] {
        let control = RunControl()
        let progress = ProgressDisplay(heartbeatInterval: heartbeat.interval)
        let interrupts = InterruptHandler(control: control, clearsProgressLine: progress.isEnabled)
        defer {
            progress.clear()
            interrupts.remove()
        }
        let runner = ExperimentRunner(
            scenario: scenario, database: database, control: control, parallelism: parallelism, observer: progress.observe,
            heapAllocations: heapAllocations)
        do {
            return try runner.run(stores: stores, seeds: seeds, shard: shard)
        } catch {
            progress.clear()
            switch error {
            case .database(let message):
                Console.error("kadsim: database \(databasePath ?? "-"): \(Console.oneLine(message))")
                throw ExitStatus.database
            case .cancelled(let reason):
                Console.error("kadsim: \(reason)")
                throw ExitStatus.interrupted
            }
        }
    }
}

extension CommandSupport {
    /// The stored runs of `scenario` for every store and seed (`--from`); a database that cannot be read, or that
    /// lacks some run, prints one line and exits 3.
    static func storedRuns(of scenario: Scenario, from path: String, stores: [StoreMode], seeds: [UInt64]) throws -> [StoredRunSummary] {
        let database = try openDatabase(path)
        do {
            let (runs, missing) = try database.storedRuns(of: scenario, stores: stores, seeds: seeds)
            if let first = missing.first {
                Console.error("kadsim: database \(path): \(missing.count) of \(stores.count * seeds.count) runs of \(scenario.name) not stored (completed), first \(first.store.rawValue) seed \(first.seed)")
                throw ExitStatus.database
            }
            return runs
        } catch let error as ExitCode {
            throw error
        } catch {
            Console.error("kadsim: database \(path): \(Console.oneLine(String(describing: error)))")
            throw ExitStatus.database
        }
    }

    /// Reads a file of pinned result digests; an unreadable or malformed file prints one line and exits 2.
    static func loadGoldenDigests(_ path: String) throws -> GoldenDigests {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            Console.error("kadsim: cannot read golden digests \(path)")
            throw ExitStatus.badScenario
        }
        do {
            return try GoldenDigests(text: text, source: path)
        } catch {
            Console.error("kadsim: \(error.description)")
            throw ExitStatus.badScenario
        }
    }
}
