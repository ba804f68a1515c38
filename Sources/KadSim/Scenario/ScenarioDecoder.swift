import Foundation
import KademliaCore

/// Walks a parsed scenario document field by field, so every error names the exact JSON path.
/// Checks, in order, at each level: the value's type, unknown fields, then each field in declaration order.
struct ScenarioDecoder {
    /// The file name used in error messages.
    let file: String
    /// Directory against which a relative `churn.trace` is resolved.
    let baseDirectory: String

    static let topLevelFields = [
        "name", "description", "duration", "warmup", "seeds", "stores",
        "network", "kademlia", "churn", "workload", "expect", "adversary", "deadContactSampleInterval",
    ]
    static let networkFields = ["nodes", "latency", "loss", "natFraction", "partitions", "joinOver", "start"]
    static let partitionFields = ["at", "duration", "fraction"]
    static let kademliaFields = [
        "k", "alpha", "rpcTimeout", "bucketRefresh", "republish", "recordTTL",
        "staleContactFailures", "replacementCacheSize", "headCheckAfter", "dropRecordsWhenNotClosest",
        "disjointPaths", "quorum", "secureNodeIDs", "oneContactPerAddress", "contactsPerSubnetPerBucket",
        "refreshBucketsOnJoin", "leastRecentlySeenOrder", "repeatsHeadChecks", "repeatsRecordTransfer", "transferKeyHashedTwice",
        "neighboursByBucketWalk", "lookupsInRounds", "relaxedBucketSplit", "compatibility",
    ]
    static let adversaryFields = ["kind", "fraction", "count", "joinAt", "targets"]
    static let churnFields = ["stableFraction", "session", "downtime", "newAddressProbability", "trace"]
    static let workloadFields = ["ownerRepublish", "readsPerNodePerHour", "userFraction", "publishAfterJoin"]
    static let boundFields = ["metric", "store", "max", "min"]
    static let latencyKinds = ["constant", "uniform", "lognormal"]
    static let sessionKinds = ["exponential", "weibull", "lognormal", "pareto"]
    /// One read per node per second: more is not a workload a simulation of hours can mean.
    static let readsPerNodePerHourMaximum = 3_600.0
    /// The shortest typical session or downtime: shorter churn would only make a run endless.
    static let churnScaleMinimum = Time.second

    func failure(_ path: String?, _ problem: String) -> ScenarioError {
        ScenarioError(file: file, field: path, problem: problem)
    }

    // MARK: - Document

    func scenario(from root: JSONValue) throws(ScenarioError) -> Scenario {
        guard case .object(let members) = root else {
            throw failure(nil, "expected a JSON object at the top level, got \(root.shortDescription)")
        }
        let top = try Fields(decoder: self, path: "", members: members, allowed: Self.topLevelFields)
        let name = try top.required("name", Kind.nonEmptyString)
        let description = try top.optional("description", Kind.string)
        let duration = try top.required("duration", Kind.positiveDuration)
        let warmup = try top.optional("warmup", Kind.duration) ?? 0
        if warmup >= duration {
            throw failure("warmup", "expected a duration shorter than duration (\(HumanDuration.format(duration))), got \"\(HumanDuration.format(warmup))\"")
        }
        let seeds = try top.optional("seeds", Kind.seed, asArrayOf: "seeds") ?? [1]
        let stores = try top.optional("stores", Kind.store, asArrayOf: "stores") ?? StoreMode.scenarioDefault
        let networkValue = try top.requiredValue("network", expected: "an object with at least \"nodes\"")
        let network = try self.network(networkValue, at: "network", duration: duration)
        let kademlia = try self.kademlia(top.value("kademlia"), at: "kademlia")
        let churn: Scenario.Churn? = try top.value("churn").map { value throws(ScenarioError) in
            try self.churn(value, at: "churn", nodeCount: network.nodes)
        }
        let workload = try self.workload(top.value("workload"), at: "workload")
        let expect = try top.value("expect").map { value throws(ScenarioError) in try self.bounds(value, at: "expect") } ?? []
        let adversary = try top.value("adversary").map { value throws(ScenarioError) in
            try self.adversary(value, at: "adversary", nodeCount: network.nodes, duration: duration)
        }
        var scenario = Scenario(
            name: name, description: description, duration: duration, warmup: warmup, seeds: seeds, stores: stores,
            network: network, kademlia: kademlia, churn: churn, workload: workload, expect: expect, adversary: adversary,
            sourceFile: file)
        scenario.deadContactSampleInterval =
            try top.optional("deadContactSampleInterval", Kind.duration(atLeast: Time.second)) ?? scenario.deadContactSampleInterval
        return scenario
    }

    // MARK: - Blocks

    func network(_ value: JSONValue, at path: String, duration: Microseconds) throws(ScenarioError) -> Scenario.Network {
        let fields = try Fields(decoder: self, path: path, value: value, allowed: Self.networkFields)
        let nodes = try fields.required("nodes", Kind.integer(2...1_000_000))
        let latency = try fields.value("latency").map { value throws(ScenarioError) in
            try distribution(value, at: fields.path("latency"), kinds: Self.latencyKinds)
        } ?? Scenario.Network.defaultLatency
        let loss = try fields.optional("loss", Kind.probability) ?? 0
        let natFraction = try fields.optional("natFraction", Kind.probability) ?? 0
        var partitions: [Scenario.Partition] = []
        if let list = fields.value("partitions") {
            let listPath = fields.path("partitions")
            guard case .array(let items) = list else {
                throw failure(listPath, "expected an array of partitions, got \(list.shortDescription)")
            }
            for (index, item) in items.enumerated() {
                let partition = try Fields(decoder: self, path: "\(listPath)[\(index)]", value: item, allowed: Self.partitionFields)
                let at = try partition.required("at", Kind.duration)
                if at >= duration {
                    throw failure(partition.path("at"), "expected a time before the end of the run (\(HumanDuration.format(duration))), got \"\(HumanDuration.format(at))\"")
                }
                partitions.append(Scenario.Partition(
                    at: at,
                    duration: try partition.required("duration", Kind.positiveDuration),
                    fraction: try partition.required("fraction", Kind.probability)))
            }
        }
        let joinOver = try fields.optional("joinOver", Kind.positiveDuration)
        if let joinOver, joinOver > duration {
            throw failure(fields.path("joinOver"), "expected a duration no longer than duration (\(HumanDuration.format(duration))), got \"\(HumanDuration.format(joinOver))\"")
        }
        let starts = Scenario.Network.Start.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: " or ")
        let start = try fields.optional("start", Kind(expected: starts) {
            if case .string(let s) = $0 { Scenario.Network.Start(rawValue: s) } else { nil }
        }) ?? .joins
        return Scenario.Network(
            nodes: nodes, latency: latency, loss: loss, natFraction: natFraction, partitions: partitions, joinOver: joinOver,
            start: start)
    }

    func kademlia(_ value: JSONValue?, at path: String) throws(ScenarioError) -> Scenario.Kademlia {
        var result = Scenario.Kademlia()
        guard let value else { return result }
        let fields = try Fields(decoder: self, path: path, value: value, allowed: Self.kademliaFields)
        let presets = Scenario.Kademlia.Compatibility.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: " or ")
        let compatibility = try fields.optional("compatibility", Kind(expected: presets) {
            if case .string(let s) = $0 { Scenario.Kademlia.Compatibility(rawValue: s) } else { nil }
        })
        compatibility?.apply(to: &result)
        result.k = try fields.optional("k", Kind.integer(1...64)) ?? result.k
        result.alpha = try fields.optional("alpha", Kind.integer(1...64)) ?? result.alpha
        if result.alpha > result.k {
            throw failure(fields.path("alpha"), "expected an integer between 1 and k (\(result.k)), got \(result.alpha)")
        }
        result.rpcTimeout = try fields.optional("rpcTimeout", Kind.duration(atLeast: Time.millisecond)) ?? result.rpcTimeout
        result.bucketRefresh = try fields.optional("bucketRefresh", Kind.duration(atLeast: Time.second)) ?? result.bucketRefresh
        result.republish = try fields.optional("republish", Kind.duration(atLeast: Time.second)) ?? result.republish
        result.recordTTL = try fields.optional("recordTTL", Kind.duration(atLeast: Time.second)) ?? result.recordTTL
        result.staleContactFailures = try fields.optional("staleContactFailures", Kind.integer(1...10)) ?? result.staleContactFailures
        result.replacementCacheSize = try fields.optional("replacementCacheSize", Kind.integer(0...10_000)) ?? result.replacementCacheSize
        result.headCheckAfter = try fields.optional("headCheckAfter", Kind.duration) ?? result.headCheckAfter
        result.dropRecordsWhenNotClosest = try fields.optional("dropRecordsWhenNotClosest", Kind.bool) ?? result.dropRecordsWhenNotClosest
        result.disjointPaths = try fields.optional("disjointPaths", Kind.integer(1...64)) ?? result.disjointPaths
        if result.disjointPaths > result.k {
            throw failure(fields.path("disjointPaths"), "expected an integer between 1 and k (\(result.k)), got \(result.disjointPaths)")
        }
        result.quorum = try fields.optional("quorum", Kind.integer(1...64)) ?? result.quorum
        if result.quorum > result.k {
            throw failure(fields.path("quorum"), "expected an integer between 1 and k (\(result.k)), got \(result.quorum)")
        }
        result.secureNodeIDs = try fields.optional("secureNodeIDs", Kind.bool) ?? result.secureNodeIDs
        result.oneContactPerAddress = try fields.optional("oneContactPerAddress", Kind.bool) ?? result.oneContactPerAddress
        result.contactsPerSubnetPerBucket =
            try fields.optional("contactsPerSubnetPerBucket", Kind.integer(0...64)) ?? result.contactsPerSubnetPerBucket
        result.refreshBucketsOnJoin = try fields.optional("refreshBucketsOnJoin", Kind.bool) ?? result.refreshBucketsOnJoin
        result.leastRecentlySeenOrder = try fields.optional("leastRecentlySeenOrder", Kind.bool) ?? result.leastRecentlySeenOrder
        result.repeatsHeadChecks = try fields.optional("repeatsHeadChecks", Kind.bool) ?? result.repeatsHeadChecks
        result.repeatsRecordTransfer = try fields.optional("repeatsRecordTransfer", Kind.bool) ?? result.repeatsRecordTransfer
        result.transferKeyHashedTwice = try fields.optional("transferKeyHashedTwice", Kind.bool) ?? result.transferKeyHashedTwice
        result.neighboursByBucketWalk = try fields.optional("neighboursByBucketWalk", Kind.bool) ?? result.neighboursByBucketWalk
        result.lookupsInRounds = try fields.optional("lookupsInRounds", Kind.bool) ?? result.lookupsInRounds
        result.relaxedBucketSplit = try fields.optional("relaxedBucketSplit", Kind.bool) ?? result.relaxedBucketSplit
        return result
    }

    func churn(_ value: JSONValue, at path: String, nodeCount: Int) throws(ScenarioError) -> Scenario.Churn {
        let fields = try Fields(decoder: self, path: path, value: value, allowed: Self.churnFields)
        let stableFraction = try fields.optional("stableFraction", Kind.probability) ?? 0
        let model: Scenario.Churn.Model
        if let tracePath = try fields.optional("trace", Kind.nonEmptyString) {
            for conflicting in ["session", "downtime"] where fields.value(conflicting) != nil {
                throw failure(fields.path(conflicting), "must be absent when churn.trace is set (the trace gives the sessions)")
            }
            model = .trace(try trace(tracePath, at: fields.path("trace"), nodeCount: nodeCount))
        } else {
            let sessionValue = try fields.requiredValue("session", expected: "a duration distribution, or churn.trace")
            let session = try distribution(sessionValue, at: fields.path("session"), kinds: Self.sessionKinds, scaleAtLeast: Self.churnScaleMinimum)
            let downtimeValue = try fields.requiredValue("downtime", expected: "a duration distribution, or churn.trace")
            let downtime = try distribution(downtimeValue, at: fields.path("downtime"), kinds: Self.sessionKinds, scaleAtLeast: Self.churnScaleMinimum)
            model = .sessions(session: session, downtime: downtime)
        }
        let newAddressProbability = try fields.optional("newAddressProbability", Kind.probability) ?? 0
        return Scenario.Churn(stableFraction: stableFraction, model: model, newAddressProbability: newAddressProbability)
    }

    func trace(_ tracePath: String, at path: String, nodeCount: Int) throws(ScenarioError) -> ChurnTrace {
        let resolved = tracePath.hasPrefix("/") || baseDirectory.isEmpty
            ? tracePath : (baseDirectory as NSString).appendingPathComponent(tracePath)
        guard let data = FileManager.default.contents(atPath: resolved) else {
            throw failure(path, "cannot read trace file \(resolved)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw failure(path, "\(resolved) is not UTF-8 text")
        }
        do {
            return ChurnTrace(path: tracePath, events: try ChurnTrace.parse(text, nodeCount: nodeCount))
        } catch {
            throw failure(path, "\(resolved) line \(error.line): \(error.problem)")
        }
    }

    func workload(_ value: JSONValue?, at path: String) throws(ScenarioError) -> Scenario.Workload {
        var result = Scenario.Workload()
        guard let value else { return result }
        let fields = try Fields(decoder: self, path: path, value: value, allowed: Self.workloadFields)
        result.ownerRepublish = try fields.optional("ownerRepublish", Kind.duration(atLeast: Time.second)) ?? result.ownerRepublish
        result.readsPerNodePerHour = try fields.optional(
            "readsPerNodePerHour", Kind.number(in: 0...ScenarioDecoder.readsPerNodePerHourMaximum, meaning: "at most one read per node per second"))
            ?? result.readsPerNodePerHour
        result.userFraction = try fields.optional("userFraction", Kind.probability) ?? result.userFraction
        result.publishAfterJoin = try fields.optional("publishAfterJoin", Kind.duration) ?? result.publishAfterJoin
        return result
    }

    func bounds(_ value: JSONValue, at path: String) throws(ScenarioError) -> [Scenario.Bound] {
        guard case .array(let items) = value else {
            throw failure(path, "expected an array of bounds like {\"metric\": \"staleFraction\", \"max\": 0.1}, got \(value.shortDescription)")
        }
        var result: [Scenario.Bound] = []
        for (index, item) in items.enumerated() {
            let fields = try Fields(decoder: self, path: "\(path)[\(index)]", value: item, allowed: Self.boundFields)
            let metric = try fields.required("metric", Kind.metric)
            let store = try fields.optional("store", Kind.store)
            let max = try fields.optional("max", Kind.number)
            let min = try fields.optional("min", Kind.number)
            if min == nil && max == nil {
                throw failure(fields.path(""), "expected \"max\" and/or \"min\", got neither")
            }
            if let min, let max, min > max {
                throw failure(fields.path("min"), "expected a number <= max (\(max)), got \(min)")
            }
            result.append(Scenario.Bound(metric: metric, store: store, min: min, max: max))
        }
        return result
    }

    func adversary(_ value: JSONValue, at path: String, nodeCount: Int, duration: Microseconds) throws(ScenarioError) -> Scenario.Adversary {
        let fields = try Fields(decoder: self, path: path, value: value, allowed: Self.adversaryFields)
        let kinds = Scenario.Adversary.Kind.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
        let kind = try fields.required("kind", Kind(expected: "one of \(kinds)") {
            if case .string(let s) = $0 { Scenario.Adversary.Kind(rawValue: s) } else { nil }
        })
        let fraction = try fields.optional("fraction", Kind.probability)
        let count = try fields.optional("count", Kind.integer(0...nodeCount))
        let size: Scenario.Adversary.Size
        switch (fraction, count) {
        case (let share?, nil): size = .fraction(share)
        case (nil, let count?): size = .count(count)
        case (.some, .some): throw failure(fields.path("count"), "must be absent when adversary.fraction is set (give one of fraction, count)")
        case (nil, nil): throw failure(fields.path("fraction"), "missing required field (expected a probability between 0 and 1, or adversary.count)")
        }
        let joinAt = try fields.optional("joinAt", Kind.duration) ?? 0
        if joinAt >= duration {
            throw failure(fields.path("joinAt"), "expected a duration shorter than duration (\(HumanDuration.format(duration))), got \"\(HumanDuration.format(joinAt))\"")
        }
        var targets = Scenario.Adversary.Targets.all
        if let value = fields.value("targets") {
            let targetsPath = fields.path("targets")
            switch value {
            case .string("all"): targets = .all
            case .array:
                let owners = try fields.optional("targets", Kind.integer(0...(nodeCount - 1)), asArrayOf: "node indices") ?? []
                targets = .owners(owners)
            default:
                throw failure(targetsPath, "expected \"all\" or a non-empty array of node indices, got \(value.shortDescription)")
            }
        }
        return Scenario.Adversary(kind: kind, size: size, joinAt: joinAt, targets: targets)
    }

    // MARK: - Distributions

    /// `scaleAtLeast`: the smallest mean, median or minimum allowed (latencies may be a microsecond; sessions not).
    func distribution(
        _ value: JSONValue, at path: String, kinds: [String], scaleAtLeast minimum: Microseconds = 1
    ) throws(ScenarioError) -> DurationDistribution {
        let scale = minimum > 1 ? Kind.duration(atLeast: minimum) : Kind.positiveDuration
        let kindList = kinds.map { "\"\($0)\"" }.joined(separator: ", ")
        guard case .object(let members) = value else {
            throw failure(path, "expected an object with \"distribution\" (one of \(kindList)), got \(value.shortDescription)")
        }
        let kindPath = path + ".distribution"
        guard let kindValue = members["distribution"] else {
            throw failure(kindPath, "missing required field (expected one of \(kindList))")
        }
        guard case .string(let kind) = kindValue, kinds.contains(kind) else {
            throw failure(kindPath, "expected one of \(kindList), got \(kindValue.shortDescription)")
        }
        let parameters: [String] = switch kind {
        case "constant": ["value"]
        case "uniform": ["min", "max"]
        case "exponential": ["mean"]
        case "weibull": ["shape", "median"]
        case "lognormal": ["median", "sigma"]
        default: ["shape", "minimum"]  // pareto
        }
        let fields = try Fields(decoder: self, path: path, members: members, allowed: ["distribution"] + parameters)
        switch kind {
        case "constant":
            return .constant(try fields.required("value", scale))
        case "uniform":
            let low = try fields.required("min", scale)
            let high = try fields.required("max", scale)
            if high < low {
                throw failure(fields.path("max"), "expected a duration >= min (\(HumanDuration.format(low))), got \"\(HumanDuration.format(high))\"")
            }
            return .uniform(min: low, max: high)
        case "exponential":
            return .exponential(mean: try fields.required("mean", scale))
        case "weibull":
            let shape = try fields.required("shape", Kind.shape)
            return .weibull(shape: shape, median: try fields.required("median", scale))
        case "lognormal":
            let median = try fields.required("median", scale)
            return .lognormal(median: median, sigma: try fields.required("sigma", Kind.sigma))
        default:
            let shape = try fields.required("shape", Kind.shape)
            return .pareto(shape: shape, minimum: try fields.required("minimum", scale))
        }
    }
}

/// The members of one JSON object, checked against the allowed field names.
struct Fields {
    let decoder: ScenarioDecoder
    let prefix: String
    let members: [String: JSONValue]

    init(decoder: ScenarioDecoder, path: String, members: [String: JSONValue], allowed: [String]) throws(ScenarioError) {
        self.decoder = decoder
        self.prefix = path
        self.members = members
        if let unknown = members.keys.sorted().first(where: { !allowed.contains($0) }) {
            let name = path.isEmpty ? unknown : "\(path).\(unknown)"
            throw decoder.failure(name, "unknown field (expected one of: \(allowed.joined(separator: ", ")))")
        }
    }

    init(decoder: ScenarioDecoder, path: String, value: JSONValue, allowed: [String]) throws(ScenarioError) {
        guard case .object(let members) = value else {
            throw decoder.failure(path, "expected an object with fields \(allowed.joined(separator: ", ")), got \(value.shortDescription)")
        }
        try self.init(decoder: decoder, path: path, members: members, allowed: allowed)
    }

    /// The path of a member, or of the object itself for "".
    func path(_ key: String) -> String {
        if key.isEmpty { return prefix }
        return prefix.isEmpty ? key : "\(prefix).\(key)"
    }

    func value(_ key: String) -> JSONValue? {
        members[key]
    }

    func requiredValue(_ key: String, expected: String) throws(ScenarioError) -> JSONValue {
        guard let value = members[key] else {
            throw decoder.failure(path(key), "missing required field (expected \(expected))")
        }
        return value
    }

    func required<T>(_ key: String, _ kind: Kind<T>) throws(ScenarioError) -> T {
        let value = try requiredValue(key, expected: kind.expected)
        return try kind.read(value, at: path(key), decoder: decoder)
    }

    func optional<T>(_ key: String, _ kind: Kind<T>) throws(ScenarioError) -> T? {
        guard let value = members[key] else { return nil }
        return try kind.read(value, at: path(key), decoder: decoder)
    }

    /// A non-empty array of distinct values of `kind`.
    func optional<T: Hashable>(_ key: String, _ kind: Kind<T>, asArrayOf noun: String) throws(ScenarioError) -> [T]? {
        guard let value = members[key] else { return nil }
        let arrayPath = path(key)
        guard case .array(let items) = value else {
            throw decoder.failure(arrayPath, "expected a non-empty array of \(noun), got \(value.shortDescription)")
        }
        if items.isEmpty {
            throw decoder.failure(arrayPath, "expected a non-empty array of \(noun), got an empty array")
        }
        var result: [T] = []
        for (index, item) in items.enumerated() {
            let element = try kind.read(item, at: "\(arrayPath)[\(index)]", decoder: decoder)
            if result.contains(element) {
                throw decoder.failure("\(arrayPath)[\(index)]", "duplicate value \(item.shortDescription)")
            }
            result.append(element)
        }
        return result
    }
}

/// What a field must contain: a phrase for error messages and a conversion that fails on anything else.
struct Kind<T> {
    let expected: String
    let convert: (JSONValue) -> T?

    func read(_ value: JSONValue, at path: String, decoder: ScenarioDecoder) throws(ScenarioError) -> T {
        guard let result = convert(value) else {
            throw decoder.failure(path, "expected \(expected), got \(value.shortDescription)")
        }
        return result
    }
}

extension Kind where T == String {
    static var string: Kind { Kind(expected: "a string") { if case .string(let s) = $0 { s } else { nil } } }
    static var nonEmptyString: Kind {
        Kind(expected: "a non-empty string") { if case .string(let s) = $0, !s.isEmpty { s } else { nil } }
    }
    static var metric: Kind {
        Kind(expected: "a metric name (one of: \(RunSummary.allMetricNames.joined(separator: ", ")))") {
            if case .string(let s) = $0, RunSummary.allMetricNames.contains(s) { s } else { nil }
        }
    }
}

extension Kind where T == Microseconds {
    static var duration: Kind {
        Kind(expected: "a duration like \"90s\", \"2.5s\" or \"1h30m\" (units us, ms, s, m, h, d)") {
            if case .string(let s) = $0 { HumanDuration.parse(s) } else { nil }
        }
    }
    /// A duration no shorter than `minimum`: rates and intervals a simulation can mean, not ones that would make
    /// it run without end.
    static func duration(atLeast minimum: Microseconds) -> Kind {
        Kind(expected: "a duration of at least \(HumanDuration.format(minimum)) like \"90s\", \"5m\" or \"1h30m\" (units us, ms, s, m, h, d)") {
            if case .string(let s) = $0, let d = HumanDuration.parse(s), d >= minimum { d } else { nil }
        }
    }
    static var positiveDuration: Kind {
        Kind(expected: "a positive duration like \"90s\", \"2.5s\" or \"1h30m\" (units us, ms, s, m, h, d)") {
            if case .string(let s) = $0, let d = HumanDuration.parse(s), d > 0 { d } else { nil }
        }
    }
}

extension Kind where T == Int {
    static func integer(_ range: ClosedRange<Int>) -> Kind {
        Kind(expected: "an integer between \(range.lowerBound) and \(range.upperBound)") {
            if case .number(let n) = $0, let i = n.integer, range.contains(Int(i)) { Int(i) } else { nil }
        }
    }
}

extension Kind where T == Bool {
    static var bool: Kind {
        Kind(expected: "true or false") { if case .bool(let b) = $0 { b } else { nil } }
    }
}

extension Kind where T == UInt64 {
    static var seed: Kind {
        Kind(expected: "an integer between 0 and \(UInt64.max)") {
            if case .number(let n) = $0 { n.unsigned } else { nil }
        }
    }
}

extension Kind where T == Double {
    static var number: Kind {
        Kind(expected: "a number") { if case .number(let n) = $0, n.double.isFinite { n.double } else { nil } }
    }
    static var probability: Kind {
        Kind(expected: "a probability between 0 and 1") {
            if case .number(let n) = $0, n.double >= 0, n.double <= 1 { n.double } else { nil }
        }
    }
    static func number(in range: ClosedRange<Double>, meaning: String) -> Kind {
        func plain(_ number: Double) -> String { number == number.rounded() ? String(Int(number)) : String(number) }
        return Kind(expected: "a number between \(plain(range.lowerBound)) and \(plain(range.upperBound)) (\(meaning))") {
            if case .number(let n) = $0, range.contains(n.double) { n.double } else { nil }
        }
    }
    static var shape: Kind {
        Kind(expected: "a shape greater than 0 and at most 100") {
            if case .number(let n) = $0, n.double > 0, n.double <= 100 { n.double } else { nil }
        }
    }
    static var sigma: Kind {
        Kind(expected: "a sigma greater than 0 and at most 10") {
            if case .number(let n) = $0, n.double > 0, n.double <= 10 { n.double } else { nil }
        }
    }
}

extension Kind where T == StoreMode {
    static var store: Kind {
        Kind(expected: "one of \"plain\", \"timestamped\", \"signed\"") {
            if case .string(let s) = $0 { StoreMode(rawValue: s) } else { nil }
        }
    }
}
