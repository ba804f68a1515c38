import KadSim
import KademliaCore
import Testing

@testable import KadResults

@Suite("Golden digests")
struct GoldenDigestsTests {
    /// The tiny scenario's results, pinned: an engine change that alters any result of it fails here first (the
    /// larger scenarios are pinned in Tests/golden-digests.txt and checked by `kadsim check --golden` in CI).
    static let tinyPins = """
        # scenario store seed digest
        tiny plain 1 e41111077a5d0338
        tiny timestamped 1 077a9b32f2391750
        tiny plain 2 ef88e7e5ffbb133a
        tiny timestamped 2 7a65a5630fd406fa
        """

    @Test func theTinyScenarioReproducesItsPinnedDigests() throws {
        let pins = try GoldenDigests(text: Self.tinyPins, source: "pins")
        let mismatches = pins.mismatches(scenario: "tiny", runs: ExperimentRunnerTests.tinyRuns)
        #expect(mismatches.isEmpty, "\(mismatches)")
    }

    @Test func aChangedResultOrAMissingPinIsReported() throws {
        let text = Self.tinyPins.split(separator: "\n")
            .filter { !$0.contains("timestamped 1") }
            .map { $0.contains("plain 2") ? "tiny plain 2 0000000000000000" : $0 }
            .joined(separator: "\n")
        let pins = try GoldenDigests(text: text, source: "pins")
        let mismatches = pins.mismatches(scenario: "tiny", runs: ExperimentRunnerTests.tinyRuns)
        #expect(mismatches.map(\.key.store) == [.timestamped, .plain])
        #expect(mismatches.map(\.key.seed) == [1, 2])
        #expect(mismatches[0].expected == nil)
        #expect(mismatches[1].expected == "0000000000000000")
        #expect(mismatches[1].actual == ExperimentRunnerTests.tinyRuns[2].result.digest.description)
        #expect(mismatches[0].description.contains("has no pin"))
    }

    @Test(arguments: [
        ("tiny plain 1", "pins:2: expected \"<scenario> <store> <seed> <digest>\", got 3 fields"),
        ("tiny fancy 1 0123456789abcdef", "pins:2: unknown store \"fancy\""),
        ("tiny plain -1 0123456789abcdef", "pins:2: seed \"-1\" is not a non-negative integer"),
        ("tiny plain 1 0123", "pins:2: digest \"0123\" is not 16 hex digits"),
        ("tiny plain 1 0123456789abcdef\ntiny plain 1 0123456789abcdef", "pins:3: tiny plain 1 is pinned twice"),
    ])
    func aMalformedLineIsNamedWithWhatWasExpected(line: String, message: String) {
        #expect {
            _ = try GoldenDigests(text: "# pins\n" + line, source: "pins")
        } throws: { error in
            (error as? GoldenDigestsError)?.message.hasPrefix(message) == true
        }
    }
}
