// swift-tools-version: 6.1
// Casebook: an analysis notebook for the published data on English children's social care.
//
// Five targets, one direction of dependency:
//   CasebookCore  the language and the data (never touches the terminal or the process)
//   CZlib         the system's zlib, to read gzip-compressed CSV files (.csv.gz)
//   CXlsxWriter   the system's libxlsxwriter, to write Excel workbooks (.xlsx), loaded
//                 when the first is written (not at every start-up)
//   CLibEdit      non-variadic C wrappers around libedit (Swift cannot call el_set/el_get/history),
//                 loaded when the interactive shell opens its editor
//   casebook      the executable: flags, modes, terminal, signals and exit codes
import PackageDescription

let package = Package(
    name: "Casebook",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "casebook", targets: ["casebook"]),
        .library(name: "CasebookCore", targets: ["CasebookCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .target(name: "CasebookCore", dependencies: ["CZlib", "CXlsxWriter"]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .target(name: "CXlsxWriter"),
        .target(name: "CLibEdit"),
        .executableTarget(
            name: "casebook",
            dependencies: [
                "CasebookCore",
                "CLibEdit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // What every test target shares: where the checkout and ../shared are, and how to make an engine.
        .target(name: "CasebookTestSupport", dependencies: ["CasebookCore"], path: "Tests/CasebookTestSupport"),
        .testTarget(
            name: "CasebookCoreTests", dependencies: ["CasebookCore", "CasebookTestSupport", "CZlib"], exclude: ["Fixtures", "Scripts"]),
        .testTarget(name: "TranscriptTests", dependencies: ["CasebookCore", "CasebookTestSupport"], exclude: ["Transcripts"]),
        .testTarget(name: "casebookTests", dependencies: ["casebook", "CasebookCore", "CasebookTestSupport"], exclude: ["Scripts"]),
    ]
)
