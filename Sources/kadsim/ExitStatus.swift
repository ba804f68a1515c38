import ArgumentParser

/// Exit codes of `kadsim`, also listed in `kadsim --help` and docs/README-cli.md.
enum ExitStatus {
    /// `kadsim check`: at least one bound failed.
    static let checkFailed = ExitCode(1)
    /// The scenario file could not be read or is invalid; nothing was written.
    static let badScenario = ExitCode(2)
    /// The results database could not be opened or written.
    static let database = ExitCode(3)
    /// `kadsim report`: the HTML file could not be written.
    static let output = ExitCode(4)
    /// Stopped by SIGINT or SIGTERM; the run in progress is marked failed.
    static let interrupted = ExitCode(130)
}
