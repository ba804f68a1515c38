#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The process's peak resident memory, from `getrusage(RUSAGE_SELF)`.
enum PeakMemory {
    /// Peak resident set size in KiB (`ru_maxrss` is KiB on Linux, bytes on macOS).
    static func kibibytes() -> Int {
        var usage = rusage()
        #if os(Linux)
        let who = __rusage_who_t(RUSAGE_SELF.rawValue)
        #else
        let who = RUSAGE_SELF
        #endif
        guard getrusage(who, &usage) == 0 else { return 0 }
        #if os(Linux)
        return Int(usage.ru_maxrss)
        #else
        return Int(usage.ru_maxrss) / 1024
        #endif
    }
}
