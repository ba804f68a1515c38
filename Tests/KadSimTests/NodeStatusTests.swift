import KademliaCore
import Testing

@testable import KadSim

@Suite struct NodeStatusTests {
    /// A maintenance deadline superseded by an RPC deadline is armed again with no second event for it.
    @Test func aSupersededDeadlineIsReusedWhenItComesBack() {
        var status = NodeStatus(behindNAT: false)
        let needsEvents = [status.arm(3_600), status.arm(5), status.takeTimer(at: 5), status.arm(3_600)]
        #expect(needsEvents == [true, true, true, false])
        #expect(status.timerAt == 3_600)
        let fired = status.takeTimer(at: 3_600)
        #expect(fired)
        #expect(status.timerAt == .max)
    }

    /// An event that is neither armed nor parked is idle; an offline node's armed event is parked, and is idle
    /// when it comes up unless the node armed it again.
    @Test func eventsThatAreNotArmedAreIdle() {
        var status = NodeStatus(behindNAT: false)
        var outcomes = [status.arm(100), status.takeTimer(at: 50)]
        status.disarm()
        // Once its event came up, the parked time needs a new event.
        outcomes += [status.takeTimer(at: 100), status.arm(100)]
        status.disarm()
        outcomes += [status.arm(100), status.takeTimer(at: 100)]
        #expect(outcomes == [true, false, false, true, false, true])
    }
}
