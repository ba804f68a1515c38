/// A configuration and its store policy, held by reference: a simulator's nodes share one instead of each keeping a
/// 112-byte copy and a policy existential (per-node state a large network keeps in no cache).
public final class SharedConfiguration: Sendable {
    public let configuration: KademliaConfiguration
    let policy: any StorePolicy

    public init(_ configuration: KademliaConfiguration) {
        self.configuration = configuration
        self.policy = configuration.storeMode.policy
    }
}
