import Foundation

/// Wall-clock readings for `ExperimentRunner`: elapsed seconds for timing runs and an ISO-8601 timestamp for
/// `runs.started_at`. Injected so that tests can pin them; the simulation itself never reads a clock.
public struct WallClock: Sendable {
    /// Seconds since an arbitrary fixed origin, monotonic.
    public var seconds: @Sendable () -> Double
    /// The current time as ISO-8601 text, e.g. `2025-01-02T03:04:05Z`.
    public var timestamp: @Sendable () -> String

    public init(seconds: @escaping @Sendable () -> Double, timestamp: @escaping @Sendable () -> String) {
        self.seconds = seconds
        self.timestamp = timestamp
    }

    /// The process's monotonic clock and the system calendar clock.
    public static let system = WallClock(
        seconds: {
            let now = ContinuousClock.now - WallClock.origin
            return Double(now.components.seconds) + Double(now.components.attoseconds) * 1e-18
        },
        timestamp: { ISO8601DateFormatter().string(from: Date()) }
    )

    private static let origin = ContinuousClock.now
}
