/// The operations in flight at one node, by id. A node runs a few at a time (tens during a republish), so
/// a compact array of ids searched from the newest end beats hashing every lookup step.
struct OperationTable: Sendable {
    /// What an emptied table keeps: a rejoin starts a join and a refresh of every bucket at once.
    static var retainedCapacity: Int { 8 }

    private var ids: [OperationID] = []
    private var operations: [Operation] = []

    mutating func prefetchHeaders() {
        ids.prefetchHeader()
        operations.prefetchHeader()
    }

    var count: Int { ids.count }

    /// Operations the table has room for without allocating.
    var reservedCapacity: Int { operations.capacity }

    func contains(_ id: OperationID) -> Bool {
        index(of: id) != nil
    }

    subscript(id: OperationID) -> Operation? {
        index(of: id).map { operations[$0] }
    }

    /// Adds `operation` under `id`, or replaces the one there.
    mutating func put(_ operation: Operation, for id: OperationID) {
        if let known = index(of: id) {
            operations[known] = operation
        } else {
            ids.append(id)
            operations.append(operation)
        }
    }

    /// Changes the operation in place; does nothing when there is none under `id`.
    @discardableResult
    mutating func update<Result>(_ id: OperationID, _ change: (inout Operation) -> Result) -> Result? {
        guard let known = index(of: id) else { return nil }
        return change(&operations[known])
    }

    mutating func removeValue(forKey id: OperationID) -> Operation? {
        guard let known = index(of: id) else { return nil }
        ids.swapAt(known, ids.count - 1)
        operations.swapAt(known, operations.count - 1)
        ids.removeLast()
        let removed = operations.removeLast()
        if ids.isEmpty { removeAll() }
        return removed
    }

    mutating func removeAll() {
        ids.removeAll(retainingAtMost: Self.retainedCapacity)
        operations.removeAll(retainingAtMost: Self.retainedCapacity)
    }

    private func index(of id: OperationID) -> Int? {
        ids.lastIndex(of: id)
    }
}
