import Testing
@testable import KademliaCore

@Suite struct LocalStorageTests {
    @Test func keysStayInIDOrderThroughOverwritesAndExpiry() {
        var generator = SeededGenerator(seed: 3)
        var storage = LocalStorage()
        var storedAt: [NodeID: Microseconds] = [:]
        for step in 0..<500 {
            // Every third step overwrites a key already held, which must not duplicate it.
            let key = step % 3 == 2 ? storage.sortedKeys[Int(generator.next() % UInt64(storage.count))] : NodeID.random(using: &generator)
            storage.store(Record(value: .int(Int64(step))), for: key, now: Microseconds(step))
            storedAt[key] = Microseconds(step)
        }
        #expect(storage.sortedKeys == storedAt.keys.sorted())
        #expect(storage.count == storedAt.count)

        storage.removeExpired(now: 600, ttl: 300)
        let survivors = storedAt.filter { 600 - $0.value < 300 }.keys.sorted()
        #expect(!survivors.isEmpty && survivors.count < storedAt.count)
        #expect(storage.sortedKeys == survivors)
        #expect(storage.record(for: survivors[0], now: 600, ttl: 300) != nil)

        var kept = survivors
        for key in [survivors[survivors.count / 2], survivors[0], NodeID.random(using: &generator)] {
            storage.remove(key)
            kept.removeAll { $0 == key }
            #expect(storage.sortedKeys == kept)
        }
    }

    /// The keys sharing exactly `p` leading bits with an id are one run of the sorted keys; record transfer skips
    /// by these runs, so they must hold exactly the keys a filter over all keys finds.
    @Test func keysSharingAPrefixFormTheRunBetweenItsFilledBounds() {
        var generator = SeededGenerator(seed: 11)
        var storage = LocalStorage()
        let own = NodeID.random(using: &generator)
        for step in 0..<400 {
            // Half the keys near the own id, so that deep prefixes have members too.
            var key = NodeID.random(using: &generator)
            if step % 2 == 0 { key = own.randomID(sharingPrefix: Int(generator.next() % 24), using: &generator) }
            storage.store(Record(value: .int(Int64(step))), for: key, now: 0)
        }
        for prefix in [0, 1, 2, 5, 13, 63, 64, 65, 100, 128, 140, 159] {
            let other = own.flippingBit(prefix)
            let run = storage.keyPositions(
                from: other.fillingBits(from: prefix + 1, with: false), through: other.fillingBits(from: prefix + 1, with: true))
            let expected = storage.sortedKeys.filter { $0.commonPrefixLength(with: own) == prefix }
            #expect(Array(storage.sortedKeys[run]) == expected, "prefix \(prefix)")
            let deeper = storage.keyPositions(from: own.fillingBits(from: prefix, with: false), through: own.fillingBits(from: prefix, with: true))
            #expect(Array(storage.sortedKeys[deeper]) == storage.sortedKeys.filter { $0.commonPrefixLength(with: own) >= prefix })
        }
    }
}
