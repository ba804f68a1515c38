import Dispatch
import Foundation

/// Waits for SIGINT or SIGTERM so a serving node can close its socket and exit cleanly.
public enum TerminationSignal {
    /// Returns when either signal arrives or `timeout` passes (nil: wait for a signal alone).
    /// Returns true when a signal ended the wait.
    @discardableResult
    public static func wait(timeout: Duration?) async -> Bool {
        let signals = [SIGINT, SIGTERM]
        let (stream, continuation) = AsyncStream<Bool>.makeStream()
        let sources = signals.map { number in
            // The default action would kill the process before the socket is closed.
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { continuation.yield(true) }
            source.resume()
            return source
        }
        let timer = timeout.map { timeout in
            Task {
                try? await Task.sleep(for: timeout)
                continuation.yield(false)
            }
        }
        var signalled = false
        for await value in stream {
            signalled = value
            break
        }
        for source in sources { source.cancel() }
        timer?.cancel()
        return signalled
    }
}
