/// A scenario as named on the command line: its file and the `--set PATH=VALUE` overrides applied to it.
public struct ScenarioReference: Sendable, Hashable {
    public var path: String
    public var overrides: [String]

    public init(path: String, overrides: [String] = []) {
        self.path = path
        self.overrides = overrides
    }

    /// The words that name this scenario again on a command line, quoted for a POSIX shell.
    public var commandWords: [String] {
        [ReplayCommand.shellQuoted(path)] + overrides.flatMap { ["--set", ReplayCommand.shellQuoted($0)] }
    }
}
