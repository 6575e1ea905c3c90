// swift-tools-version: 6.1
// Fuzz targets for Casebook, built apart from the main package so that its
// `swift build` and `swift test` never build them. Each executable is a
// libFuzzer target; build and run them with Fuzz/run.sh, which passes
// `-sanitize=fuzzer,address` to every module (CasebookCore included, so that
// the fuzzer sees its coverage):
//
//   swift build -c release --product FuzzParser -Xswiftc -sanitize=fuzzer,address
//
//   FuzzParser     lexer, statement splitter and parser on arbitrary bytes
//   FuzzCSV        CSVReader.read on arbitrary bytes: one worker, two, small blocks
//   FuzzSession    SessionFile.statements and SessionCheck.compare on arbitrary bytes
//   FuzzEvaluator  queries generated from the grammar, run by an Engine over small tables
import PackageDescription

let fuzzDependencies: [Target.Dependency] = ["FuzzKit", .product(name: "CasebookCore", package: "Casebook")]

// gold fails to link libFuzzer into a Swift executable on Linux (an internal
// error); lld links it.
let fuzzLinker: [LinkerSetting] = [.unsafeFlags(["-use-ld=lld"])]

let package = Package(
    name: "CasebookFuzz",
    dependencies: [
        .package(name: "Casebook", path: ".."),
    ],
    targets: [
        .target(name: "CLibFuzzer"),
        .target(name: "FuzzKit", dependencies: ["CLibFuzzer", .product(name: "CasebookCore", package: "Casebook")]),
        .executableTarget(name: "FuzzParser", dependencies: fuzzDependencies, linkerSettings: fuzzLinker),
        .executableTarget(name: "FuzzCSV", dependencies: fuzzDependencies, linkerSettings: fuzzLinker),
        .executableTarget(name: "FuzzSession", dependencies: fuzzDependencies, linkerSettings: fuzzLinker),
        .executableTarget(name: "FuzzEvaluator", dependencies: fuzzDependencies, linkerSettings: fuzzLinker),
    ]
)
