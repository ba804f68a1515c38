import Foundation
import KademliaCore
import Testing

@testable import KadSim

@Suite struct AdversaryScenarioTests {
    static func decode(_ adversary: String, kademlia: String = "{}") throws(ScenarioError) -> Scenario {
        let text = #"{"name": "x", "duration": "1h", "network": {"nodes": 50}, "kademlia": \#(kademlia), "adversary": \#(adversary)}"#
        return try ScenarioLoader.decode(data: Data(text.utf8), fileName: "p.json")
    }

    static func message(_ adversary: String, kademlia: String = "{}") -> String {
        do {
            _ = try decode(adversary, kademlia: kademlia)
            return "accepted"
        } catch {
            return error.description
        }
    }

    @Test func readsTheAdversaryBlockAndLookupOptions() throws {
        let scenario = try Self.decode(
            #"{"kind": "stale-replay", "count": 5, "joinAt": "10m", "targets": [1, 4]}"#, kademlia: #"{"disjointPaths": 3, "quorum": 2}"#)
        #expect(scenario.adversary == Scenario.Adversary(kind: .staleReplay, size: .count(5), joinAt: 10 * Time.minute, targets: .owners([1, 4])))
        #expect(scenario.kademlia.disjointPaths == 3 && scenario.kademlia.quorum == 2)
        #expect(scenario.kademlia.configuration(storeMode: .signed).disjointPaths == 3)
        let again = try ScenarioLoader.decode(data: Data(scenario.jsonText().utf8), fileName: "p.json")
        #expect(again == scenario)
        let defaults = try Self.decode(#"{"kind": "eclipse", "fraction": 0.2}"#)
        #expect(defaults.adversary == Scenario.Adversary(kind: .eclipse, size: .fraction(0.2)))
        #expect(defaults.adversary?.hostileCount(nodes: 50) == 10)
        #expect(defaults.stores == [.plain, .timestamped])
    }

    @Test func readsSecureNodeIDs() throws {
        let secure = try Self.decode(#"{"kind": "eclipse", "fraction": 0.2}"#, kademlia: #"{"secureNodeIDs": true}"#)
        #expect(secure.kademlia.secureNodeIDs)
        #expect(try ScenarioLoader.decode(data: Data(secure.jsonText().utf8), fileName: "p.json") == secure)
        #expect(try !Self.decode(#"{"kind": "eclipse", "fraction": 0.2}"#).kademlia.secureNodeIDs)
        #expect(Self.message(#"{"kind": "eclipse", "fraction": 0.2}"#, kademlia: #"{"secureNodeIDs": "yes"}"#)
            == #"p.json: kademlia.secureNodeIDs: expected true or false, got "yes""#)
        #expect(Self.message(#"{"kind": "eclipse", "fraction": 0.2}"#, kademlia: #"{"secureNodeIDs": 1}"#)
            == "p.json: kademlia.secureNodeIDs: expected true or false, got 1")
        let swept = try secure.applying(overrides: ["kademlia.secureNodeIDs": "false"])
        #expect(!swept.kademlia.secureNodeIDs)
    }

    @Test func rejectsBadAdversaryBlocksWithOneLineNamingTheField() {
        let cases: [(String, String, String)] = [
            (#"{"kind": "ddos", "fraction": 0.1}"#, "{}",
             #"p.json: adversary.kind: expected one of "version-inflation", "majority-forgery", "eclipse", "drop", "stale-replay", "sybil", got "ddos""#),
            (#"{"kind": "drop"}"#, "{}",
             "p.json: adversary.fraction: missing required field (expected a probability between 0 and 1, or adversary.count)"),
            (#"{"kind": "drop", "fraction": 0.1, "count": 3}"#, "{}",
             "p.json: adversary.count: must be absent when adversary.fraction is set (give one of fraction, count)"),
            (#"{"kind": "drop", "fraction": 1.5}"#, "{}", "p.json: adversary.fraction: expected a probability between 0 and 1, got 1.5"),
            (#"{"kind": "drop", "count": 51}"#, "{}", "p.json: adversary.count: expected an integer between 0 and 50, got 51"),
            (#"{"kind": "drop", "count": 1, "targets": [50]}"#, "{}",
             "p.json: adversary.targets[0]: expected an integer between 0 and 49, got 50"),
            (#"{"kind": "drop", "count": 1, "targets": "some"}"#, "{}",
             #"p.json: adversary.targets: expected "all" or a non-empty array of node indices, got "some""#),
            (#"{"kind": "drop", "count": 1, "joinAt": "2h"}"#, "{}",
             #"p.json: adversary.joinAt: expected a duration shorter than duration (1h), got "2h""#),
            (#"{"kind": "drop", "count": 1, "mode": 1}"#, "{}",
             "p.json: adversary.mode: unknown field (expected one of: kind, fraction, count, joinAt, targets)"),
            (#"{"kind": "drop", "count": 1}"#, #"{"k": 4, "disjointPaths": 5}"#,
             "p.json: kademlia.disjointPaths: expected an integer between 1 and k (4), got 5"),
            (#"{"kind": "drop", "count": 1}"#, #"{"quorum": 0}"#, "p.json: kademlia.quorum: expected an integer between 1 and 64, got 0"),
        ]
        for (adversary, kademlia, expected) in cases {
            #expect(Self.message(adversary, kademlia: kademlia) == expected)
        }
    }

    @Test func overridesReachTheAdversaryBlock() throws {
        let scenario = try Self.decode(#"{"kind": "drop", "fraction": 0.1}"#)
        let swept = try scenario.applying(overrides: ["adversary.fraction": "0.3", "stores": #"["signed"]"#])
        #expect(swept.adversary?.size == .fraction(0.3))
        #expect(swept.stores == [.signed])
    }
}
