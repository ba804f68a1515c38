import Foundation
import KadResults
import KadSim
import Testing

/// Runs the built `kadsim` executable in separate processes.
@Suite("Command line")
struct CommandLineTests {
    /// The runner tests' scenario: 30 nodes, 12 minutes of churn, two seeds.
    static let tinyJSON = try! String(
        contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Shared/tiny-churn.json"),
        encoding: .utf8)

    struct Outcome {
        var status: Int32
        var output: String
        var error: String
    }

    /// The `kadsim` executable built next to the test bundle (`.build/<triple>/debug/kadsim`).
    static let executable: URL? = {
        var candidates: [URL] = []
        let argument0 = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var directory = argument0.deletingLastPathComponent()
        for _ in 0..<4 {  // the bundle may be a directory (macOS: Foo.xctest/Contents/MacOS/Foo)
            candidates.append(directory.appendingPathComponent("kadsim"))
            directory = directory.deletingLastPathComponent()
        }
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("kadsim"))
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(packageRoot.appendingPathComponent(".build/debug/kadsim"))
        return candidates.first { candidate in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory) && !isDirectory.boolValue
                && FileManager.default.isExecutableFile(atPath: candidate.path)
        }
    }()

    /// A new empty directory.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("kadsim-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Writes `json` as `name` into `directory` and returns its path.
    static func write(_ json: String, named name: String, in directory: URL) throws -> String {
        let url = directory.appendingPathComponent(name)
        try Data(json.utf8).write(to: url)
        return url.path
    }

    /// Runs `kadsim arguments…` in `directory` with standard error not a terminal, in this process's environment
    /// changed by `environment` (a nil value removes the variable).
    static func kadsim(_ arguments: [String], in directory: URL, environment: [String: String?] = [:]) throws -> Outcome {
        let executable = try #require(Self.executable, "kadsim executable not found next to the test bundle")
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        if !environment.isEmpty {
            var variables = ProcessInfo.processInfo.environment
            for (name, value) in environment { variables[name] = value }
            process.environment = variables
        }
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        // Read both pipes at once so that neither can fill up and block the child.
        let errorData = DataBox()
        let errorHandle = error.fileHandleForReading
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errorData.data = errorHandle.readDataToEndOfFile()
            group.leave()
        }
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Outcome(
            status: process.terminationStatus, output: String(decoding: outputData, as: UTF8.self),
            error: String(decoding: errorData.data, as: UTF8.self))
    }

    final class DataBox: @unchecked Sendable {
        var data = Data()
    }

    static func jsonObject(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func runIsDeterministicAcrossProcesses() throws {
        let directory = try Self.temporaryDirectory()
        let scenario = try Self.write(Self.tinyJSON, named: "tiny.json", in: directory)
        let database = directory.appendingPathComponent("runs.sqlite").path
        let first = try Self.kadsim(["run", scenario, "--json", "--db", database], in: directory)
        // One process runs both stores at once, the other one after the other: the results must not differ.
        let second = try Self.kadsim(["run", scenario, "--json", "--db", database, "--jobs", "1"], in: directory)
        #expect(first.status == 0, "\(first.error)")
        #expect(second.status == 0, "\(second.error)")
        #expect(first.error.isEmpty, "no progress output when standard error is a pipe")

        func runs(_ outcome: Outcome) throws -> [[String: Any]] {
            try #require(try Self.jsonObject(outcome.output)["runs"] as? [[String: Any]])
        }
        let firstRuns = try runs(first)
        let secondRuns = try runs(second)
        #expect(firstRuns.count == 2)
        #expect(firstRuns.map { $0["store"] as? String } == ["plain", "timestamped"])
        for key in ["store", "seed", "digest", "churnTrace", "workloadTrace"] {
            #expect(firstRuns.map { "\($0[key] ?? "")" } == secondRuns.map { "\($0[key] ?? "")" }, "\(key)")
        }
        for (a, b) in zip(firstRuns, secondRuns) {
            #expect(NSDictionary(dictionary: a["summary"] as? [String: Any] ?? [:]) == NSDictionary(dictionary: b["summary"] as? [String: Any] ?? [:]))
            #expect(NSDictionary(dictionary: a["totals"] as? [String: Any] ?? [:]) == NSDictionary(dictionary: b["totals"] as? [String: Any] ?? [:]))
        }
        // The two stores of one seed replay the same churn and workload.
        #expect(firstRuns[0]["churnTrace"] as? String == firstRuns[1]["churnTrace"] as? String)
        #expect(firstRuns[0]["workloadTrace"] as? String == firstRuns[1]["workloadTrace"] as? String)
        #expect(firstRuns[0]["replay"] as? String == "kadsim run \(scenario) --store plain --seed 1")

        // Both processes appended to one file: four completed runs.
        let stored = try ResultsDatabase(path: database).completedRuns()
        #expect(stored.count == 4)
        let ids = (firstRuns + secondRuns).compactMap { ($0["runID"] as? NSNumber)?.int64Value }
        #expect(ids == stored.map(\.id))
    }

    @Test func runWritesToTheDefaultDatabaseAndPrintsASummary() throws {
        let directory = try Self.temporaryDirectory()
        let scenario = try Self.write(Self.tinyJSON, named: "tiny.json", in: directory)
        let outcome = try Self.kadsim(["run", "tiny.json", "--store", "timestamped", "--seed", "2"], in: directory)
        #expect(outcome.status == 0, "\(outcome.error)")
        #expect(outcome.output.contains("stale fraction"))
        #expect(outcome.output.contains("kadsim run tiny.json --store timestamped --seed 2"))
        #expect(outcome.output.contains("peak memory"))
        #expect(outcome.output.contains("database Results/tiny.sqlite, run 1"))
        let database = directory.appendingPathComponent("Results/tiny.sqlite").path
        let stored = try ResultsDatabase(path: database).completedRuns()
        #expect(stored.map(\.info.storeMode) == [.timestamped])
        #expect(stored.map(\.info.seed) == [2])
        _ = scenario
    }

    @Test func runAppliesSetOverridesStoresThemAndReplaysWithThem() throws {
        let directory = try Self.temporaryDirectory()
        _ = try Self.write(Self.tinyJSON, named: "tiny.json", in: directory)
        let outcome = try Self.kadsim(
            ["run", "tiny.json", "--set", "network.nodes=31", "--set", "kademlia.headCheckAfter=15m", "--store", "plain", "--db", "o.sqlite"],
            in: directory)
        #expect(outcome.status == 0, "\(outcome.error)")
        #expect(outcome.output.contains("31 nodes"), "\(outcome.output)")
        #expect(outcome.output.contains("kadsim run tiny.json --set network.nodes=31 --set kademlia.headCheckAfter=15m --store plain --seed 1"))
        let stored = try ResultsDatabase(path: directory.appendingPathComponent("o.sqlite").path).completedRuns()
        let json = try #require(stored.first?.info.scenarioJSON)
        #expect(json.contains(#""nodes" : 31"#) && json.contains(#""headCheckAfter" : "15m""#), "\(json)")

        for command in [["run", "tiny.json", "--set", "network.nodes=1"], ["compare", "tiny.json", "--set", "network.nodes=1"],
                        ["check", "tiny.json", "--set", "network.nodes=1"]] {
            let bad = try Self.kadsim(command + ["--db", "bad.sqlite"], in: directory)
            #expect(bad.status == 2, "\(command)")
            #expect(bad.error == "tiny.json: network.nodes: expected an integer between 2 and 1000000, got 1\n", "\(command)")
        }
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("bad.sqlite").path))
    }

    @Test func compareRunsTheScenariosStoresForEachSeed() throws {
        let directory = try Self.temporaryDirectory()
        _ = try Self.write(Self.tinyJSON, named: "tiny.json", in: directory)
        let outcome = try Self.kadsim(["compare", "tiny.json", "--seeds", "2", "--db", "c.sqlite"], in: directory)
        #expect(outcome.status == 0, "\(outcome.error)")
        #expect(outcome.output.contains("stores plain and timestamped"), "\(outcome.output)")
        #expect(outcome.output.contains("staleFraction    timestamped − plain"), "\(outcome.output)")
        let stored = try ResultsDatabase(path: directory.appendingPathComponent("c.sqlite").path).completedRuns()
        #expect(stored.map(\.info.storeMode) == [.plain, .timestamped, .plain, .timestamped])

        let signedOnly = try Self.kadsim(
            ["compare", "tiny.json", "--set", #"stores=["timestamped","signed"]"#, "--seeds", "1", "--db", "s.sqlite"], in: directory)
        #expect(signedOnly.status == 0, "\(signedOnly.error)")
        #expect(signedOnly.output.contains("signed − timestamped"), "\(signedOnly.output)")
        let modes = try ResultsDatabase(path: directory.appendingPathComponent("s.sqlite").path).completedRuns().map(\.info.storeMode)
        #expect(modes == [.timestamped, .signed])
    }

    @Test func malformedScenarioExitsTwoAndWritesNothing() throws {
        let directory = try Self.temporaryDirectory()
        let scenario = try Self.write(
            #"{"name": "bad", "duration": "1h", "network": {"nodes": 60, "loss": 1.5}}"#, named: "bad.json", in: directory)
        var expected = ""
        do {
            _ = try ScenarioLoader.load(path: scenario)
            Issue.record("the scenario should be rejected")
        } catch {
            expected = error.description
        }
        #expect(expected.contains("network.loss"))
        for command in [["run", scenario], ["run", scenario, "--db", "out.sqlite"], ["compare", scenario], ["check", scenario],
                        ["validate", scenario], ["bench", scenario]] {
            let outcome = try Self.kadsim(command, in: directory)
            #expect(outcome.status == 2, "\(command)")
            #expect(outcome.error == expected + "\n", "\(command)")
            #expect(outcome.output.isEmpty, "\(command)")
        }
        let left = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        #expect(left == ["bad.json"], "no database file or Results directory")

        let missing = try Self.kadsim(["validate", "nope.json"], in: directory)
        #expect(missing.status == 2)
        #expect(missing.error == "nope.json: cannot read file\n")
    }

    @Test func badOptionsAreUsageErrors() throws {
        let directory = try Self.temporaryDirectory()
        let scenario = try Self.write(Self.tinyJSON, named: "tiny.json", in: directory)
        let store = try Self.kadsim(["run", scenario, "--store", "fancy"], in: directory)
        #expect(store.status == 64)
        #expect(store.error.contains("--store"))
        let seeds = try Self.kadsim(["compare", scenario, "--seeds", "0"], in: directory)
        #expect(seeds.status == 64)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["tiny.json"])
    }

    @Test func unusableDatabaseExitsThree() throws {
        let directory = try Self.temporaryDirectory()
        let scenario = try Self.write(Self.tinyJSON, named: "tiny.json", in: directory)
        let blocker = try Self.write("not a directory", named: "file", in: directory)
        let outcome = try Self.kadsim(["run", scenario, "--db", blocker + "/results.sqlite"], in: directory)
        #expect(outcome.status == 3)
        #expect(outcome.error.hasPrefix("kadsim: cannot open database \(blocker)/results.sqlite: "))
        #expect(outcome.error.filter { $0 == "\n" }.count == 1, "one line")
        // The default results directory is a file: one plain line, no Foundation error dump.
        _ = try Self.write("a file", named: "Results", in: directory)
        let blocked = try Self.kadsim(["run", scenario], in: directory)
        #expect(blocked.status == 3)
        #expect(blocked.error == "kadsim: cannot open database Results/tiny.sqlite: Results exists and is not a directory\n", "\(blocked.error)")
    }

    @Test func benchAppliesOverridesAndAccountsForEveryEvent() throws {
        let directory = try Self.temporaryDirectory()
        let scenario = try Self.write(Self.tinyJSON, named: "tiny.json", in: directory)
        let outcome = try Self.kadsim(["bench", scenario, "--set", "network.nodes=45", "--set", "duration=15m"], in: directory)
        #expect(outcome.status == 0, "\(outcome.error)")
        #expect(outcome.output.contains("45 nodes"), "\(outcome.output)")
        #expect(outcome.output.contains("--set network.nodes=45 --set duration=15m"))
        func count(_ label: String) -> Int? {
            let line = outcome.output.split(separator: "\n").first { $0.hasPrefix(label + " ") }
            return line.flatMap { Int($0.dropFirst(label.count).split(separator: " ")[0].replacingOccurrences(of: ",", with: "")) }
        }
        let events = try #require(count("events"))
        let byKind = ["deliver", "timer", "nodeUp", "nodeDown", "publish", "read", "sample", "deadContactSample"]
            .compactMap { count("event " + $0) }
        #expect(byKind.count >= 5)
        #expect(byKind.reduce(0, +) == events, "the census accounts for every event")
        #expect((count("request find_node") ?? 0) > 0 && (count("request store") ?? 0) > 0)
        let byRPC = ["ping", "store", "find_node", "find_value"].compactMap { count("request " + $0) }
        let byOrigin = ["join", "findNode", "get", "put", "republish", "refresh", "headCheck", "recordTransfer", "readRepair"]
            .compactMap { count("requests for " + $0) }
        #expect(byOrigin.reduce(0, +) == byRPC.reduce(0, +), "every request has one origin")
        #expect((count("requests for put") ?? 0) > 0 && (count("requests for join") ?? 0) > 0)
        #expect(count("nodes") == 45)
        #expect(count("online nodes, peak").map { $0 > 0 && $0 <= 45 } == true, "\(outcome.output)")
        #expect(outcome.error.isEmpty, "no warning when the nodes came online")
        let summary = try #require(outcome.output.split(separator: "\n").first { $0.hasPrefix("bench: \(events) events, ") })
        #expect(summary.contains(" µs/event, ") && summary.contains("of 45 nodes"), "\(summary)")
        #if os(Linux)
        // The executable counts the process's heap allocations; a run that simulates anything allocates.
        let allocations = summary.split(separator: ",").first { $0.hasSuffix("allocations/delivery") }
        #expect(allocations.flatMap { Double($0.split(separator: " ")[0]) }.map { $0 > 0 } == true, "\(summary)")
        #endif

        let bad = try Self.kadsim(["bench", scenario, "--set", "network.nodes=-3"], in: directory)
        #expect(bad.status == 2)
        #expect(bad.error.hasPrefix(scenario + ": network.nodes: expected an integer"), "\(bad.error)")
        #expect(bad.error.split(separator: "\n").count == 1)
        let usage = try Self.kadsim(["bench", scenario, "--set", "nodes"], in: directory)
        #expect(usage.status == 64)
        #expect(usage.error.contains("--set nodes"))
    }

    /// A simulating command starts itself again with glibc's huge-page settings, unless GLIBC_TUNABLES says otherwise.
    @Test func simulatingCommandsAskGlibcForHugePagesUnlessTold() throws {
        let directory = try Self.temporaryDirectory()
        let scenario = try Self.write(Self.tinyJSON, named: "tiny.json", in: directory)
        func tunables(_ environment: [String: String?]) throws -> String? {
            let outcome = try Self.kadsim(["bench", scenario, "--set", "duration=5m"], in: directory, environment: environment)
            #expect(outcome.status == 0, "\(outcome.error)")
            let line = outcome.output.split(separator: "\n").first { $0.hasPrefix("heap: ") }
            return line.map { String($0.dropFirst("heap: ".count).prefix { $0 != ";" }) }
        }
        #if os(Linux)
        #expect(try tunables(["GLIBC_TUNABLES": nil]) == "GLIBC_TUNABLES=glibc.malloc.hugetlb=1:glibc.malloc.top_pad=67108864")
        #expect(try tunables(["GLIBC_TUNABLES": "glibc.malloc.hugetlb=0"]) == "GLIBC_TUNABLES=glibc.malloc.hugetlb=0")
        #else
        #expect(try tunables(["GLIBC_TUNABLES": nil]) == "GLIBC_TUNABLES not set")
        #endif
    }

    @Test func runsWithoutATerminalPrintHeartbeatsWhenAsked() throws {
        let directory = try Self.temporaryDirectory()
        let scenario = try Self.write(Self.tinyJSON, named: "tiny.json", in: directory)
        let overrides = ["--set", "network.nodes=300", "--set", "duration=30m"]
        let beating = try Self.kadsim(["bench", scenario, "--heartbeat", "0.000001"] + overrides, in: directory)
        #expect(beating.status == 0, "\(beating.error)")
        let beats = beating.error.split(separator: "\n").filter { $0.hasPrefix("kadsim: progress ") }
        #expect(!beats.isEmpty, "\(beating.error)")
        #expect(beats.allSatisfy { $0.contains("/30m") && $0.contains("events/s") }, "\(beats)")
        let quiet = try Self.kadsim(["bench", scenario, "--heartbeat", "0"] + overrides, in: directory)
        #expect(quiet.status == 0 && !quiet.error.contains("kadsim: progress"), "\(quiet.error)")
        let wrong = try Self.kadsim(["bench", scenario, "--heartbeat", "-1"], in: directory)
        #expect(wrong.status == 64 && wrong.error.contains("--heartbeat"), "\(wrong.error)")
    }

    @Test func benchWarnsWhenFewOfTheNodesWereEverOnline() throws {
        let directory = try Self.temporaryDirectory()
        let scenario = try Self.write(Self.tinyJSON, named: "tiny.json", in: directory)
        // No warm-up and no churn: joins 50 ms apart bring up 401 of 1,000 nodes in 20 s.
        let outcome = try Self.kadsim(
            ["bench", scenario, "--set", "network.nodes=1000", "--set", "warmup=0s", "--set", "duration=20s", "--set", "churn=null"],
            in: directory)
        #expect(outcome.status == 0, "\(outcome.error)")
        #expect(outcome.output.contains("online nodes, peak"), "\(outcome.output)")
        #expect(outcome.error.hasPrefix("kadsim: warning: at most 401 of 1,000 nodes were online at once"), "\(outcome.error)")
        #expect(outcome.error.split(separator: "\n").count == 1)
    }

    @Test func processesRacingToCreateOneResultsFileAllSucceed() throws {
        let directory = try Self.temporaryDirectory()
        let scenario = try Self.write(Self.tinyJSON, named: "tiny.json", in: directory)
        let executable = try #require(Self.executable)
        for round in 0..<15 {
            let database = directory.appendingPathComponent("race-\(round).sqlite").path
            let racers = try (0..<3).map { _ in
                let process = Process()
                process.executableURL = executable
                process.arguments = ["run", scenario, "--db", database, "--store", "plain", "--set", "duration=3m"]
                process.currentDirectoryURL = directory
                let error = Pipe()
                process.standardError = error
                process.standardOutput = FileHandle.nullDevice
                try process.run()
                return (process, error)
            }
            for (process, error) in racers {
                process.waitUntilExit()
                let message = String(decoding: error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                #expect(process.terminationStatus == 0, "round \(round): \(message)")
            }
            let runs = try ResultsDatabase(path: database).runs()
            #expect(runs.count == 3 && runs.allSatisfy(\.completed), "round \(round)")
        }
    }

    @Test func sigintMarksEveryParallelRunFailedAndExits130() throws {
        let directory = try Self.temporaryDirectory()
        // A week of the tiny network: far longer than the test waits.
        let scenario = try Self.write(
            Self.tinyJSON.replacingOccurrences(of: #""duration": "12m""#, with: #""duration": "7d""#), named: "week.json", in: directory)
        let database = directory.appendingPathComponent("runs.sqlite").path
        let executable = try #require(Self.executable)
        let process = Process()
        process.executableURL = executable
        process.arguments = ["compare", scenario, "--db", database, "--jobs", "2"]
        process.currentDirectoryURL = directory
        let errorPipe = Pipe()
        process.standardError = errorPipe
        process.standardOutput = Pipe()
        try process.run()
        var begun: [StoredRun] = []
        for _ in 0..<300 where begun.count < 2 {
            Thread.sleep(forTimeInterval: 0.1)
            begun = (try? ResultsDatabase(path: database).runs()) ?? []
        }
        #expect(begun.count == 2, "both stores of seed 1 simulate at once")
        process.interrupt()
        let error = String(decoding: errorPipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 130)
        #expect(error == "kadsim: interrupted by SIGINT; runs 1, 2 marked failed\n")
        let stored = try ResultsDatabase(path: database).runs()
        #expect(stored.count == 2)
        #expect(stored.allSatisfy { !$0.completed && $0.error == "interrupted by SIGINT" })
    }

    @Test func validatePrintsTheShape() throws {
        let directory = try Self.temporaryDirectory()
        let scenario = try Self.write(Self.tinyJSON, named: "tiny.json", in: directory)
        let outcome = try Self.kadsim(["validate", scenario], in: directory)
        #expect(outcome.status == 0)
        #expect(outcome.output == "\(scenario): ok (30 nodes, 12m, stores plain and timestamped, seeds 1, 2)\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["tiny.json"])
    }

    @Test func checkReportsFailedBoundsAndTheReplayCommand() throws {
        let directory = try Self.temporaryDirectory()
        let json = Self.tinyJSON.replacingOccurrences(
            of: #""seeds": [1, 2],"#,
            with: #""seeds": [1], "expect": [{"metric": "reads", "max": 0}, {"metric": "freshFraction", "store": "timestamped", "min": 0}],"#)
        let scenario = try Self.write(json, named: "bounded.json", in: directory)
        let database = directory.appendingPathComponent("check.sqlite").path
        let outcome = try Self.kadsim(["check", scenario, "--db", database], in: directory)
        #expect(outcome.status == 1, "\(outcome.error)")
        let lines = outcome.output.split(separator: "\n").map(String.init)
        #expect(lines.filter { $0.hasPrefix("FAIL") && $0.contains("reads") }.count == 2, "\(outcome.output)")
        #expect(lines.filter { $0.hasPrefix("PASS") && $0.contains("freshFraction") }.count == 1, "\(outcome.output)")
        #expect(outcome.output.contains("kadsim run \(scenario) --store plain --seed 1"))
        #expect(outcome.output.contains("kadsim run \(scenario) --store timestamped --seed 1"))
        #expect(try ResultsDatabase(path: database).completedRuns().count == 2)
    }

    @Test func checkWithoutBoundsSaysSo() throws {
        let directory = try Self.temporaryDirectory()
        let scenario = try Self.write(Self.tinyJSON, named: "tiny.json", in: directory)
        let outcome = try Self.kadsim(["check", scenario], in: directory)
        #expect(outcome.status == 0)
        #expect(outcome.output == "\(scenario): no expect bounds, nothing to check\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["tiny.json"])
    }

    @Test func checkWithGoldenDigestsFailsOnAChangedResultAndNamesIt() throws {
        let directory = try Self.temporaryDirectory()
        let json = Self.tinyJSON.replacingOccurrences(of: #""seeds": [1, 2],"#, with: #""seeds": [1],"#)
        let scenario = try Self.write(json, named: "tiny.json", in: directory)
        let database = directory.appendingPathComponent("check.sqlite").path
        let pinned = "tiny plain 1 e41111077a5d0338\ntiny timestamped 1 0000000000000000\n"
        let golden = try Self.write(pinned, named: "golden.txt", in: directory)
        let outcome = try Self.kadsim(["check", scenario, "--golden", golden, "--db", database], in: directory)
        #expect(outcome.status == 1, "\(outcome.error)")
        #expect(outcome.output.contains("golden digests: 1 of 2 runs match \(golden)"), "\(outcome.output)")
        #expect(outcome.output.contains("DIGEST tiny timestamped seed 1: digest 077a9b32f2391750, pinned 0000000000000000"))

        let malformed = try Self.write("tiny plain one e41111077a5d0338\n", named: "bad.txt", in: directory)
        let refused = try Self.kadsim(["check", scenario, "--golden", malformed, "--db", database], in: directory)
        #expect(refused.status == 2)
        #expect(refused.error == "kadsim: \(malformed):1: seed \"one\" is not a non-negative integer\n")
    }
}
