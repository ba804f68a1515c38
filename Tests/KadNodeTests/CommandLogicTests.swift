import Foundation
import KadNode
import KademliaCore
import Logging
import Testing

extension NodeTests {
    /// What `kadsim node`, `put` and `get` do, exercised through the library they call.
    @Suite(.timeLimit(.minutes(1))) struct CommandLogicTests {
        var logger: Logger {
            var logger = Logger(label: "kadsim.test")
            logger.logLevel = .warning
            return logger
        }

        /// Every one-shot client leaves a dead contact behind; the next one waits this long for it.
        let quickTimeout = 300 * Time.millisecond

        @Test func oneShotPutThenGetThroughDifferentNodes() async throws {
            try await withSwiftNodes(3) { nodes in
                let put = try await OneShotClient.put(
                    key: "colour", value: .string("blue"), bootstrap: [nodes[0].address], storeMode: .plain,
                    rpcTimeout: quickTimeout, host: "127.0.0.1", logger: logger)
                #expect(put.storedAt == 3)
                #expect(put.text == "stored blue at 3 nodes")
                let got = try await OneShotClient.get(
                    key: "colour", bootstrap: [nodes[2].address], storeMode: .plain, rpcTimeout: quickTimeout, host: "127.0.0.1", logger: logger)
                #expect(got.record == Record(value: .string("blue")))
                #expect(got.json == #"{"found":true,"key":"colour","type":"str","value":"blue"}"#)
            }
        }

        @Test func aValueTooLargeForOneDatagramIsRejectedBeforeAnyTraffic() async throws {
            let huge = Value.bytes(Array(repeating: 7, count: 70_000))
            // No node listens at this address: the refusal must come before the put tries to join.
            let started = ContinuousClock.now
            await #expect(throws: KadNodeError.self) {
                try await OneShotClient.put(
                    key: "huge", value: huge, bootstrap: [NodeAddress(ipv4: 0x7F00_0001, port: 9)], storeMode: .plain,
                    rpcTimeout: 5 * Time.second, host: "127.0.0.1", logger: logger)
            }
            #expect(ContinuousClock.now - started < .seconds(3), "refused at once, not after an RPC timeout")
            do {
                try OneShotClient.checkFitsOneDatagram(huge, key: NodeID(hashing: "huge"))
                Issue.record("a 70,000-byte value was accepted")
            } catch let error as KadNodeError {
                guard case .valueTooLarge(let datagramBytes, let limit) = error else { throw error }
                #expect(datagramBytes > 70_000 && limit == 65_507)
                #expect(error.description.hasPrefix("value too large: its STORE would be a \(datagramBytes)-byte datagram"))
            }
            try OneShotClient.checkFitsOneDatagram(.bytes(Array(repeating: 7, count: 60_000)), key: NodeID(hashing: "big"))
        }

        @Test func aPutConfirmationShortensALongValue() {
            let long = String(repeating: "ab", count: 500)
            let report = RecordReport(key: "k", record: Record(value: .string(long)), storedAt: 2)
            #expect(report.text == "stored \(String(repeating: "ab", count: 30))… (1000 bytes) at 2 nodes")
            #expect(RecordReport(key: "k", record: Record(value: .string(long))).text == long, "a get prints the whole value")
        }

        @Test func oneShotGetOfAMissingKeyReportsNotFound() async throws {
            try await withSwiftNodes(2) { nodes in
                let got = try await OneShotClient.get(
                    key: "missing", bootstrap: [nodes[1].address], storeMode: .plain, rpcTimeout: quickTimeout, host: "127.0.0.1", logger: logger)
                #expect(got.record == nil)
                #expect(got.text == "not found: missing")
                #expect(got.json == #"{"found":false,"key":"missing"}"#)
            }
        }

        @Test func timestampedPutReportsItsVersion() async throws {
            var timestamped = KademliaConfiguration()
            timestamped.storeMode = .timestamped
            try await withSwiftNodes(2, configuration: timestamped) { nodes in
                for expectedVersion: UInt64 in [0, 1] {
                    let put = try await OneShotClient.put(
                        key: "counter", value: .int(Int64(expectedVersion)), bootstrap: [nodes[0].address],
                        storeMode: .timestamped, rpcTimeout: quickTimeout, host: "127.0.0.1", logger: logger)
                    #expect(put.record?.stamp?.version == expectedVersion)
                }
                let got = try await OneShotClient.get(
                    key: "counter", bootstrap: [nodes[1].address], storeMode: .timestamped, rpcTimeout: quickTimeout, host: "127.0.0.1", logger: logger)
                let json = try #require(JSONSerialization.jsonObject(with: Data(got.json.utf8)) as? [String: Any])
                #expect(json["version"] as? Int == 1)
                #expect(json["value"] as? Int == 1)
            }
        }

        @Test func addressesMustBeIPv4HostAndPort() throws {
            #expect(try NodeService.addresses(["127.0.0.1:5050"]) == [NodeAddress(host: "127.0.0.1", port: 5050)!])
            for bad in ["localhost:5050", "127.0.0.1", "127.0.0.1:99999", "1.2.3:4"] {
                #expect(throws: KadNodeError.invalidAddress(bad)) { try NodeService.addresses([bad]) }
            }
        }

        @Test func valuesParseByKind() throws {
            #expect(try ValueKind.bytes.parse("00ff10") == .bytes([0, 255, 16]))
            #expect(try ValueKind.int.parse("-12") == .int(-12))
            #expect(try ValueKind.float.parse("2.5") == .float(2.5))
            #expect(try ValueKind.bool.parse("true") == .bool(true))
            #expect(try ValueKind.str.parse("12") == .string("12"))
            for (kind, text) in [(ValueKind.bytes, "0g"), (.bytes, "abc"), (.int, "1.5"), (.float, "x"), (.bool, "yes")] {
                #expect(throws: KadNodeError.self) { try kind.parse(text) }
            }
        }

        @Test func durationsParseWithUnits() throws {
            #expect(try DurationText.parse("10m") == 10 * Time.minute)
            #expect(try DurationText.parse("500ms") == 500 * Time.millisecond)
            #expect(try DurationText.parse("2h") == 2 * Time.hour)
            #expect(try DurationText.parse("45") == 45 * Time.second)
            #expect(throws: KadNodeError.invalidDuration("1x")) { try DurationText.parse("1x") }
            #expect(throws: KadNodeError.invalidDuration("-5s")) { try DurationText.parse("-5s") }
        }
    }
}
