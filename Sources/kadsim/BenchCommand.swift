import AllocationCounter
import ArgumentParser
import Foundation
import KadResults
import KadSim
import KademliaCore

/// `kadsim bench [SCENARIO] [--store S] [--seed N]`
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Time one run of a scenario without writing a database.")

    @Argument(help: ArgumentHelp("Scenario file (JSON).", valueName: "scenario"))
    var scenarioPath = "Scenarios/bench-10k.json"

    @Option(help: "Store to simulate. Default: the scenario's first store.")
    var store: StoreMode?

    @Option(help: "Seed. Default: the scenario's first seed.")
    var seed: UInt64?

    @Option(
        name: .customLong("set"),
        help: ArgumentHelp("Replace a scenario field by dotted path, e.g. network.nodes=2000 or duration=1h.", valueName: "path=value"))
    var overrides: [String] = []

    @OptionGroup var heartbeat: HeartbeatOptions

    func run() throws {
        HugePageHeap.enable()
        let scenario = try CommandSupport.loadScenario(scenarioPath, overriding: overrides)
        let store = self.store ?? scenario.stores[0]
        let seed = self.seed ?? scenario.seeds[0]
        let runs = try CommandSupport.execute(
            scenario, database: nil, databasePath: nil, stores: [store], seeds: [seed], heartbeat: heartbeat, heapAllocations: { kadsim_heap_allocations() })
        let run = runs[0]
        let peakKibibytes = PeakMemory.kibibytes()
        let microsecondsPerEvent = (run.simulationSeconds - run.setupSeconds) * 1e6 / Double(max(run.events, 1))
        let totals = run.result.totals
        let allocationsPerDelivery = totals.heapAllocations.map { Double($0) / Double(max(totals.deliveries, 1)) }
        let perNode = Format.memory(kibibytes: Int((Double(peakKibibytes) / Double(scenario.network.nodes)).rounded()))
        Console.line("\(Format.scenario(scenario)), store \(store.rawValue), seed \(seed)")
        var table = TextTable(header: ["measure", "value"])
        table.rows = [
            ["events", Format.count(run.events)],
            ["wall seconds", String(format: "%.2f", run.simulationSeconds)],
            ["  of which setup (nodes, warm tables)", String(format: "%.2f", run.setupSeconds)],
            ["events / wall second", Format.whole(run.eventsPerSecond)],
            ["events / second of event processing", Format.whole(run.eventsPerProcessingSecond)],
            ["µs / event", String(format: "%.3f", microsecondsPerEvent)],
            ["speed-up (virtual s / wall s)", Format.whole(run.speedup)],
            ["heap allocations / delivery (measured period)", allocationsPerDelivery.map { String(format: "%.3f", $0) } ?? "not counted"],
            ["peak memory", Format.memory(kibibytes: peakKibibytes)],
            ["peak memory / node", perNode],
            ["reads", Format.count(run.summary.reads)],
            ["nodes", Format.count(run.result.totals.nodeCount)],
            ["online nodes, mean", Format.metric(run.summary.meanOnlineNodes)],
            ["online nodes, peak", Format.count(run.result.totals.peakOnlineNodes)],
        ]
        Console.write(table.render())
        Console.line(heapLine())
        Console.write(censusTable(run.result.census, events: run.events).render())
        Console.write(stateTable(run.result.state, nodes: run.result.totals.nodeCount).render())
        let words = ["kadsim", "bench"] + ScenarioReference(path: scenarioPath, overrides: overrides).commandWords
            + ["--store", store.rawValue, "--seed", String(seed)]
        Console.line("replay: " + words.joined(separator: " "))
        let allocations = allocationsPerDelivery.map { String(format: "%.3f", $0) } ?? "-"
        Console.line(
            "bench: \(run.events) events, \(Format.whole(run.eventsPerProcessingSecond)) events/s, "
                + String(format: "%.3f µs/event, ", microsecondsPerEvent) + "\(allocations) allocations/delivery, "
                + "peak \(Format.memory(kibibytes: peakKibibytes)) (\(perNode)/node), "
                + "online mean \(Format.metric(run.summary.meanOnlineNodes)) / peak \(run.result.totals.peakOnlineNodes) of \(run.result.totals.nodeCount) nodes, "
                + String(format: "%.1f s (setup %.1f s)", run.simulationSeconds, run.setupSeconds))
        if let warning = RunReport.onlineWarning(run) { Console.error(warning) }
    }

    /// The heap's glibc settings and its share in huge pages (see `HugePageHeap`).
    private func heapLine() -> String {
        let tunables = ProcessInfo.processInfo.environment["GLIBC_TUNABLES"].map { "GLIBC_TUNABLES=" + $0 } ?? "GLIBC_TUNABLES not set"
        guard let resident = HugePageHeap.residentKibibytes() else { return "heap: \(tunables)" }
        return "heap: \(tunables); \(Format.memory(kibibytes: resident.hugePages)) of \(Format.memory(kibibytes: resident.total)) "
            + "resident in huge pages at the end"
    }

    /// What the network holds at the end, in all and per node: what a long run accumulates.
    private func stateTable(_ state: StateCensus, nodes: Int) -> TextTable {
        func perNode(_ count: Int) -> String { String(format: "%.1f", Double(count) / Double(max(nodes, 1))) }
        var table = TextTable(header: ["state at the end", "count", "per node"])
        table.rows = [
            ["stored records", Format.count(state.storedRecords), perNode(state.storedRecords)],
            ["routing-table contacts", Format.count(state.routingContacts), perNode(state.routingContacts)],
            ["waiting contacts (replacement caches)", Format.count(state.waitingContacts), perNode(state.waitingContacts)],
            ["interned contacts (shared)", Format.count(state.internedContacts), perNode(state.internedContacts)],
            ["queued events", Format.count(state.queuedEvents), perNode(state.queuedEvents)],
        ]
        return table
    }

    /// Where the events went: every event kind, the timers among them that did nothing, requests by RPC.
    private func censusTable(_ census: EventCensus, events: Int) -> TextTable {
        func share(_ count: Int, of total: Int) -> String { String(format: "%.1f%%", 100 * Double(count) / Double(max(total, 1))) }
        var table = TextTable(header: ["event or request", "count", "share"])
        table.rows = census.events.map { ["event \($0.kind)", Format.count($0.count), share($0.count, of: events)] }
        table.rows.append(["  of which idle timers", Format.count(census.idleTimers), share(census.idleTimers, of: events)])
        let requests = census.requests.reduce(0) { $0 + $1.count }
        table.rows += census.requests.map { ["request \($0.rpc)", Format.count($0.count), share($0.count, of: requests)] }
        table.rows += census.origins.map { ["requests for \($0.origin)", Format.count($0.count), share($0.count, of: requests)] }
        return table
    }
}
