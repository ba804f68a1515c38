import CachePrefetch

extension Array {
    /// Starts loading the array's header (the reference count that a first change checks, the count every bounds
    /// check reads). The storage's address is read from the array's own stored word: asking the array for its
    /// buffer, or copying it, would touch the header and wait for the very load this starts.
    mutating func prefetchHeader() {
        Swift.withUnsafeBytes(of: &self) { kadsim_prefetch($0.load(as: UnsafeRawPointer.self)) }
    }
}
