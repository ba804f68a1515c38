import Dispatch
import Foundation
import KadResults

/// On SIGINT or SIGTERM: marks the run in progress failed (it keeps `completed = 0`), says so on standard error
/// and exits with status 130. A simulation cannot stop half-way, so waiting for the next check would be too late.
final class InterruptHandler {
    private var sources: [any DispatchSourceSignal] = []

    init(control: RunControl, clearsProgressLine: Bool) {
        for (number, name) in [(SIGINT, "SIGINT"), (SIGTERM, "SIGTERM")] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                if clearsProgressLine { FileHandle.standardError.write(Data(ProgressDisplay.clearLine.utf8)) }
                if let runID = control.abandonActiveRun(reason: "interrupted by \(name)") {
                    Console.error("kadsim: interrupted by \(name); run \(runID) is marked failed")
                } else {
                    Console.error("kadsim: interrupted by \(name)")
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
