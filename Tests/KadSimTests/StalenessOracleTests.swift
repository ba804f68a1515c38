import KademliaCore
import Testing
@testable import KadSim

@Suite struct StalenessOracleTests {
    /// Owner 0 wrote versions 0, 1, 2, 3 completing at 10 s, 20 s, 30 s and 50 s.
    func history() -> StalenessOracle {
        var oracle = StalenessOracle(owners: 2)
        oracle.writeCompleted(owner: 0, sequence: 0, at: 10 * Time.second)
        oracle.writeCompleted(owner: 0, sequence: 1, at: 20 * Time.second)
        oracle.writeCompleted(owner: 0, sequence: 2, at: 30 * Time.second)
        oracle.writeCompleted(owner: 0, sequence: 3, at: 50 * Time.second)
        return oracle
    }

    @Test func latestVersionIsFresh() {
        let verdict = history().classify(owner: 0, returned: 3, latestAtStart: 3, startedAt: 60 * Time.second)
        #expect(verdict.outcome == .fresh)
        #expect(verdict.versionLag == nil)
        #expect(verdict.stalenessAge == nil)
    }

    @Test func aVersionNewerThanTheLatestCompletedIsFresh() {
        // Version 4 is being written while the read runs.
        #expect(history().classify(owner: 0, returned: 4, latestAtStart: 3, startedAt: 60 * Time.second).outcome == .fresh)
    }

    @Test func staleReadHasExactLagAndAge() {
        let verdict = history().classify(owner: 0, returned: 1, latestAtStart: 3, startedAt: 65 * Time.second)
        #expect(verdict.outcome == .stale)
        #expect(verdict.versionLag == 2)
        // Version 1 was superseded when version 2 completed, at 30 s.
        #expect(verdict.stalenessAge == 35 * Time.second)
    }

    @Test func supersededAtSkipsWritesThatNeverCompleted() {
        var oracle = StalenessOracle(owners: 1)
        oracle.writeCompleted(owner: 0, sequence: 0, at: 5 * Time.second)
        // Write 1 was lost (its owner went offline); write 2 completed at 40 s.
        oracle.writeCompleted(owner: 0, sequence: 2, at: 40 * Time.second)
        #expect(oracle.latestCompleted(of: 0) == 2)
        #expect(oracle.supersededAt(owner: 0, sequence: 0) == 40 * Time.second)
        let verdict = oracle.classify(owner: 0, returned: 0, latestAtStart: 2, startedAt: 100 * Time.second)
        #expect(verdict.versionLag == 2)
        #expect(verdict.stalenessAge == 60 * Time.second)
    }

    @Test func nothingReturnedIsMissing() {
        #expect(history().classify(owner: 0, returned: nil, latestAtStart: 3, startedAt: 60 * Time.second).outcome == .missing)
    }

    @Test func ownersAreIndependent() {
        let oracle = history()
        #expect(oracle.latestCompleted(of: 1) == -1)
        #expect(oracle.latestCompleted(of: 0) == 3)
    }

    @Test func presenceValuesRoundTripTheWriteAndTheAddress() throws {
        let address = NodeAddress(ipv4: 0x0A00_1234, port: 4000)
        let value = PresenceValue(sequence: 77, address: address)
        let decoded = try #require(PresenceValue(value.value, port: 4000))
        #expect(decoded == value)
        #expect(PresenceValue(.string("forged"), port: 4000) == nil)
        #expect(PresenceValue(.int(-5), port: 4000) == nil)
    }
}
