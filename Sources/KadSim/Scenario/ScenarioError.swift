/// Why a scenario file (or an override) was rejected. `description` is one line naming the file, the JSON field
/// path and what was expected, e.g.
/// `Scenarios/x.json: network.loss: expected a probability between 0 and 1, got 1.5`.
public struct ScenarioError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The scenario file as given to the loader.
    public var file: String
    /// Dotted JSON path of the offending field (`network.partitions[0].at`), or nil for the whole document.
    public var field: String?
    /// What was wrong and what was expected.
    public var problem: String

    public init(file: String, field: String?, problem: String) {
        self.file = file
        self.field = field
        self.problem = problem
    }

    public var description: String {
        if let field { return "\(file): \(field): \(problem)" }
        return "\(file): \(problem)"
    }
}
