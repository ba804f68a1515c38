import KademliaCore

/// Parses durations such as "500ms", "30s", "10m", "2h" (a bare number is seconds).
public enum DurationText {
    public static func parse(_ text: String) throws -> Microseconds {
        let units: [(suffix: String, scale: Microseconds)] = [
            ("ms", Time.millisecond), ("s", Time.second), ("m", Time.minute), ("h", Time.hour),
        ]
        for (suffix, scale) in units where text.hasSuffix(suffix) {
            if let number = Int64(text.dropLast(suffix.count)), number >= 0 {
                return number * scale
            }
        }
        if let seconds = Int64(text), seconds >= 0 { return seconds * Time.second }
        throw KadNodeError.invalidDuration(text)
    }
}
