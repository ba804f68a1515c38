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

    init(seed: UInt64) {
        churn = SeededGenerator(seed: seed, stream: 1)
        workload = SeededGenerator(seed: seed, stream: 2)
        network = SeededGenerator(seed: seed, stream: 3)
        protocolSeeds = SeededGenerator(seed: seed, stream: 4)
        identity = SeededGenerator(seed: seed, stream: 5)
        measurement = SeededGenerator(seed: seed, stream: 6)
    }
}
