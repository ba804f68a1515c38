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
        #expect(storage.entries.keys.sorted() == survivors)
        #expect(storage.record(for: survivors[0], now: 600, ttl: 300) != nil)

        var kept = survivors
        for key in [survivors[survivors.count / 2], survivors[0], NodeID.random(using: &generator)] {
            storage.remove(key)
            kept.removeAll { $0 == key }
            #expect(storage.sortedKeys == kept)
            #expect(storage.entries.keys.sorted() == kept)
        }
    }
}
