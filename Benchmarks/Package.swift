// swift-tools-version: 6.1
// Micro-benchmarks of Casebook's loader and hot stages, with ordo-one's
// `benchmark` package. A package of its own, depending on Casebook by path,
// so that it stays out of `swift build`, `swift test` and CI.
//
//   cd Benchmarks && swift package benchmark            # run them all
//   swift package benchmark --filter "load.*"           # some
//
// The end-to-end comparison with DuckDB is bench/run.sh (see docs/benchmarks.md).
import PackageDescription

let package = Package(
    name: "CasebookBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "Casebook", path: ".."),
        .package(url: "https://github.com/ordo-one/package-benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "CasebookBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "package-benchmark"),
                .product(name: "CasebookCore", package: "Casebook"),
            ],
            path: "Benchmarks/CasebookBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        )
    ]
)
