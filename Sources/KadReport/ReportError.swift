/// Why a report cannot be made.
public enum ReportError: Error, Sendable, Hashable, CustomStringConvertible {
    /// `--scenario` names no scenario of the database.
    case unknownScenario(String, known: [String])
    /// Nothing to show: no run completed (`leftOut` runs were incomplete or unreadable).
    case noCompletedRuns(leftOut: Int)

    public var description: String {
        switch self {
        case .unknownScenario(let name, let known):
            "no runs of scenario \(name)" + (known.isEmpty ? " (the database has no runs)" : "; it has \(known.joined(separator: ", "))")
        case .noCompletedRuns(let leftOut):
            "no completed run to report" + (leftOut > 0 ? " (\(leftOut) incomplete or unreadable)" : "")
        }
    }
}
