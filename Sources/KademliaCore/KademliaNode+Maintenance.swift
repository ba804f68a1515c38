extension KademliaNode {
    /// Drops expired records and republishes those not stored here within the republish interval
    /// (a record someone else re-stored recently needs no push from us: the paper's optimisation).
    mutating func republishAndExpire(now: Microseconds) {
        storage.removeExpired(now: now, ttl: configuration.recordTTL)
        let cutoff = now - configuration.republishInterval
        for key in storage.sortedKeys {
            guard let entry = storage.entry(for: key), entry.storedAt <= cutoff else { continue }
            let operationID = makeOperationID()
            startLookup(operationID, kind: .republish(key: key, record: entry.record), target: key, findValue: false, now: now)
        }
    }

    mutating func refreshBuckets(untouchedSince cutoff: Microseconds, now: Microseconds) {
        refreshBuckets(routingTable.bucketsUntouched(since: cutoff), now: now)
    }

    /// Looks up a random id in each bucket's range so that the bucket fills with live contacts.
    mutating func refreshBuckets(_ indices: [Int], now: Microseconds) {
        for index in indices {
            guard let target = routingTable.refreshTarget(ofBucket: index, using: &generator) else { continue }
            startLookup(makeOperationID(), kind: .refresh, target: target, findValue: false, now: now)
        }
    }
}
