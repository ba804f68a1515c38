import Testing
@testable import KademliaCore

@Suite struct ReplacementCacheTests {
    func entry(_ number: UInt32, seen: Microseconds = 0) -> RoutingEntry {
        RoutingEntry(contact: .init(rawValue: number), id: .init(rawValue: number), lastSeen: seen, failures: 0)
    }

    @Test func dropsTheOldestAndPromotesTheNewest() {
        var cache = ReplacementCache()
        for number in UInt32(0)..<6 { cache.add(entry(number), capacity: 4) }
        // 0 and 1 were dropped as the oldest; re-adding 3 makes it the newest and drops nothing.
        cache.add(entry(3, seen: 7), capacity: 4)
        #expect(cache.entries.map(\.id.rawValue) == [2, 4, 5, 3])
        #expect(cache.popNewest()?.lastSeen == 7)
        #expect(cache.popNewest { $0.id.rawValue != 5 }?.id.rawValue == 4)
        cache.remove(.init(rawValue: 2))
        #expect(cache.entries.map(\.id.rawValue) == [5])
        cache.add(entry(9), capacity: 0)
        #expect(cache.count == 1)
    }

    @Test func routingEntryKeepsTimeAndFailuresApart() {
        var routing = RoutingEntry(contact: .init(rawValue: 1), id: .init(rawValue: 2), lastSeen: (1 << 56) - 1, failures: 3)
        #expect(MemoryLayout<RoutingEntry>.stride == 16)
        #expect(routing.lastSeen == (1 << 56) - 1 && routing.failures == 3)
        routing.failures = 255
        #expect(routing.lastSeen == (1 << 56) - 1 && routing.failures == 255)
        routing.markSeen(at: 5, contact: .init(rawValue: 9))
        #expect(routing.lastSeen == 5 && routing.failures == 0 && routing.contact.rawValue == 9 && routing.id.rawValue == 2)
    }
}
