// swift-tools-version: 6.2
//
// gaitlive: a terminal console for 2D running-gait analysis with two V4L2 cameras.
// Dependencies point one way (docs/architecture.md): gaitlive -> ReviewTUI -> LivePipeline,
// OfflineAnalysis -> SessionStore -> CaptureKit -> MarkerTracker; RunnerSimulation (the simulated
// and replayed runners) sits beside them and only gaitlive and the tests use it.
import PackageDescription

/// Settings shared by every Swift target (the swift-log set: Swift 6 mode, explicit imports).
let strictSettings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

/// Release-level optimisation for the pure tracking core even in debug builds would hide bugs;
/// instead the benchmarks build with `-c release`. Tests run in debug.
let package = Package(
    name: "gaitlive",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "gaitlive", targets: ["gaitlive"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CV4L2",
            pkgConfig: "libv4l2",
            providers: [.apt(["libv4l-dev"])]
        ),
        .systemLibrary(
            name: "CNCursesW",
            pkgConfig: "ncursesw",
            providers: [.apt(["libncursesw5-dev"])]
        ),
        .systemLibrary(name: "CLinux"),
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .systemLibrary(
            name: "CTurboJPEG",
            pkgConfig: "libturbojpeg",
            providers: [.apt(["libturbojpeg0-dev"])]
        ),
        // No pkgConfig: sqlite3.pc's cflags (-D_DEFAULT_SOURCE...) are flags SwiftPM refuses;
        // the header is in the default include path (scripts/ensure-deps installs libsqlite3-dev).
        .systemLibrary(name: "CSQLite"),
        .target(
            name: "MarkerTracker",
            swiftSettings: strictSettings + [.strictMemorySafety()]
        ),
        .target(
            name: "CaptureKit",
            dependencies: ["MarkerTracker", "CV4L2", "CLinux"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "SessionStore",
            dependencies: ["CaptureKit", "MarkerTracker", "CTurboJPEG", "CSQLite"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "RunnerSimulation",
            dependencies: ["CaptureKit", "SessionStore", "MarkerTracker"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "LivePipeline",
            dependencies: ["CaptureKit", "SessionStore", "MarkerTracker"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "OfflineAnalysis",
            dependencies: ["CaptureKit", "SessionStore", "MarkerTracker", "CZlib"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "ReviewTUI",
            dependencies: ["LivePipeline", "OfflineAnalysis", "SessionStore", "CaptureKit", "MarkerTracker",
                           "CNCursesW", "CLinux"],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "gaitlive",
            dependencies: [
                "ReviewTUI", "LivePipeline", "OfflineAnalysis", "RunnerSimulation", "SessionStore", "CaptureKit",
                "MarkerTracker", "CLinux",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "MarkerTrackerTests",
            dependencies: ["MarkerTracker"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "CaptureKitTests",
            dependencies: ["CaptureKit", "SessionStore", "RunnerSimulation", "LivePipeline", "OfflineAnalysis",
                           "MarkerTracker"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "ReviewTUITests",
            dependencies: ["ReviewTUI", "LivePipeline", "OfflineAnalysis", "RunnerSimulation", "SessionStore",
                           "CaptureKit", "MarkerTracker"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "GaitliveEndToEndTests",
            dependencies: ["SessionStore", "RunnerSimulation", "OfflineAnalysis", "CaptureKit", "MarkerTracker"],
            swiftSettings: strictSettings
        ),
    ]
)
