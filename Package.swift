// swift-tools-version: 6.2
import PackageDescription

/// Release builds of the libraries that scan bytes in hot loops skip the dynamic exclusivity checks on class
/// properties (`swift_beginAccess`: 12 % of a million-ticket diff). The static checks stay, and debug builds (every
/// test run) keep the dynamic ones.
let hotLoopSettings: [SwiftSetting] = [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]

let package = Package(
    name: "syncro-fusion",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "syncro-fusion", targets: ["syncro-fusion"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        // libxml2 through pkg-config; the shim works around two Swift 6 gotchas (see the header).
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        // libcrypto for SHA-256 only: its assembly uses the CPU's SHA instructions (see RecordFormats' SHA256).
        .systemLibrary(
            name: "CLibCrypto",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]
        ),
        // glibc's malloc_trim, which the Glibc module leaves out (part of libc: nothing to install or link).
        .systemLibrary(name: "CMalloc"),
        // The compiler's prefetch hint, for hash tables too large for the cache (header only, like CMalloc).
        .systemLibrary(name: "CPrefetch"),
        // JSON values, and (later) the CSV, JSON Lines and XML readers and writers.
        .target(
            name: "RecordFormats",
            dependencies: ["CLibXML2", "CLibCrypto", "CMalloc"],
            swiftSettings: hotLoopSettings
        ),
        // What each entity is: endpoint, permission, paging, filters, CSV columns and XML names (the entity catalog).
        .target(name: "SyncroCatalog", dependencies: ["RecordFormats"]),
        // The Syncro REST API: transport, rate limiter, retry, pagination, models and errors.
        .target(
            name: "SyncroAPI",
            dependencies: [
                "RecordFormats", "SyncroCatalog",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Export: entities to files, staging and de-duplication, incremental state, manifest.
        .target(
            name: "SyncroExport",
            dependencies: [
                "SyncroAPI", "SyncroCatalog", "RecordFormats",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: hotLoopSettings
        ),
        // The Support Fusion snapshot model.
        .target(
            name: "Snapshot",
            dependencies: ["RecordFormats", "CPrefetch"],
            swiftSettings: hotLoopSettings
        ),
        // Drift findings, plans and the apply engine.
        .target(
            name: "Reconcile",
            dependencies: [
                "Snapshot", "SyncroAPI", "SyncroCatalog", "SyncroExport", "RecordFormats",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: hotLoopSettings
        ),
        // The local Syncro API simulator.
        .target(
            name: "SyncroSimulator",
            dependencies: [
                "RecordFormats", "SyncroCatalog",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "syncro-fusion",
            dependencies: [
                "SyncroAPI", "SyncroCatalog", "SyncroSimulator", "RecordFormats", "Snapshot", "Reconcile",
                "SyncroExport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // `make bench`: load and throughput measurements against the simulator.
        .executableTarget(
            name: "syncro-fusion-bench",
            dependencies: [
                "SyncroAPI", "SyncroCatalog", "SyncroSimulator", "RecordFormats", "SyncroExport", "Snapshot",
                "Reconcile",
            ]
        ),
        // Helpers shared by the test targets: a running simulator, a client bound to it, a test clock.
        .target(
            name: "TestSupport",
            dependencies: ["SyncroAPI", "SyncroCatalog", "SyncroSimulator", "RecordFormats"]
        ),
        .testTarget(name: "RecordFormatsTests", dependencies: ["RecordFormats"]),
        .testTarget(
            name: "SyncroAPITests",
            dependencies: ["SyncroAPI", "SyncroCatalog", "TestSupport", "RecordFormats", "SyncroSimulator"]
        ),
        .testTarget(
            name: "SyncroSimulatorTests",
            dependencies: [
                "SyncroSimulator", "SyncroCatalog", "TestSupport", "RecordFormats", "SyncroAPI",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "SyncroExportTests",
            dependencies: [
                "SyncroExport", "SyncroCatalog", "SyncroAPI", "TestSupport", "RecordFormats", "SyncroSimulator",
            ]
        ),
        .testTarget(name: "SnapshotTests", dependencies: ["Snapshot", "RecordFormats"], exclude: ["Fixtures"]),
        .testTarget(
            name: "ReconcileTests",
            dependencies: [
                "Reconcile", "Snapshot", "SyncroExport", "SyncroCatalog", "SyncroAPI", "RecordFormats", "TestSupport",
                "SyncroSimulator",
            ]
        ),
        .testTarget(name: "EndToEndTests", dependencies: ["TestSupport", "RecordFormats"]),
    ],
    swiftLanguageModes: [.v6]
)
