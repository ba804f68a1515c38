import Foundation
import KadResults

/// Progress on standard error. On a terminal: one self-overwriting line, redrawn at most four times a second:
/// `plain seed 1  1h12m/2h  60%  812,345 events/s  ETA 0:35`. Runs simulating in parallel share the line
/// (`plain seed 1 60% · timestamped seed 1 48%  1,412,000 events/s  ETA 0:51`). Cleared when the last run finishes.
/// Elsewhere (pipes, files, CI): the same text as a plain line every `heartbeatInterval` wall seconds, starting with
/// `kadsim: progress`, so a long run's log shows it is alive. Told about runs from several threads at once.
final class ProgressDisplay: @unchecked Sendable {
    static let redrawInterval = 0.25

    /// Whether the display owns a self-overwriting terminal line.
    let isEnabled: Bool
    private let heartbeatInterval: Double?
    private let lock = NSLock()
    private var lastDraw: Double
    private var isShowing = false
    /// What each run in progress last reported, in the order the runs started.
    private var runs: [(label: String, state: RunState)] = []

    private enum RunState {
        case starting
        case simulating(RunProgress)
        case writing

        var isSimulating: Bool {
            if case .simulating = self { return true }
            return false
        }
    }

    init(isEnabled: Bool = ProgressDisplay.standardErrorIsTerminal, heartbeatInterval: Double?) {
        self.isEnabled = isEnabled
        self.heartbeatInterval = isEnabled ? nil : heartbeatInterval
        // A heartbeat comes first one interval after the start; the terminal line at once.
        self.lastDraw = isEnabled ? -.infinity : WallClock.system.seconds()
    }

    static var standardErrorIsTerminal: Bool {
        isatty(2) == 1 && ProcessInfo.processInfo.environment["CI"] == nil
    }

    @Sendable func observe(_ event: ExperimentEvent) {
        guard isEnabled || heartbeatInterval != nil else { return }
        lock.withLock {
            switch event {
            case .runStarted(let store, let seed, _):
                runs.append((Self.label(store.rawValue, seed), .starting))
                redraw(force: true)
            case .progress(let progress):
                update(Self.label(progress.store.rawValue, progress.seed), to: .simulating(progress))
                redraw(force: false)
            case .simulationFinished(let store, let seed, _, _):
                update(Self.label(store.rawValue, seed), to: .writing)
                redraw(force: true)
            case .batchWritten:
                break
            case .runFinished(let run):
                runs.removeAll { $0.label == Self.label(run.storeMode.rawValue, run.seed) }
                if runs.isEmpty { clearLocked() } else { redraw(force: true) }
            }
        }
    }

    private static func label(_ store: String, _ seed: UInt64) -> String { "\(store) seed \(seed)" }

    private func update(_ label: String, to state: RunState) {
        guard let index = runs.firstIndex(where: { $0.label == label }) else { return }
        runs[index].state = state
    }

    private func redraw(force: Bool) {
        let now = WallClock.system.seconds()
        if let heartbeatInterval {
            guard now - lastDraw >= heartbeatInterval, runs.contains(where: \.state.isSimulating) else { return }
            lastDraw = now
            FileHandle.standardError.write(Data("kadsim: progress \(Self.line(runs))\n".utf8))
            return
        }
        guard force || now - lastDraw >= Self.redrawInterval else { return }
        lastDraw = now
        draw(Self.line(runs))
    }

    /// The whole line for the runs in progress.
    private static func line(_ runs: [(label: String, state: RunState)]) -> String {
        if runs.count == 1, case .simulating(let progress) = runs[0].state { return line(progress) }
        var parts: [String] = []
        var eventsPerSecond = 0.0
        var remaining: Double?
        for (label, state) in runs {
            switch state {
            case .starting:
                parts.append("\(label) starting")
            case .writing:
                parts.append("\(label) writing results")
            case .simulating(let progress):
                parts.append("\(label) \(Int(progress.fractionDone * 100))%")
                eventsPerSecond += progress.eventsPerSecond
                if let left = progress.secondsRemaining { remaining = max(remaining ?? 0, left) }
            }
        }
        var text = parts.joined(separator: " · ")
        if eventsPerSecond > 0 { text += "  \(Format.whole(eventsPerSecond)) events/s" }
        if let remaining { text += "  ETA \(Format.clock(remaining))" }
        return text
    }

    static func line(_ progress: RunProgress) -> String {
        var text = "\(progress.store.rawValue) seed \(progress.seed)  "
        text += "\(Format.virtual(progress.virtualTime))/\(Format.virtual(progress.duration))  "
        text += "\(Int(progress.fractionDone * 100))%  \(Format.whole(progress.eventsPerSecond)) events/s"
        if let remaining = progress.secondsRemaining { text += "  ETA \(Format.clock(remaining))" }
        return text
    }

    func clear() {
        lock.withLock { clearLocked() }
    }

    private func clearLocked() {
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
