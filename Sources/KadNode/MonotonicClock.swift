import KademliaCore
import NIOCore

/// The wall clock the core sees: monotonic uptime in microseconds, the same base NIO schedules timers on.
public enum MonotonicClock {
    public static var now: Microseconds {
        Microseconds(NIODeadline.now().uptimeNanoseconds / 1_000)
    }

    public static func deadline(_ time: Microseconds) -> NIODeadline {
        .uptimeNanoseconds(UInt64(max(0, time)) * 1_000)
    }
}
