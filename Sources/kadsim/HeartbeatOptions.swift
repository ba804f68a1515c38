import ArgumentParser

/// `--heartbeat SECONDS`: how often a run whose standard error is not a terminal (a CI log, a file) prints a
/// progress line, so the log shows it is alive.
struct HeartbeatOptions: ParsableArguments {
    @Option(
        name: .customLong("heartbeat"),
        help: ArgumentHelp(
            "When standard error is not a terminal, print a progress line (virtual time, events/s, ETA) this often, in wall seconds; 0: never. Default: 60.",
            valueName: "seconds"))
    var seconds: Double = 60

    /// Nil when heartbeats are off.
    var interval: Double? { seconds > 0 ? seconds : nil }

    func validate() throws {
        if !(seconds >= 0 && seconds.isFinite) { throw ValidationError("--heartbeat must be a number of seconds, 0 or more") }
    }
}
