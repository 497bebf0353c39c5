// swift-tools-version:6.1
import PackageDescription

// Dependencies point one way: LakeCore <- formats, engine and adapters <- LakeRuntime (the one
// composition root) <- LakeCLI <- `lake`.
// Heavy dependencies live only in the module that needs them (AsyncHTTPClient in LakeAWS,
// GRDB in LakeEmbedded), so a change to the engine does not rebuild them.
let package = Package(
    name: "SwiftLake",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "lake", targets: ["lake"]),
        .library(name: "LakeCore", targets: ["LakeCore"]),
        .library(name: "LakeFormats", targets: ["LakeFormats"]),
        .library(name: "LakeEngine", targets: ["LakeEngine"]),
        .library(name: "LakeRuntime", targets: ["LakeRuntime"]),
        .library(name: "LakeHTTP", targets: ["LakeHTTP"]),
        .library(name: "LakeCLI", targets: ["LakeCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        // Only the HTTP module uses these; no default traits (swift-configuration is not needed).
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
    ],
    targets: [
        // Model, configuration types, errors, clock and the four ports. No third-party code
        // beyond swift-log.
        .target(
            name: "LakeCore",
            dependencies: [.product(name: "Logging", package: "swift-log")]
        ),
        // Reads lake.yaml (Yams) into LakeCore's configuration, validates it, imports DDK files.
        .target(
            name: "LakeYAML",
            dependencies: ["LakeCore", "LakeFormats", "LakeQuality", .product(name: "Yams", package: "Yams")]
        ),
        // zlib, for gzip pages (system library; zlib1g-dev is on every machine of this kind).
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
        .target(name: "CFileSync"),
        // CSV/JSON readers, schema inference, Parquet writer and reader, codecs. Stands alone.
        .target(name: "LakeFormats", dependencies: ["CZlib"]),
        // Filesystem object store and SQLite (GRDB) queues, Octagon and catalog. LakeFormats for
        // its JSON string escaper.
        .target(
            name: "LakeEmbedded",
            dependencies: [
                "LakeCore", "LakeFormats", "CFileSync",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // AWS Signature Version 4 and credentials: shared by the AWS adapters and the AMC client.
        .target(
            name: "LakeSigV4",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")]
        ),
        // S3, SQS, DynamoDB, Glue and SSM over SigV4-signed AsyncHTTPClient calls.
        .target(
            name: "LakeAWS",
            dependencies: [
                "LakeCore", "LakeSigV4",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The SDLF flow: catalog step, routing, stage A, stage B, transforms. Depends on ports only.
        .target(
            name: "LakeEngine",
            dependencies: [
                "LakeCore", "LakeFormats", "LakeQuality",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
            ]
        ),
        // The workflow manager's logic (AMC WFM/TPS): dynamic time expressions, schedule
        // expressions, backfill windows. Ports only, no adapters.
        .target(name: "LakeWorkflows", dependencies: ["LakeCore", "LakeEngine", .product(name: "Logging", package: "swift-log")]),
        // The AMC API client (the workflow manager's target API port) over AsyncHTTPClient, with
        // SigV4 (execute-api) from LakeAWS.
        .target(
            name: "LakeAMC",
            dependencies: [
                "LakeCore", "LakeWorkflows", "LakeSigV4",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
        // Data quality: DQDL rules, analyzers computed in one pass over Parquet, anomaly
        // detection, profiles and suggestions. Ports only.
        .target(name: "LakeQuality", dependencies: ["LakeCore", "LakeFormats"]),
        // Port contract suites, run by every adapter's tests.
        .target(name: "LakeContracts", dependencies: ["LakeCore"]),
        // The one composition root: opens a lake on either backend with the registries it is
        // given, and the use cases and read models the CLI (and the HTTP API) share. The only
        // module that imports the adapters.
        .target(
            name: "LakeRuntime",
            dependencies: [
                "LakeCore", "LakeYAML", "LakeFormats", "LakeEngine", "LakeEmbedded", "LakeAWS", "LakeSigV4", "LakeWorkflows", "LakeAMC",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
        // The HTTP server (Hummingbird): the JSON API, the dashboard and /metrics, every route a
        // runtime use case. Only it and the CLI import LakeRuntime.
        .target(
            name: "LakeHTTP",
            dependencies: [
                "LakeCore", "LakeEngine", "LakeFormats", "LakeRuntime",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The command-line interface: argument parsing and rendering over LakeRuntime.
        .target(
            name: "LakeCLI",
            dependencies: [
                "LakeCore", "LakeYAML", "LakeFormats", "LakeEngine", "LakeRuntime", "LakeHTTP", "LakeWorkflows", "LakeAMCSimulator", "LakeQuality",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .executableTarget(name: "lake", dependencies: ["LakeCLI"]),
        // A custom `lake` binary with a transform and a pipeline kind of its own: the extension example.
        .executableTarget(
            name: "lake-example",
            dependencies: ["LakeCLI", "LakeRuntime", "LakeEngine", "LakeCore"],
            path: "Examples/Extensions"
        ),

        // Helpers the test targets share (running python3, the AWS CLI and other programs).
        .target(name: "LakeTestSupport", dependencies: ["LakeCore"], path: "Tests/LakeTestSupport"),
        .testTarget(name: "LakeCoreTests", dependencies: ["LakeCore"]),
        .testTarget(name: "LakeYAMLTests", dependencies: ["LakeYAML", "LakeCore"]),
        // Interop/ holds the Python scripts the tests run (read via #filePath, not as resources).
        .testTarget(name: "LakeFormatsTests", dependencies: ["LakeFormats", "LakeTestSupport"], exclude: ["Interop"]),
        .testTarget(name: "LakeEmbeddedTests", dependencies: ["LakeEmbedded", "LakeContracts", "LakeCore", "LakeTestSupport"]),
        .testTarget(name: "LakeAWSTests", dependencies: ["LakeAWS", "LakeSigV4", "LakeContracts", "LakeCore", "LakeTestSupport"]),
        .testTarget(
            name: "LakeEngineTests",
            dependencies: [
                "LakeEngine", "LakeEmbedded", "LakeRuntime", "LakeCore", "LakeFormats", "LakeYAML", "LakeTestSupport",
                .product(name: "MetricsTestKit", package: "swift-metrics"),
            ]
        ),
        // Scripts/ holds the Python checks the HTTP tests run (schemathesis, the dashboard in Chromium).
        .testTarget(
            name: "LakeCLITests",
            dependencies: ["LakeCore", "LakeTestSupport", .product(name: "AsyncHTTPClient", package: "async-http-client")],
            exclude: ["Scripts"]
        ),
        .testTarget(name: "LakeQualityTests", dependencies: ["LakeQuality", "LakeCore", "LakeFormats", "LakeTestSupport"]),
        .testTarget(name: "LakeWorkflowsTests", dependencies: ["LakeWorkflows", "LakeCore", "LakeEmbedded"]),
        // A local AMC API simulator (Hummingbird) for trying the workflow manager without an account.
        .target(name: "LakeAMCSimulator", dependencies: [.product(name: "Hummingbird", package: "hummingbird"), .product(name: "Logging", package: "swift-log"), .product(name: "ServiceLifecycle", package: "swift-service-lifecycle")]),
        .testTarget(name: "LakeAMCSimulatorTests", dependencies: ["LakeAMCSimulator", .product(name: "AsyncHTTPClient", package: "async-http-client")]),
    ],
    swiftLanguageModes: [.v6]
)
