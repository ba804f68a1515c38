import KademliaCore

/// One generator per concern, all from one seed, so that changing what one concern does (say, the store
/// mode changing how many datagrams are sent) leaves the draws of every other concern untouched.
struct RandomStreams {
    var churn: SeededGenerator
    var workload: SeededGenerator
    var network: SeededGenerator
    var protocolSeeds: SeededGenerator
    var identity: SeededGenerator
    var measurement: SeededGenerator
    /// Which nodes are hostile, their ids and forgeries.
    var adversary: SeededGenerator
    /// Owners' Ed25519 keys in the signed store.
    var signingKeys: SeededGenerator
    /// A warm start's routing tables and the phase of each node's maintenance timers.
    var warmStart: SeededGenerator

    init(seed: UInt64) {
        churn = SeededGenerator(seed: seed, stream: 1)
        workload = SeededGenerator(seed: seed, stream: 2)
        network = SeededGenerator(seed: seed, stream: 3)
        protocolSeeds = SeededGenerator(seed: seed, stream: 4)
        identity = SeededGenerator(seed: seed, stream: 5)
        measurement = SeededGenerator(seed: seed, stream: 6)
        adversary = SeededGenerator(seed: seed, stream: 7)
        signingKeys = SeededGenerator(seed: seed, stream: 8)
        warmStart = SeededGenerator(seed: seed, stream: 9)
    }
}
