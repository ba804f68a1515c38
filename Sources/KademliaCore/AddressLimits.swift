/// How much of a routing table one host or one network may hold: the defences deployed DHTs use against a cheap
/// Sybil flood (one address sending under thousands of made-up ids).
public struct AddressLimits: Sendable, Hashable {
    /// At most one contact per IP address and port. A new id from an address the table already holds waits in the
    /// replacement cache, and the contact holding the address is pinged: only if it fails does the address free up.
    public var oneContactPerAddress: Bool
    /// At most this many contacts of one bucket in the same IPv4 /24 network; 0 means no limit. Newcomers over the
    /// limit wait in the replacement cache, and a replacement over the limit is passed over when a place frees up.
    public var contactsPerSubnetPerBucket: Int

    public init(oneContactPerAddress: Bool = false, contactsPerSubnetPerBucket: Int = 0) {
        self.oneContactPerAddress = oneContactPerAddress
        self.contactsPerSubnetPerBucket = contactsPerSubnetPerBucket
    }

    /// No limits: the paper's table, and the Python library's.
    public static let none = AddressLimits()

    public var isActive: Bool { oneContactPerAddress || contactsPerSubnetPerBucket > 0 }

    static func sameSubnet(_ first: NodeAddress, _ second: NodeAddress) -> Bool {
        first.ipv4 >> 8 == second.ipv4 >> 8
    }
}
