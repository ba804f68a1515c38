import KademliaCore

extension StoreMode {
    /// Position in `allCases`, the order stores are shown in.
    var order: Int { Self.allCases.firstIndex(of: self) ?? 0 }
}
