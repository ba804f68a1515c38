import Foundation
import KadResults

/// One self-overwriting progress line on standard error, shown only when standard error is a terminal (never in
/// pipes, files or CI) and redrawn at most four times a second:
/// `plain seed 1  1h12m/2h  60%  812,345 events/s  ETA 0:35`. Cleared when a run finishes.
final class ProgressDisplay {
    static let redrawInterval = 0.25

    let isEnabled: Bool
    private var lastDraw = -Double.infinity
    private var isShowing = false

    init(isEnabled: Bool = ProgressDisplay.standardErrorIsTerminal) {
        self.isEnabled = isEnabled
    }

    static var standardErrorIsTerminal: Bool {
        isatty(2) == 1 && ProcessInfo.processInfo.environment["CI"] == nil
    }

    func observe(_ event: ExperimentEvent) {
        guard isEnabled else { return }
        switch event {
        case .runStarted(let store, let seed, _):
            lastDraw = -Double.infinity
            draw("\(store.rawValue) seed \(seed)  starting")
        case .progress(let progress):
            let now = WallClock.system.seconds()
            guard now - lastDraw >= Self.redrawInterval else { return }
            lastDraw = now
            draw(Self.line(progress))
        case .simulationFinished(let store, let seed, _, _):
            draw("\(store.rawValue) seed \(seed)  writing results")
        case .batchWritten:
            break
        case .runFinished:
            clear()
        }
    }

    static func line(_ progress: RunProgress) -> String {
        var text = "\(progress.store.rawValue) seed \(progress.seed)  "
        text += "\(Format.virtual(progress.virtualTime))/\(Format.virtual(progress.duration))  "
        text += "\(Int(progress.fractionDone * 100))%  \(Format.whole(progress.eventsPerSecond)) events/s"
        if let remaining = progress.secondsRemaining { text += "  ETA \(Format.clock(remaining))" }
        return text
    }

    func clear() {
        guard isEnabled, isShowing else { return }
        FileHandle.standardError.write(Data(Self.clearLine.utf8))
        isShowing = false
    }

    private func draw(_ text: String) {
        FileHandle.standardError.write(Data((Self.clearLine + text).utf8))
        isShowing = true
    }

    /// Carriage return, then erase to the end of the line.
    static let clearLine = "\r\u{1B}[K"
}
