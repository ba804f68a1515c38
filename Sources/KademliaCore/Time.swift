/// Virtual or wall time in microseconds. The core never reads a clock: every input carries `now`.
public typealias Microseconds = Int64

public enum Time {
    public static let millisecond: Microseconds = 1_000
    public static let second: Microseconds = 1_000_000
    public static let minute: Microseconds = 60 * second
    public static let hour: Microseconds = 60 * minute
    public static let day: Microseconds = 24 * hour
}
