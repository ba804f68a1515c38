import Logging

extension Logger {
    /// A copy that tags every line with one more metadata entry.
    func with(metadataKey key: String, value: String) -> Logger {
        var copy = self
        copy[metadataKey: key] = .string(value)
        return copy
    }
}
