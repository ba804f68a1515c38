/// A node as others know it: its id and the address it was last heard from.
public struct Contact: Hashable, Sendable, CustomStringConvertible {
    public var id: NodeID
    public var address: NodeAddress

    public init(id: NodeID, address: NodeAddress) {
        self.id = id
        self.address = address
    }

    public var description: String { "\(id)@\(address)" }
}
