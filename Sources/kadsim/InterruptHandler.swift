import Dispatch
import Foundation
import KadResults

/// On SIGINT or SIGTERM: marks the runs in progress failed (it keeps `completed = 0`), says so on standard error
/// and exits with status 130. A simulation cannot stop half-way, so waiting for the next check would be too late.
final class InterruptHandler {
    private var sources: [any DispatchSourceSignal] = []
    /// A queue of its own: parallel runs keep every thread of the shared pool busy until they finish.
    private static let queue = DispatchQueue(label: "kadsim.signals")

    init(control: RunControl, clearsProgressLine: Bool) {
        for (number, name) in [(SIGINT, "SIGINT"), (SIGTERM, "SIGTERM")] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: Self.queue)
            source.setEventHandler {
                if clearsProgressLine { FileHandle.standardError.write(Data(ProgressDisplay.clearLine.utf8)) }
                switch control.abandonActiveRuns(reason: "interrupted by \(name)") {
                case []:
                    Console.error("kadsim: interrupted by \(name)")
                case let runIDs:
                    let list = runIDs.map(String.init).joined(separator: ", ")
                    Console.error("kadsim: interrupted by \(name); run\(runIDs.count == 1 ? "" : "s") \(list) marked failed")
                }
                _exit(ExitStatus.interrupted.rawValue)
            }
            source.resume()
            sources.append(source)
        }
    }

    /// Restores the default signal actions.
    func remove() {
        for source in sources { source.cancel() }
        sources = []
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }
}
