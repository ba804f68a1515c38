import KademliaCore

/// The command line that repeats one run exactly: `kadsim run <scenario> [--set …] --store <store> --seed <seed>`.
public enum ReplayCommand {
    /// The command for one store and seed; without a store it replays every store of the scenario.
    public static func run(_ scenario: ScenarioReference, store: StoreMode? = nil, seed: UInt64) -> String {
        var words = ["kadsim", "run"] + scenario.commandWords
        if let store { words += ["--store", store.rawValue] }
        words += ["--seed", String(seed)]
        return words.joined(separator: " ")
    }

    /// `text` unchanged if a POSIX shell reads it as one word as it is, otherwise in single quotes.
    public static func shellQuoted(_ text: String) -> String {
        let plain = !text.isEmpty && text.unicodeScalars.allSatisfy { scalar in
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", "/", ".", "_", "-", "+", ",", ":", "@", "%", "=": true
            default: false
            }
        }
        if plain { return text }
        return "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
