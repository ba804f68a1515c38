import CachePrefetch

extension Array {
    /// Starts loading the array's header (the reference count that a first change checks, the count every bounds
    /// check reads). The storage's address is read from the array's own stored word: asking the array for its
    /// buffer, or copying it, would touch the header and wait for the very load this starts.
    mutating func prefetchHeader() {
        Swift.withUnsafeBytes(of: &self) { kadsim_prefetch($0.load(as: UnsafeRawPointer.self)) }
    }

    /// Starts loading the cache lines of the elements in `positions`, which need not exist (nothing is read).
    @inlinable public mutating func prefetchElements(_ positions: Range<Int>) {
        // Elements start after the storage object's header: its reference-counted object header, count and capacity.
        let headerSize = 4 * MemoryLayout<Int>.size
        Swift.withUnsafeBytes(of: &self) { word in
            let first = word.load(as: UnsafeRawPointer.self) + headerSize
            let start = positions.lowerBound * MemoryLayout<Element>.stride
            let end = positions.upperBound * MemoryLayout<Element>.stride
            for offset in stride(from: start, to: end, by: 64) { kadsim_prefetch(first + offset) }
            if end > start { kadsim_prefetch(first + end - 1) }
        }
    }
}
