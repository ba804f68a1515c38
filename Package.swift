// swift-tools-version: 6.0
import PackageDescription

// The simulator's inner loop mutates nodes held in a class; dynamic exclusivity checks there cost ~5% of a run
// and catch nothing the static checks and the tests don't.
let hotPathSettings: [SwiftSetting] = [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]

let package = Package(
    name: "kadsim",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "kadsim", targets: ["kadsim"]),
        .library(name: "KademliaCore", targets: ["KademliaCore"]),
        .library(name: "KademliaWire", targets: ["KademliaWire"]),
        .library(name: "KadSim", targets: ["KadSim"]),
        .library(name: "KadNode", targets: ["KadNode"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        // Sans-IO protocol engine: no sockets, no clocks, no system randomness.
        .target(
            name: "KademliaCore",
            dependencies: [
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "DequeModule", package: "swift-collections"),
                "CachePrefetch",
            ],
            swiftSettings: hotPathSettings
        ),
        // msgpack and rpcudp framing, byte-compatible with the Python kademlia library.
        .target(name: "KademliaWire", dependencies: ["KademliaCore"]),
        // Discrete-event simulator: virtual clock, network model, churn, workload, oracle.
        .target(
            name: "KadSim",
            dependencies: ["KademliaCore", "KademliaWire"],
            swiftSettings: hotPathSettings
        ),
        // SQLite results database.
        .target(
            name: "KadResults",
            dependencies: ["KadSim", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        // `kadsim report`: a results database as one self-contained HTML page with inline SVG charts.
        .target(name: "KadReport", dependencies: ["KadResults", "KadSim"]),
        // The chat's secure channel: the Noise XX handshake and its transport ciphers, sans-IO.
        .target(name: "KadChat", dependencies: ["KademliaCore", .product(name: "Crypto", package: "swift-crypto")]),
        // The same core on real UDP sockets.
        .target(
            name: "KadNode",
            dependencies: [
                "KademliaCore", "KademliaWire",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The chat on a real socket: presence in the signed store, sessions on the DHT node's socket.
        .target(
            name: "KadChatNode",
            dependencies: [
                "KadChat", "KadNode", "KademliaCore",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // A cache-line prefetch hint: the simulator starts loading the next event's node while it handles this one.
        .target(name: "CachePrefetch"),
        // Counts heap allocations by standing in for malloc; linked into the executable only (for `kadsim bench`).
        .target(name: "AllocationCounter"),
        .executableTarget(
            name: "kadsim",
            dependencies: [
                "KademliaCore", "KadSim", "KadResults", "KadReport", "KadNode", "KadChat", "KadChatNode", "AllocationCounter",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(name: "KademliaCoreTests", dependencies: ["KademliaCore"]),
        .testTarget(name: "KademliaWireTests", dependencies: ["KademliaWire"]),
        .testTarget(name: "KadSimTests", dependencies: ["KadSim", "KadResults"], exclude: ["Fixtures"]),
        .testTarget(name: "KadResultsTests", dependencies: ["KadResults"]),
        .testTarget(name: "KadReportTests", dependencies: ["KadReport", "KadResults"]),
        .testTarget(name: "KadChatTests", dependencies: ["KadChat", .product(name: "Crypto", package: "swift-crypto")], exclude: ["Fixtures"]),
        .testTarget(name: "KadNodeTests", dependencies: ["KadNode"], exclude: ["Python"]),
        .testTarget(name: "KadChatNodeTests", dependencies: ["KadChatNode", "KadChat", "KadNode"]),
    ]
)
