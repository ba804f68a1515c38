import Foundation
import KademliaCore
import Testing

@testable import KadSim

/// Directory of scenario fixtures next to this file.
let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures").path

@Suite("Scenario files")
struct ScenarioTests {
    static let positiveDuration = #"a positive duration like "90s", "2.5s" or "1h30m" (units us, ms, s, m, h, d)"#
    static func durationOfAtLeast(_ minimum: String) -> String {
        #"a duration of at least \#(minimum) like "90s", "5m" or "1h30m" (units us, ms, s, m, h, d)"#
    }

    /// Each malformed fixture and the exact message after "<path>: ". `DIR` stands for the fixture directory.
    static let malformed: [(file: String, message: String)] = [
        ("top-level-array", "expected a JSON object at the top level, got an array"),
        ("missing-name", "name: missing required field (expected a non-empty string)"),
        ("name-not-string", "name: expected a non-empty string, got 5"),
        ("unknown-top-level-field",
         "nmae: unknown field (expected one of: name, description, duration, warmup, seeds, stores, network, kademlia, churn, workload, expect, adversary, deadContactSampleInterval)"),
        ("duration-bad-unit", "duration: expected \(positiveDuration), got \"5 min\""),
        ("duration-zero", "duration: expected \(positiveDuration), got \"0s\""),
        ("warmup-too-long", #"warmup: expected a duration shorter than duration (1h), got "2h""#),
        ("seed-negative", "seeds[1]: expected an integer between 0 and 18446744073709551615, got -2"),
        ("seeds-empty", "seeds: expected a non-empty array of seeds, got an empty array"),
        ("seeds-not-array", "seeds: expected a non-empty array of seeds, got 7"),
        ("store-unknown", #"stores[1]: expected one of "plain", "timestamped", "signed", got "lww""#),
        ("store-duplicate", #"stores[1]: duplicate value "plain""#),
        ("missing-network", #"network: missing required field (expected an object with at least "nodes")"#),
        ("nodes-too-few", "network.nodes: expected an integer between 2 and 1000000, got 1"),
        ("nodes-fractional", "network.nodes: expected an integer between 2 and 1000000, got 10.5"),
        ("loss-above-one", "network.loss: expected a probability between 0 and 1, got 1.5"),
        ("loss-boolean", "network.loss: expected a probability between 0 and 1, got true"),
        ("latency-wrong-distribution",
         #"network.latency.distribution: expected one of "constant", "uniform", "lognormal", got "exponential""#),
        ("latency-extra-field", "network.latency.mean: unknown field (expected one of: distribution, median, sigma)"),
        ("latency-uniform-reversed", #"network.latency.max: expected a duration >= min (30ms), got "10ms""#),
        ("latency-missing-kind",
         #"network.latency.distribution: missing required field (expected one of "constant", "uniform", "lognormal")"#),
        ("partition-fraction", "network.partitions[0].fraction: expected a probability between 0 and 1, got 2"),
        ("partition-after-end", #"network.partitions[0].at: expected a time before the end of the run (10m), got "1h""#),
        ("partitions-not-array", "network.partitions: expected an array of partitions, got an object"),
        ("network-join-over-zero", "network.joinOver: expected \(positiveDuration), got \"0s\""),
        ("network-join-over-too-long", #"network.joinOver: expected a duration no longer than duration (1h), got "1h1s""#),
        ("network-start-unknown", #"network.start: expected "joins" or "warm", got "hot""#),
        ("kademlia-compatibility-unknown", #"kademlia.compatibility: expected "paper" or "python-2.2.3", got "python-3""#),
        ("kademlia-k-too-large", "kademlia.k: expected an integer between 1 and 64, got 65"),
        ("kademlia-alpha-above-k", "kademlia.alpha: expected an integer between 1 and k (4), got 5"),
        ("kademlia-store-mode",
         "kademlia.storeMode: unknown field (expected one of: k, alpha, rpcTimeout, bucketRefresh, republish, recordTTL, staleContactFailures, replacementCacheSize, headCheckAfter, dropRecordsWhenNotClosest, disjointPaths, quorum, secureNodeIDs, oneContactPerAddress, contactsPerSubnetPerBucket, refreshBucketsOnJoin, leastRecentlySeenOrder, repeatsHeadChecks, repeatsRecordTransfer, transferKeyHashedTwice, neighboursByBucketWalk, lookupsInRounds, relaxedBucketSplit, compatibility)"),
        ("kademlia-head-check-negative",
         #"kademlia.headCheckAfter: expected a duration like "90s", "2.5s" or "1h30m" (units us, ms, s, m, h, d), got "-15m""#),
        ("kademlia-timeout-number", "kademlia.rpcTimeout: expected \(durationOfAtLeast("1ms")), got 5"),
        ("churn-typo",
         "churn.sesion: unknown field (expected one of: stableFraction, session, downtime, newAddressProbability, trace)"),
        ("churn-missing-downtime", "churn.downtime: missing required field (expected a duration distribution, or churn.trace)"),
        ("churn-session-string",
         #"churn.session: expected an object with "distribution" (one of "exponential", "weibull", "lognormal", "pareto"), got "30m""#),
        ("churn-weibull-zero-shape", "churn.session.shape: expected a shape greater than 0 and at most 100, got 0"),
        ("churn-pareto-missing-minimum", "churn.downtime.minimum: missing required field (expected \(durationOfAtLeast("1s")))"),
        ("churn-constant-session",
         #"churn.session.distribution: expected one of "exponential", "weibull", "lognormal", "pareto", got "constant""#),
        ("churn-trace-and-session", "churn.session: must be absent when churn.trace is set (the trace gives the sessions)"),
        ("churn-trace-missing-file", "churn.trace: cannot read trace file DIR/traces/nowhere.csv"),
        ("churn-trace-bad-state", #"churn.trace: DIR/traces/bad-state.csv line 3: state: expected "up" or "down", got "sideways""#),
        ("churn-trace-bad-node", #"churn.trace: DIR/traces/bad-node.csv line 4: node: expected a node index between 0 and 49, got "50""#),
        ("workload-negative-reads", "workload.readsPerNodePerHour: expected a number between 0 and 3600 (at most one read per node per second), got -1"),
        ("workload-absurd-reads", "workload.readsPerNodePerHour: expected a number between 0 and 3600 (at most one read per node per second), got 1e+308"),
        ("workload-republish-too-often", #"workload.ownerRepublish: expected a duration of at least 1s like "90s", "5m" or "1h30m" (units us, ms, s, m, h, d), got "1us""#),
        ("churn-session-too-short", #"churn.session.mean: expected a duration of at least 1s like "90s", "5m" or "1h30m" (units us, ms, s, m, h, d), got "500ms""#),
        ("kademlia-refresh-too-often", #"kademlia.bucketRefresh: expected a duration of at least 1s like "90s", "5m" or "1h30m" (units us, ms, s, m, h, d), got "10ms""#),
        ("workload-user-fraction", #"workload.userFraction: expected a probability between 0 and 1, got "all""#),
        ("expect-unknown-metric",
         #"expect[0].metric: expected a metric name (one of: reads, freshFraction, staleFraction, missingFraction, reachableFraction, stalenessAgeP50, stalenessAgeP90, stalenessAgeP99, stalenessAgeMax, versionLagMean, latencyP50, latencyP99, hopsMean, messagesPerRead, messagesPerNodePerSecond, bytesPerNodePerSecond, meanOnlineNodes, deadContactShare, forgedFraction, rollbackFraction, poisonedReadFraction, lookupSuccess, signaturesVerifiedPerNodePerSecond, ownCopyFraction, ownCopyStaleFraction, deadContactSamples), got "staleness""#),
        ("expect-no-bound", #"expect[0]: expected "max" and/or "min", got neither"#),
        ("expect-min-above-max", "expect[0].min: expected a number <= max (0.1), got 0.5"),
        ("expect-not-array", #"expect: expected an array of bounds like {"metric": "staleFraction", "max": 0.1}, got an object"#),
        ("description-number", "description: expected a string, got 3"),
        ("duplicate-key", "duration: duplicate key (lines 3 and 5): expected each key once per object"),
        ("duplicate-key-nested",
         "network.partitions[1].fraction: duplicate key (lines 8 and 8): expected each key once per object"),
    ]

    @Test("every malformed fixture is rejected with its exact one-line message", arguments: malformed)
    func rejectsMalformed(_ fixture: (file: String, message: String)) throws {
        let directory = "\(fixtures)/invalid"
        let path = "\(directory)/\(fixture.file).json"
        let expected = "\(path): " + fixture.message.replacingOccurrences(of: "DIR", with: directory)
        #expect(throws: ScenarioError.self) { try ScenarioLoader.load(path: path) }
        do {
            _ = try ScenarioLoader.load(path: path)
        } catch {
            #expect(error.description == expected)
            #expect(!error.description.contains("\n"))
        }
    }

    @Test func everyMalformedFixtureHasAnExpectation() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: "\(fixtures)/invalid")
            .filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.sorted()
        let covered = Set(Self.malformed.map(\.file) + ["not-json"])
        #expect(files == covered.sorted())
        #expect(Self.malformed.count >= 20)
    }

    @Test func rejectsInvalidJSON() {
        let path = "\(fixtures)/invalid/not-json.json"
        do {
            _ = try ScenarioLoader.load(path: path)
            Issue.record("accepted broken JSON")
        } catch {
            #expect(error.description.hasPrefix("\(path): not valid JSON ("))
            #expect(!error.description.contains("\n"))
        }
    }

    @Test func rejectsMissingFile() {
        #expect(throws: ScenarioError(file: "/nonexistent/x.json", field: nil, problem: "cannot read file")) {
            try ScenarioLoader.load(path: "/nonexistent/x.json")
        }
    }

    @Test func decodeNamesTheGivenFile() {
        let data = Data(#"{"name": "x", "duration": "1h", "network": {"nodes": 10, "loss": 1.5}}"#.utf8)
        #expect(throws: ScenarioError(file: "Scenarios/x.json", field: "network.loss", problem: "expected a probability between 0 and 1, got 1.5")) {
            try ScenarioLoader.decode(data: data, fileName: "Scenarios/x.json")
        }
        #expect(ScenarioError(file: "Scenarios/x.json", field: "network.loss", problem: "expected a probability between 0 and 1, got 1.5").description
            == "Scenarios/x.json: network.loss: expected a probability between 0 and 1, got 1.5")
    }

    @Test func minimalScenarioGetsDefaults() throws {
        let path = "\(fixtures)/valid/minimal.json"
        let scenario = try ScenarioLoader.load(path: path)
        #expect(scenario.name == "fixture")
        #expect(scenario.description == nil)
        #expect(scenario.duration == Time.hour)
        #expect(scenario.warmup == 0)
        #expect(scenario.seeds == [1])
        #expect(scenario.stores == [.plain, .timestamped])
        #expect(scenario.network == Scenario.Network(nodes: 50))
        #expect(scenario.network.latency == .lognormal(median: 40 * Time.millisecond, sigma: 0.6))
        #expect(scenario.network.loss == 0 && scenario.network.natFraction == 0 && scenario.network.partitions.isEmpty)
        #expect(scenario.network.joinOver == nil && scenario.network.start == .joins)
        #expect(scenario.kademlia == Scenario.Kademlia())
        #expect(scenario.kademlia.k == 20 && scenario.kademlia.alpha == 3)
        #expect(scenario.kademlia.rpcTimeout == 5 * Time.second && scenario.kademlia.recordTTL == 7 * Time.day)
        #expect(scenario.kademlia.staleContactFailures == 1 && scenario.kademlia.replacementCacheSize == 100)
        #expect(scenario.churn == nil)
        #expect(scenario.workload == Scenario.Workload(ownerRepublish: 5 * Time.minute, readsPerNodePerHour: 12, userFraction: 1))
        #expect(scenario.expect.isEmpty)
        #expect(scenario.sourceFile == path)
    }

    @Test func fullScenarioLoadsEveryField() throws {
        let scenario = try ScenarioLoader.load(path: "\(fixtures)/valid/full.json")
        #expect(scenario.name == "full")
        #expect(scenario.description == "Every field set to something other than its default.")
        #expect(scenario.duration == 2 * Time.day)
        #expect(scenario.warmup == 90 * Time.minute)
        #expect(scenario.measuredDuration == 2 * Time.day - 90 * Time.minute)
        #expect(scenario.deadContactSampleInterval == 5 * Time.minute)
        #expect(scenario.seeds == [7, UInt64.max])
        #expect(scenario.stores == [.timestamped])
        #expect(scenario.network == Scenario.Network(
            nodes: 1000, latency: .uniform(min: 10 * Time.millisecond, max: 80 * Time.millisecond), loss: 0.02,
            natFraction: 0.25, partitions: [Scenario.Partition(at: 6 * Time.hour, duration: 30 * Time.minute, fraction: 0.5)],
            joinOver: 10 * Time.minute, start: .warm))
        var kademlia = Scenario.Kademlia(
            k: 8, alpha: 2, rpcTimeout: 2 * Time.second, bucketRefresh: 30 * Time.minute, republish: 2 * Time.hour,
            recordTTL: Time.day, staleContactFailures: 3, replacementCacheSize: 10)
        kademlia.headCheckAfter = 15 * Time.minute
        kademlia.dropRecordsWhenNotClosest = true
        kademlia.refreshBucketsOnJoin = false
        #expect(scenario.kademlia == kademlia)
        #expect(!scenario.kademlia.configuration(storeMode: .plain).refreshBucketsOnJoin)
        #expect(scenario.kademlia.configuration(storeMode: .plain).headCheckAfter == 15 * Time.minute)
        #expect(scenario.kademlia.configuration(storeMode: .plain).dropRecordsWhenNotClosest)
        #expect(scenario.churn == Scenario.Churn(
            stableFraction: 0.1,
            model: .sessions(session: .weibull(shape: 0.5, median: 30 * Time.minute), downtime: .pareto(shape: 1.5, minimum: 5 * Time.minute)),
            newAddressProbability: 0.7))
        var workload = Scenario.Workload(ownerRepublish: 10 * Time.minute, readsPerNodePerHour: 6.5, userFraction: 0.5)
        workload.publishAfterJoin = 2_500 * Time.millisecond
        #expect(scenario.workload == workload)
        #expect(scenario.expect == [
            Scenario.Bound(metric: "staleFraction", store: .timestamped, max: 0.2),
            Scenario.Bound(metric: "freshFraction", min: 0.5),
        ])
        let configuration = scenario.kademlia.configuration(storeMode: .timestamped)
        #expect(configuration.k == 8 && configuration.alpha == 2 && configuration.storeMode == .timestamped)
        #expect(configuration.republishInterval == 2 * Time.hour && configuration.bucketRefreshInterval == 30 * Time.minute)
    }

    @Test func traceScenarioParsesAndSortsTheTrace() throws {
        let scenario = try ScenarioLoader.load(path: "\(fixtures)/valid/trace.json")
        #expect(scenario.network.latency == .constant(20 * Time.millisecond))
        let churn = try #require(scenario.churn)
        #expect(churn.newAddressProbability == 1)
        guard case .trace(let trace) = churn.model else {
            Issue.record("expected a trace model")
            return
        }
        #expect(trace.path == "traces/laptops.csv")
        #expect(trace.events == [
            ChurnTrace.Event(time: 0, node: 0, isUp: true),
            ChurnTrace.Event(time: 0, node: 1, isUp: true),
            ChurnTrace.Event(time: 10 * Time.minute, node: 1, isUp: false),
            ChurnTrace.Event(time: 10 * Time.minute, node: 0, isUp: false),
            ChurnTrace.Event(time: 30 * Time.minute, node: 0, isUp: false),
        ])
    }

    @Test func traceParserReportsLineNumbers() {
        #expect(throws: ChurnTrace.LineError(line: 2, problem: "expected 3 or 4 comma-separated fields time,node,state[,address], got 2")) {
            try ChurnTrace.parse("0s,0,up\n5s,1\n", nodeCount: 2)
        }
        #expect(throws: ChurnTrace.LineError(line: 1, problem: #"time: expected a duration like "90s", "2.5s" or "1h30m", got "-5s""#)) {
            try ChurnTrace.parse("-5s,0,up\n", nodeCount: 2)
        }
        #expect((try? ChurnTrace.parse("\r\n0s , 1 , down\r\n", nodeCount: 2)) == [ChurnTrace.Event(time: 0, node: 1, isUp: false)])
    }

    @Test func traceRowsMaySayWhereARejoinComesBack() throws {
        let rows = try ChurnTrace.parse("time,node,state,address\n1s,0,down\n2s,0,up,new\n3s,1,down,\n4s,1,up,same\n5s,0,up\n", nodeCount: 2)
        #expect(rows.map(\.address) == [nil, .new, nil, .same, nil])
        #expect(throws: ChurnTrace.LineError(line: 1, problem: #"address: only an "up" row can say where the node comes back, got "new""#)) {
            try ChurnTrace.parse("1s,0,down,new\n", nodeCount: 2)
        }
        #expect(throws: ChurnTrace.LineError(line: 2, problem: #"address: expected "same", "new" or nothing, got "moved""#)) {
            try ChurnTrace.parse("1s,0,down\n2s,0,up,moved\n", nodeCount: 2)
        }
    }

    @Test func traceParserReadsWindowsLineEndings() throws {
        let rows = try ChurnTrace.parse("time,node,state\r\n0s,0,up\r\n5s,1,down\r\n", nodeCount: 2)
        #expect(rows == [ChurnTrace.Event(time: 0, node: 0, isUp: true), ChurnTrace.Event(time: 5 * Time.second, node: 1, isUp: false)])
        #expect(throws: ChurnTrace.LineError(line: 3, problem: "expected 3 or 4 comma-separated fields time,node,state[,address], got 2")) {
            try ChurnTrace.parse("time,node,state\r\n0s,0,up\r\n5s,1\r\n", nodeCount: 2)
        }
    }

    @Test func everyShippedScenarioLoads() throws {
        let directory = URL(fileURLWithPath: fixtures).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Scenarios").path
        let files = try FileManager.default.contentsOfDirectory(atPath: directory)
            .filter { $0.hasSuffix(".json") && !$0.hasSuffix(".schema.json") }.sorted()
        #expect(files.contains("bench-1m.json") && files.contains("lookups-100k.json"))
        for file in files {
            #expect(throws: Never.self, "\(file)") { try ScenarioLoader.load(path: "\(directory)/\(file)") }
        }
        let million = try ScenarioLoader.load(path: "\(directory)/bench-1m.json")
        #expect(million.network.nodes == 1_000_000 && million.network.start == .warm && million.churn != nil)
        let lookups = try ScenarioLoader.load(path: "\(directory)/lookups-100k.json")
        #expect(lookups.network.nodes == 100_000 && lookups.network.start == .warm && lookups.churn == nil)
        #expect(lookups.duration == Time.hour && lookups.workload.readsPerNodePerHour == 1)
    }

    @Test func lognormalChurnLoads() throws {
        let scenario = try ScenarioLoader.load(path: "\(fixtures)/valid/lognormal-churn.json")
        #expect(scenario.churn?.model == .sessions(
            session: .lognormal(median: 45 * Time.minute, sigma: 1.2), downtime: .exponential(mean: 8 * Time.hour)))
        #expect(scenario.churn?.stableFraction == 0)
    }

    @Test("jsonText loads back to an equal scenario", arguments: ["minimal", "full", "trace", "lognormal-churn"])
    func jsonTextRoundTrips(_ name: String) throws {
        let path = "\(fixtures)/valid/\(name).json"
        let scenario = try ScenarioLoader.load(path: path)
        let again = try ScenarioLoader.decode(data: Data(scenario.jsonText().utf8), fileName: path)
        #expect(again == scenario)
    }

    @Test func jsonTextWritesEveryDefault() throws {
        let scenario = try ScenarioLoader.load(path: "\(fixtures)/valid/minimal.json")
        let text = scenario.jsonText()
        for line in [
            #""duration" : "1h""#, #""warmup" : "0s""#, #""k" : 20"#, #""recordTTL" : "7d""#, #""median" : "40ms""#,
            #""sigma" : 0.6"#, #""loss" : 0"#, #""readsPerNodePerHour" : 12"#, #""ownerRepublish" : "5m""#,
        ] {
            #expect(text.contains(line), "\(line)")
        }
        #expect(!text.contains("churn") && !text.contains("expect") && !text.contains("description"))
        #expect(!text.contains("joinOver") && !text.contains("start"), "defaults stay absent, so stored scenario texts do not change")
        #expect(text.hasPrefix("{\n  \"duration\""))  // keys sorted
    }

    // MARK: - Overrides

    @Test func overridesSetFieldsByDottedPath() throws {
        let scenario = try ScenarioLoader.load(path: "\(fixtures)/valid/full.json")
        let changed = try scenario.applying(overrides: [
            "network.loss": "0.05",
            "duration": "3d",
            "kademlia.k": "16",
            "churn.session.median": "1h",
            "network.partitions.0.fraction": "0.25",
            "network.partitions[0].at": "1h",
            "stores": #"["plain","timestamped"]"#,
            "seeds": "[1, 2, 3]",
            "description": "swept",
            "network.latency": #"{"distribution": "constant", "value": "5ms"}"#,
        ])
        #expect(changed.network.loss == 0.05)
        #expect(changed.duration == 3 * Time.day)
        #expect(changed.kademlia.k == 16)
        #expect(changed.churn?.model == .sessions(
            session: .weibull(shape: 0.5, median: Time.hour), downtime: .pareto(shape: 1.5, minimum: 5 * Time.minute)))
        #expect(changed.network.partitions == [Scenario.Partition(at: Time.hour, duration: 30 * Time.minute, fraction: 0.25)])
        #expect(changed.stores == [.plain, .timestamped])
        #expect(changed.seeds == [1, 2, 3])
        #expect(changed.description == "swept")
        #expect(changed.network.latency == .constant(5 * Time.millisecond))
        // Untouched fields survive.
        #expect(changed.kademlia.alpha == 2 && changed.workload == scenario.workload && changed.expect == scenario.expect)
        #expect(try scenario.applying(overrides: [:]) == scenario)
    }

    @Test func compatibilityPresetSetsEverySwitchAndASwitchBesideItWins() throws {
        let minimal = try ScenarioLoader.load(path: "\(fixtures)/valid/minimal.json")
        let python = try minimal.applying(overrides: ["kademlia.compatibility": "python-2.2.3"]).kademlia
        #expect(!python.refreshBucketsOnJoin && !python.leastRecentlySeenOrder && python.repeatsHeadChecks
            && python.transferKeyHashedTwice && python.neighboursByBucketWalk && python.lookupsInRounds && python.relaxedBucketSplit)
        let configuration = python.configuration(storeMode: .plain)
        #expect(configuration.neighboursByBucketWalk && configuration.transferKeyHashedTwice && !configuration.leastRecentlySeenOrder
            && configuration.relaxedBucketSplit)

        let mixed = try minimal.applying(overrides: [
            "kademlia.compatibility": "python-2.2.3", "kademlia.leastRecentlySeenOrder": "true",
        ])
        #expect(mixed.kademlia.leastRecentlySeenOrder && mixed.kademlia.neighboursByBucketWalk)
        // Written back, the preset and the one switch that differs from it; a later override of the preset moves
        // every other switch with it.
        let text = mixed.jsonText()
        #expect(text.contains(#""compatibility" : "python-2.2.3""#) || text.contains(#""compatibility": "python-2.2.3""#))
        #expect(text.contains("leastRecentlySeenOrder") && !text.contains("neighboursByBucketWalk"))
        let back = try mixed.applying(overrides: ["kademlia.compatibility": "paper"]).kademlia
        #expect(!back.neighboursByBucketWalk && back.refreshBucketsOnJoin && back.leastRecentlySeenOrder)
    }

    @Test func overrideNullRestoresDefaultsAndCreatesBlocks() throws {
        let full = try ScenarioLoader.load(path: "\(fixtures)/valid/full.json")
        let cleared = try full.applying(overrides: ["churn": "null", "kademlia.k": "null", "network.partitions.0": "null"])
        #expect(cleared.churn == nil)
        #expect(cleared.kademlia.k == 20)
        #expect(cleared.network.partitions.isEmpty)

        let minimal = try ScenarioLoader.load(path: "\(fixtures)/valid/minimal.json")
        let churned = try minimal.applying(overrides: [
            "churn.session": #"{"distribution":"exponential","mean":"30m"}"#,
            "churn.downtime": #"{"distribution":"exponential","mean":"2h"}"#,
            "churn.stableFraction": "0.2",
        ])
        #expect(churned.churn == Scenario.Churn(
            stableFraction: 0.2, model: .sessions(session: .exponential(mean: 30 * Time.minute), downtime: .exponential(mean: 2 * Time.hour))))
    }

    @Test func overridesAreValidatedLikeFiles() throws {
        let path = "\(fixtures)/valid/minimal.json"
        let scenario = try ScenarioLoader.load(path: path)
        func message(_ overrides: [String: String]) -> String? {
            do {
                _ = try scenario.applying(overrides: overrides)
                return nil
            } catch {
                return error.description
            }
        }
        #expect(message(["network.loss": "1.5"]) == "\(path): network.loss: expected a probability between 0 and 1, got 1.5")
        #expect(message(["network.los": "0.1"])
            == "\(path): network.los: unknown field (expected one of: nodes, latency, loss, natFraction, partitions, joinOver, start)")
        #expect(message(["kademlia.alpha": "30"]) == "\(path): kademlia.alpha: expected an integer between 1 and k (20), got 30")
        #expect(message(["network.joinOver": "2h"]) == #"\#(path): network.joinOver: expected a duration no longer than duration (1h), got "2h""#)
        #expect(message(["warmup": "1h"]) == #"\#(path): warmup: expected a duration shorter than duration (1h), got "1h""#)
        #expect(message(["name.first": "x"]) == #"\#(path): name: cannot override first inside "fixture""#)
        #expect(message(["network.partitions.3": "{}"]) == "\(path): network.partitions[3]: cannot override: network.partitions has 0 elements")
        #expect(message(["network..loss": "0"]) == "\(path): network..loss: cannot override: expected a dotted field path like network.loss")
        #expect(message(["churn.stableFraction": "0.5"]) == "\(path): churn.session: missing required field (expected a duration distribution, or churn.trace)")
        #expect(message(["network.latency": #"{"distribution": "constant", "median": "5ms", "median": "9ms"}"#])
            == "\(path): network.latency.median: duplicate key (lines 1 and 1): expected each key once per object")
    }

    @Test func duplicateKeyScannerTellsKeysFromValuesAndObjectsApart() {
        func duplicate(_ text: String) -> DuplicateKeyScanner.Duplicate? {
            DuplicateKeyScanner.firstDuplicate(in: Array(text.utf8))
        }
        // The same key in different objects, and strings equal to keys in value or element position, are fine.
        #expect(duplicate(#"{"at": 1, "p": [{"at": 2}, {"at": "at"}], "q": {"at": ["at", "at"]}}"#) == nil)
        #expect(duplicate(#"{"a\"b": 1, "a\\b": 2, "a": {}}"#) == nil)
        #expect(duplicate("{\n\"x\": 1,\n\"y\": {\"z\": [1, {\"w\": 0,\n\"w\": 1}]}}")
            == .init(path: "y.z[1].w", firstLine: 3, repeatLine: 4))
        // Escapes are decoded before comparing: "\u00e9" and "é", a surrogate pair and the character it encodes.
        #expect(duplicate(#"{"caf\u00e9": 1, "café": 2}"#)?.path == "café")
        #expect(duplicate(#"{"\ud83d\ude00": 1, "😀": 2}"#)?.path == "😀")
        #expect(duplicate(#"[{"a": 1}, {"a": 1}]"#) == nil)
    }

    @Test func parsesCommandLineAssignments() {
        #expect(Scenario.parseOverride("network.loss=0.02").map { [$0.path, $0.value] } == ["network.loss", "0.02"])
        #expect(Scenario.parseOverride("name=a=b").map { [$0.path, $0.value] } == ["name", "a=b"])
        #expect(Scenario.parseOverride("description=").map { [$0.path, $0.value] } == ["description", ""])
        #expect(Scenario.parseOverride("=x") == nil)
        #expect(Scenario.parseOverride("network.loss") == nil)
    }

    // MARK: - Durations

    @Test func parsesDurations() {
        let cases: [(String, Microseconds)] = [
            ("250ms", 250 * Time.millisecond), ("5s", 5 * Time.second), ("5m", 5 * Time.minute), ("24h", 24 * Time.hour),
            ("7d", 7 * Time.day), ("1h30m", 90 * Time.minute), ("0s", 0), ("1us", 1), ("007s", 7 * Time.second),
            ("1d2h3m4s5ms6us", Time.day + 2 * Time.hour + 3 * Time.minute + 4 * Time.second + 5 * Time.millisecond + 6),
            ("106751991d", 106_751_991 * Time.day), ("9223372036854775807us", Int64.max),
            ("2.5s", 2_500 * Time.millisecond), ("1.5h", 90 * Time.minute), ("0.25d", 6 * Time.hour),
            ("0.416667s", 416_667), ("1h0.5m", Time.hour + 30 * Time.second), ("1.000us", 1), ("0.001ms", 1),
            ("2.50s", 2_500 * Time.millisecond),
        ]
        for (text, value) in cases {
            #expect(HumanDuration.parse(text) == value, "\(text)")
        }
    }

    @Test func rejectsMalformedDurations() {
        let bad = [
            "", "5", "m", "5 m", " 5m", "5m ", "5M", "1.h", ".5h", "1..5h", "1.5.5h", "-5m", "0.5us", "0.0001ms",
            "1.0000000000000000001s", "106751991.5d", "+5m", "30m1h", "1h1h", "5min", "5sec", "h1", "1e3s",
            "5ms5s", "1h 30m", "99999999999999999999s", "106751992d", "2562047789h", "9223372036854775808us", "5m\n", "５m",
        ]
        for text in bad {
            #expect(HumanDuration.parse(text) == nil, "\(text)")
        }
    }

    @Test func formatsDurationsCanonically() {
        #expect(HumanDuration.format(0) == "0s")
        #expect(HumanDuration.format(90 * Time.minute) == "1h30m")
        #expect(HumanDuration.format(1_500 * Time.millisecond) == "1s500ms")
        #expect(HumanDuration.format(7 * Time.day) == "7d")
        #expect(HumanDuration.format(1) == "1us")
        for value: Microseconds in [0, 1, 999, 1_000, 61 * Time.second, 25 * Time.hour + 1, Int64.max] {
            #expect(HumanDuration.parse(HumanDuration.format(value)) == value)
        }
    }
}
