// swift-tools-version: 6.0
import PackageDescription

// The wire decoder under libFuzzer. A package of its own because it links libFuzzer: build and run it with
// `Fuzz/run` (which passes -sanitize=fuzzer), not with the main package's `swift build`.
let package = Package(
    name: "kadsim-fuzz",
    dependencies: [.package(name: "kadsim", path: "..")],
    targets: [
        .target(name: "FuzzerDriver"),
        .executableTarget(
            name: "WireDecoderFuzzer",
            dependencies: ["FuzzerDriver", .product(name: "KademliaWire", package: "kadsim")]
        ),
    ]
)
