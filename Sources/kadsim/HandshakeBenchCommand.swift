import ArgumentParser
import KadChatNode

/// `kadsim bench-handshake`: what the chat's session setup costs on its own, without a network.
struct HandshakeBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-handshake",
        abstract: "Time the chat's handshake (Noise XX with identity proofs, both sides in one process).")

    @Option(help: "Handshakes to run.")
    var count = 1_000

    func run() throws {
        guard count > 0 else { throw ValidationError("--count: expected a positive integer, got \(count)") }
        let cost = HandshakeBenchmark.run(count: count)
        let microseconds = cost.seconds * 1e6 / Double(cost.handshakes)
        print(
            "\(cost.handshakes) handshakes in \(String(format: "%.3f", cost.seconds)) s: \(String(format: "%.1f", microseconds)) µs each"
                + " (both sides, one core), \(cost.datagrams) datagrams and \(cost.bytes) bytes each")
    }
}
