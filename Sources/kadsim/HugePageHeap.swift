import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Backs the heap with transparent huge pages where glibc can.
///
/// A simulation reads the state of a random node at every event, so with 4 KiB pages nearly every event also misses
/// the TLB. glibc advises the kernel to use 2 MiB pages for its heap when `GLIBC_TUNABLES` asks for it, which it
/// reads only at start-up: a simulating command therefore starts itself again, once, with that setting. A
/// `GLIBC_TUNABLES` already set (to anything) is left alone, which is also how to opt out. Elsewhere, nothing changes.
enum HugePageHeap {
    /// `hugetlb=1`: madvise the heap for transparent huge pages. `top_pad`: grow the heap 64 MiB at a time, so each
    /// growth holds whole 2 MiB pages to advise.
    static let tunables = "glibc.malloc.hugetlb=1:glibc.malloc.top_pad=67108864"

    /// Starts the process again with `tunables` unless `GLIBC_TUNABLES` is set; returns only if it did not.
    static func enable() {
        #if os(Linux)
        guard getenv("GLIBC_TUNABLES") == nil, setenv("GLIBC_TUNABLES", tunables, 0) == 0 else { return }
        let arguments = CommandLine.arguments.map { strdup($0) } + [nil]
        execv("/proc/self/exe", arguments)
        // Still here: the restart failed, so run as we are.
        unsetenv("GLIBC_TUNABLES")
        #endif
    }

    /// Resident memory in huge pages and in all, in KiB, from `/proc/self/smaps_rollup`; nil where there is none.
    static func residentKibibytes() -> (hugePages: Int, total: Int)? {
        guard let text = try? String(contentsOfFile: "/proc/self/smaps_rollup", encoding: .utf8) else { return nil }
        var fields: [Substring: Int] = [:]
        for line in text.split(separator: "\n") {
            let words = line.split(separator: " ")
            if words.count >= 2, let kibibytes = Int(words[1]) { fields[words[0]] = kibibytes }
        }
        guard let hugePages = fields["AnonHugePages:"], let total = fields["Rss:"] else { return nil }
        return (hugePages, total)
    }
}
