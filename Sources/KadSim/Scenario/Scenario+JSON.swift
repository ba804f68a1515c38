import Foundation
import KademliaCore

extension Scenario {
    /// The scenario as a JSON document in scenario-file format, every default written out, keys sorted.
    /// Loading this text (next to the same trace file) gives back an equal scenario; `kadsim` stores it with
    /// each run so that a run can be repeated exactly, overrides included.
    public func jsonText() -> String {
        jsonValue.text()
    }

    var jsonValue: JSONValue {
        var members: [String: JSONValue] = [
            "name": .string(name),
            "duration": .duration(duration),
            "warmup": .duration(warmup),
            "seeds": .array(seeds.map { .number(JSONNumber(unsigned: $0)) }),
            "stores": .array(stores.map { .string($0.rawValue) }),
            "network": network.jsonValue,
            "kademlia": kademlia.jsonValue,
            "workload": workload.jsonValue,
        ]
        if let description { members["description"] = .string(description) }
        if let churn { members["churn"] = churn.jsonValue }
        if !expect.isEmpty { members["expect"] = .array(expect.map(\.jsonValue)) }
        if let adversary { members["adversary"] = adversary.jsonValue }
        // Written only when not the default, so that the stored text of scenarios without it stays as it was.
        if deadContactSampleInterval != Self.defaultDeadContactSampleInterval {
            members["deadContactSampleInterval"] = .duration(deadContactSampleInterval)
        }
        return .object(members)
    }
}

extension Scenario.Network {
    var jsonValue: JSONValue {
        var members: [String: JSONValue] = [
            "nodes": .integer(nodes),
            "latency": latency.jsonValue,
            "loss": .double(loss),
            "natFraction": .double(natFraction),
            "partitions": .array(partitions.map {
                .object(["at": .duration($0.at), "duration": .duration($0.duration), "fraction": .double($0.fraction)])
            }),
        ]
        // Written only when not the default, so that the stored text of scenarios without them stays as it was.
        if let joinOver { members["joinOver"] = .duration(joinOver) }
        if start != .joins { members["start"] = .string(start.rawValue) }
        return .object(members)
    }
}

extension Scenario.Kademlia {
    var jsonValue: JSONValue {
        var members: [String: JSONValue] = [
            "k": .integer(k),
            "alpha": .integer(alpha),
            "rpcTimeout": .duration(rpcTimeout),
            "bucketRefresh": .duration(bucketRefresh),
            "republish": .duration(republish),
            "recordTTL": .duration(recordTTL),
            "staleContactFailures": .integer(staleContactFailures),
            "replacementCacheSize": .integer(replacementCacheSize),
            "headCheckAfter": .duration(headCheckAfter),
            "dropRecordsWhenNotClosest": .bool(dropRecordsWhenNotClosest),
            "disjointPaths": .integer(disjointPaths),
            "quorum": .integer(quorum),
            "secureNodeIDs": .bool(secureNodeIDs),
            "oneContactPerAddress": .bool(oneContactPerAddress),
            "contactsPerSubnetPerBucket": .integer(contactsPerSubnetPerBucket),
        ]
        // Written only where they differ from the preset, so that the stored text of scenarios without them stays as
        // it was, and a changed preset (an override) still moves every switch not set on its own.
        var preset = Scenario.Kademlia()
        compatibility.apply(to: &preset)
        if compatibility != .paper { members["compatibility"] = .string(compatibility.rawValue) }
        let switches: [(String, KeyPath<Scenario.Kademlia, Bool>)] = [
            ("refreshBucketsOnJoin", \.refreshBucketsOnJoin), ("leastRecentlySeenOrder", \.leastRecentlySeenOrder),
            ("repeatsHeadChecks", \.repeatsHeadChecks), ("repeatsRecordTransfer", \.repeatsRecordTransfer),
            ("transferKeyHashedTwice", \.transferKeyHashedTwice),
            ("neighboursByBucketWalk", \.neighboursByBucketWalk), ("lookupsInRounds", \.lookupsInRounds),
            ("relaxedBucketSplit", \.relaxedBucketSplit),
        ]
        for (name, path) in switches where self[keyPath: path] != preset[keyPath: path] {
            members[name] = .bool(self[keyPath: path])
        }
        return .object(members)
    }
}

extension Scenario.Churn {
    var jsonValue: JSONValue {
        var members: [String: JSONValue] = [
            "stableFraction": .double(stableFraction),
            "newAddressProbability": .double(newAddressProbability),
        ]
        switch model {
        case .sessions(let session, let downtime):
            members["session"] = session.jsonValue
            members["downtime"] = downtime.jsonValue
        case .trace(let trace):
            members["trace"] = .string(trace.path)
        }
        return .object(members)
    }
}

extension Scenario.Workload {
    var jsonValue: JSONValue {
        var members: [String: JSONValue] = [
            "ownerRepublish": .duration(ownerRepublish),
            "readsPerNodePerHour": .double(readsPerNodePerHour),
            "userFraction": .double(userFraction),
        ]
        // Written only when not the default, so that the stored text of scenarios without it stays as it was.
        if publishAfterJoin != Self.defaultPublishAfterJoin { members["publishAfterJoin"] = .duration(publishAfterJoin) }
        return .object(members)
    }
}

extension Scenario.Bound {
    var jsonValue: JSONValue {
        var members: [String: JSONValue] = ["metric": .string(metric)]
        if let store { members["store"] = .string(store.rawValue) }
        if let min { members["min"] = .double(min) }
        if let max { members["max"] = .double(max) }
        return .object(members)
    }
}

extension DurationDistribution {
    /// The distribution in scenario-file notation.
    var jsonValue: JSONValue {
        switch self {
        case .constant(let value):
            return .object(["distribution": .string("constant"), "value": .duration(value)])
        case .uniform(let min, let max):
            return .object(["distribution": .string("uniform"), "min": .duration(min), "max": .duration(max)])
        case .exponential(let mean):
            return .object(["distribution": .string("exponential"), "mean": .duration(mean)])
        case .weibull(let shape, let median):
            return .object(["distribution": .string("weibull"), "shape": .double(shape), "median": .duration(median)])
        case .lognormal(let median, let sigma):
            return .object(["distribution": .string("lognormal"), "median": .duration(median), "sigma": .double(sigma)])
        case .pareto(let shape, let minimum):
            return .object(["distribution": .string("pareto"), "shape": .double(shape), "minimum": .duration(minimum)])
        }
    }
}

extension JSONValue {
    static func duration(_ value: Microseconds) -> JSONValue { .string(HumanDuration.format(value)) }
    static func integer(_ value: Int) -> JSONValue { .number(JSONNumber(integer: Int64(value))) }
    static func double(_ value: Double) -> JSONValue {
        var number = JSONNumber(double: value)
        number.integer = nil  // keep 1.0 a fraction-typed number so it prints as written
        number.unsigned = nil
        return .number(number)
    }
}

extension Scenario.Adversary {
    var jsonValue: JSONValue {
        var members: [String: JSONValue] = ["kind": .string(kind.rawValue), "joinAt": .duration(joinAt)]
        switch size {
        case .fraction(let share): members["fraction"] = .double(share)
        case .count(let count): members["count"] = .integer(count)
        }
        switch targets {
        case .all: members["targets"] = .string("all")
        case .owners(let owners): members["targets"] = .array(owners.map { .integer($0) })
        }
        return .object(members)
    }
}
