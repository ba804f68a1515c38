import KademliaCore
import KademliaWire

/// The discrete-event simulator: many `KademliaNode`s, a virtual clock, a lossy network, churn and a
/// presence-record workload. Single-threaded; the same scenario, store mode and seed always give the same
/// result.
public final class Simulation {
    /// Port every simulated host uses; hosts differ by IPv4 address.
    static let port: UInt16 = 4000
    static let firstAddress: UInt32 = 0x0A00_0000
    /// How long a NAT keeps a mapping open after the host behind it sent to an address.
    public static let natMappingLifetime: Microseconds = 2 * Time.minute
    /// Routing tables checked for contacts that are gone at each dead-contact sample.
    static let deadContactSampleSize = 32
    static let progressInterval = 1 << 16

    let scenario: Scenario
    public let storeMode: StoreMode
    public let seed: UInt64
    var streams: RandomStreams
    var queue = EventQueue()
    var nodes: [SimulatedNode] = []
    /// Per node, what most events check first (online, timer, NAT, hostile).
    var status: [NodeStatus] = []
    /// Every node's routing table interns its contacts here: each contact is stored once, not once per table.
    let contacts = ContactDirectory()
    /// Spare buffers the nodes share: delivered answers' contact lists come back here for the next answers, and
    /// the nodes' queues take and give back their room here.
    let buffers = NodeBuffers()
    /// Node index per allocated address (address - firstAddress); addresses are never reused.
    var addressOwners: [Int32] = []
    /// Which side of the current partition each node is on (0: the main side). Apart from the nodes so that every
    /// delivery can check both ends without touching either node's state.
    var partitionSides: [UInt32] = []
    var datagrams: [Datagram?] = []
    var freeDatagramSlots: [UInt32] = []
    var userKeys: [NodeID?] = []
    var users: [Int] = []
    var oracle: StalenessOracle
    var now: Microseconds = 0
    var onlineCount = 0
    /// The most nodes online at once so far, warm-up included: shows when joins were too slow to bring all up.
    var peakOnlineCount = 0
    var eventCount = 0
    var census = EventCensus()

    // Measurements (only after warm-up).
    /// The reads of the measured period, in order, when there is no `readSink`.
    var observations: [ReadObservation] = []
    /// Reads waiting for the next batch to the `readSink`.
    var readBatch: [ReadObservation] = []
    var readTally = ReadTally()
    /// The result digest over the reads so far; series and summary are added at the end.
    var readDigest = ResultDigest()
    /// Set when the `readSink` asked to stop.
    var stopped = false
    var series: [SeriesPoint] = []
    var currentMinute = SeriesPoint(minute: 0, onlineNodes: 0, reads: 0, staleReads: 0, missingReads: 0)
    var messages = 0
    var bytes = 0
    var onlineNodeSeconds = 0.0
    var lastOnlineChange: Microseconds = 0
    var deadContactShares: [Double] = []
    var churnTrace = TraceDigest()
    var workloadTrace = TraceDigest()
    /// Hostile nodes and their state; nil when the scenario has no adversary.
    var adversary: Adversary?
    /// Signatures all nodes had verified when the measured period began.
    var signaturesAtWarmup = 0

    /// Called every few tens of thousands of events with the virtual time and the events so far.
    public var progress: ((Microseconds, Int) -> Void)?
    /// Called once the run is set up (nodes built, tables warm, first events scheduled), before the first event.
    public var setupFinished: (() -> Void)?
    /// Reads the process's heap-allocation counter, if the host has one (`kadsim bench`); sampled when the
    /// measured period begins and ends.
    public var heapAllocations: (() -> UInt64)?
    /// Deliveries and heap allocations when the measured period began.
    var steadyStateStart: (deliveries: Int, allocations: UInt64?) = (0, nil)

    /// Takes the reads of the measured period while the run goes on, in order, `readBatchSize` at a time (the last
    /// batch may be smaller); with a sink the simulation keeps no reads, so the result's `observations` is empty.
    /// Returning false stops the run at once, and its result is then partial. Set before `run()`.
    public var readSink: (([ReadObservation]) -> Bool)?
    public var readBatchSize = 10_000

    struct Datagram {
        var message: Message
        var source: NodeAddress
        var destination: NodeAddress
        var senderHint: ContactDirectory.Interned
    }

    public init(scenario: Scenario, storeMode: StoreMode, seed: UInt64) {
        self.scenario = scenario
        self.storeMode = storeMode
        self.seed = seed
        self.streams = RandomStreams(seed: seed)
        self.configuration = SharedConfiguration(scenario.kademlia.configuration(storeMode: storeMode))
        self.oracle = StalenessOracle(owners: scenario.network.nodes)
        buildNodes()
        prepareSigning()
        prepareAdversary()
    }

    /// The protocol configuration of every node, held once.
    let configuration: SharedConfiguration

    private func buildNodes() {
        let count = scenario.network.nodes
        nodes.reserveCapacity(count)
        status.reserveCapacity(count)
        partitionSides = Array(repeating: 0, count: count)
        userKeys.reserveCapacity(count)
        for index in 0..<count {
            let id = NodeID.random(using: &streams.identity)
            let behindNAT = streams.identity.nextUnit() < scenario.network.natFraction
            let isUser = streams.identity.nextUnit() < scenario.workload.userFraction
            let address = allocateAddress(for: index)
            // Maintenance timers start at the node's first join (or a random phase in a warm start), not all at once.
            let core = KademliaNode(
                id: id, address: address, configuration: configuration, seed: streams.protocolSeeds.next(),
                now: scenario.network.start == .warm ? warmTimerPhase() : initialJoinTime(of: index), directory: contacts,
                buffers: buffers)
            nodes.append(SimulatedNode(core: core, isUser: isUser))
            status.append(NodeStatus(behindNAT: behindNAT))
            userKeys.append(isUser ? NodeID(hashing: "user-\(index)") : nil)
            if isUser { users.append(index) }
        }
    }

    func allocateAddress(for node: Int) -> NodeAddress {
        addressOwners.append(Int32(node))
        return NodeAddress(ipv4: Self.firstAddress + UInt32(addressOwners.count - 1), port: Self.port)
    }

    func owner(of address: NodeAddress) -> Int? {
        let slot = Int(address.ipv4 &- Self.firstAddress)
        guard slot >= 0, slot < addressOwners.count else { return nil }
        return Int(addressOwners[slot])
    }

    // MARK: Running

    public func run() -> SimulationResult {
        scheduleChurn()
        schedulePartitions()
        scheduleDefences()
        queue.schedule(.sample, at: scenario.warmup + Time.minute, node: 0)
        queue.schedule(.deadContactSample, at: scenario.warmup + scenario.deadContactSampleInterval, node: 0)
        currentMinute.minute = 0
        lastOnlineChange = scenario.warmup
        setupFinished?()
        process(eventsBefore: scenario.warmup)
        steadyStateStart = (census.deliveries, heapAllocations?())
        process(eventsBefore: scenario.duration + 1)
        if !stopped {
            now = scenario.duration
            flushReads()
        }
        accumulateOnlineTime()
        return makeResult()
    }

    private func process(eventsBefore limit: Microseconds) {
        while !stopped, let time = queue.nextTime, time < limit {
            let event = queue.popMin()!
            now = time
            eventCount += 1
            census.count(event.kind)
            if eventCount % Self.progressInterval == 0 { progress?(now, eventCount) }
            if let following = queue.peekMinimum() { prefetch(following) }
            // Its node's state came in while the event before ran: now the buffers that state points to.
            if event.node >= 0, event.kind == .deliver || event.kind == .timer { prefetchState(for: event) }
            dispatch(event)
        }
    }

    private func dispatch(_ event: SimulationEvent) {
        let index = Int(event.node)
        switch event.kind {
        case .deliver: deliver(slot: event.detail, to: index)
        case .timer: fireTimer(of: index, scheduledFor: event.time)
        case .nodeUp: bringUp(index, addressDetail: event.detail)
        case .nodeDown: takeDown(index)
        case .publish: publish(from: index, session: event.detail)
        case .read: read(from: index, session: event.detail)
        case .sample: sample()
        case .partitionStart: startPartition(Int(event.detail))
        case .partitionEnd: endPartition(Int(event.detail))
        case .adversary: adversaryStep(index)
        case .warmupEnd: signaturesAtWarmup = signaturesVerified
        case .deadContactSample: sampleDeadContacts()
        }
    }

    /// Starts loading what the event will touch first (its node's state and status, its datagram), so that those
    /// cache misses overlap the work of the event before it instead of stalling the one that needs them.
    private func prefetch(_ event: SimulationEvent) {
        guard event.node >= 0 else { return }
        let index = Int(event.node)
        switch event.kind {
        case .deliver:
            let slot = Int(event.detail)
            datagrams.prefetchElements(slot..<(slot + 1))
        case .timer:
            break
        default:
            return
        }
        status.prefetchElements(index..<(index + 1))
        nodes.prefetchElements(index..<(index + 1))
    }

    /// The buffers the event's node points to, and for a delivery the sender's bucket in its routing table (the
    /// datagram came in with the node).
    private func prefetchState(for event: SimulationEvent) {
        let index = Int(event.node)
        nodes[index].core.prefetchHotState()
        // Read in place: a copy of the datagram would retain what its message holds.
        if event.kind == .deliver,
           let sender = datagrams.withUnsafeBufferPointer({ $0[Int(event.detail)]?.senderHint.contact.id }) {
            nodes[index].core.prefetchBucket(of: sender)
        }
    }

    // MARK: Driving the protocol engines

    /// After any input to a node: send its datagrams, act on finished operations, arm its timer.
    func afterInput(_ index: Int) {
        if nodes[index].core.hasOutput {
            while let transmit = nodes[index].core.pollTransmit() { send(transmit, from: index) }
            while let event = nodes[index].core.pollEvent() { handle(event, at: index) }
        }
        guard status[index].isOnline else { return }
        // With a timer set, only a newly armed deadline can come before it (see `takeNewlyArmedDeadline`).
        let next = status[index].timerAt == .max ? nodes[index].core.nextDeadline : nodes[index].core.takeNewlyArmedDeadline()
        guard let deadline = next.map({ max($0, now) }) else { return }
        if deadline < status[index].timerAt, status[index].arm(deadline) {
            queue.schedule(.timer, at: deadline, node: index)
        }
    }

    private func fireTimer(of index: Int, scheduledFor time: Microseconds) {
        guard status[index].takeTimer(at: time), status[index].isOnline else {
            census.countIdleTimer()
            return
        }
        nodes[index].core.handleTimeout(now: now)
        afterInput(index)
    }

    /// Consumes `transmit`, so that a lost answer's contact list is the only reference and goes back to the spares.
    func send(_ transmit: consuming Transmit, from index: Int) {
        let source = nodes[index].core.address
        if now >= scenario.warmup {
            messages += 1
            bytes += WireCodec.encodedSize(of: transmit.message)
        }
        census.countRequest(in: transmit.message.body)
        if status[index].behindNAT { nodes[index].natMappings[transmit.destination] = now }
        let destination = transmit.destination
        var message = (consume transmit).message
        if scenario.network.loss > 0 && streams.network.nextUnit() < scenario.network.loss {
            recycleContacts(of: &message)
            return
        }
        let latency = scenario.network.latency.sample(using: &streams.network)
        let datagram = Datagram(message: message, source: source, destination: destination, senderHint: internedSelf(of: index))
        let slot: UInt32
        if let free = freeDatagramSlots.popLast() {
            slot = free
            datagrams[Int(slot)] = datagram
        } else {
            slot = UInt32(datagrams.count)
            datagrams.append(datagram)
        }
        queue.schedule(.deliver, at: now + latency, node: owner(of: destination) ?? -1, detail: slot)
    }

    /// The node's own contact, interned again only after its address changed.
    private func internedSelf(of index: Int) -> ContactDirectory.Interned {
        let contact = Contact(id: nodes[index].core.id, address: nodes[index].core.address)
        if let known = nodes[index].internedSelf, known.contact == contact { return known }
        let fresh = contacts.interned(contact)
        nodes[index].internedSelf = fresh
        return fresh
    }

    /// `index`: the owner of the destination address (fixed, as addresses are never reused); -1 for none.
    private func deliver(slot: UInt32, to index: Int) {
        guard var datagram = datagrams[Int(slot)].take() else { return }
        freeDatagramSlots.append(slot)
        defer { recycleContacts(of: &datagram.message) }
        guard index >= 0, status[index].isOnline,
              nodes[index].core.address == datagram.destination else { return }
        if let sender = owner(of: datagram.source), partitionSides[sender] != partitionSides[index] { return }
        if status[index].behindNAT {
            guard let opened = nodes[index].natMappings[datagram.source], now - opened <= Self.natMappingLifetime else { return }
        }
        if status[index].isHostile, intercept(datagram.message, from: datagram.source, at: index) { return }
        nodes[index].core.handle(datagram.message, from: datagram.source, senderHint: datagram.senderHint, now: now)
        afterInput(index)
    }

    /// Hands a delivered or lost answer's contact list back for the next answer to fill.
    private func recycleContacts(of message: inout Message) {
        guard case .response(.nodes(var contacts)) = message.body else { return }
        message.body = .response(.stored(false))
        buffers.recycle(contactList: &contacts)
    }
}
