// Casebook's loader and hot stages, timed on generated data in the shape of
// the shared benchmark's measures.csv: the CSV reader on bytes in memory, a
// load through the column cache, and statements over a table in memory.

import Benchmark
import CasebookCore

#if canImport(Glibc)
    import Glibc
#endif

/// `rows` rows of time_period, geographic_level, la_name, region_name, measure, value
/// (about 1% suppressed as `c`), deterministic.
func measuresCSV(rows: Int) -> [UInt8] {
    let regions = ["North East", "North West", "London", "South East", "South West", "East Midlands"]
    var out = "time_period,geographic_level,la_code,la_name,region_name,measure,value\n"
    var state: UInt64 = 20_240_613
    func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        return z ^ (z >> 31)
    }
    for r in 0..<rows {
        let la = 800 + r % 150
        let value = next() % 100 == 0 ? "c" : String(next() % 10_000)
        out += "\(201213 + (r / 150 % 12) * 101),Local authority,\(la),\"Authority \(la)\",\(regions[la % regions.count]),"
        out += "measure_\(r / 1800 % 100),\(value)\n"
    }
    return Array(out.utf8)
}

final class Discard: OutputSink {
    func output(_ text: String) { blackHole(text) }
    func diagnostic(_ text: String) { blackHole(text) }
    func info(_ text: String) {}
}

/// An engine with `m` bound to the table read from `csv`.
func engine(with csv: [UInt8]) -> Engine {
    let workspace = Workspace(catalog: nil)
    let (table, _) = try! csv.withUnsafeBufferPointer { try CSVReader.read($0, fileName: "m.csv") }
    workspace.bind("m", table, origin: "loaded")
    var settings = Settings()
    settings.format = .csv
    return Engine(workspace: workspace, settings: settings, sink: Discard(), baseDirectory: "/tmp", sessionsDirectory: "/tmp")
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .mallocCountTotal, .peakMemoryResident], maxDuration: .seconds(3), maxIterations: 50)

    let csv = measuresCSV(rows: 200_000)

    Benchmark("load: parse 200,000 rows in memory") { benchmark in
        for _ in benchmark.scaledIterations {
            csv.withUnsafeBufferPointer { blackHole(try? CSVReader.read($0, fileName: "m.csv")) }
        }
    }

    // A file on disk, read once into the cache; each iteration opens the cache.
    let folder = "/tmp/casebook-benchmarks"
    mkdir(folder, 0o700)
    let path = folder + "/m.csv"
    if let f = fopen(path, "wb") {
        _ = csv.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, f) }
        fclose(f)
    }
    var cache = ColumnCache(directory: folder + "/cache")
    cache.minimumBytes = 0
    _ = try? CSVLoader.load(path: path, displayName: "m.csv", cancellation: .never, cache: cache)
    Benchmark("load: open the column cache") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try? CSVLoader.load(path: path, displayName: "m.csv", cancellation: .never, cache: cache))
        }
    }

    let e = engine(with: csv)
    let statements = [
        ("where: three conditions and is_missing", "m | where geographic_level = \"Local authority\" and measure = \"measure_7\" and time_period = 201314 and not is_missing(value) | count"),
        ("summarise: mean, median, min, max by two keys", "m | summarise mean(value), median(value), min(value), max(value) by region_name, measure"),
        ("sort: two keys, take 10", "m | sort value desc, la_code | take 10"),
        ("change: lag by authority", "m | where measure = \"measure_3\" | change value over time_period by la_code | count"),
        ("join: with itself on two keys", "m | where measure = \"measure_1\" | join (m | where measure = \"measure_2\" | select la_code, time_period, other = value) on la_code, time_period | count"),
    ]
    for (name, statement) in statements {
        Benchmark(name) { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(e.run(SourceText(name: "<benchmark>", text: statement)))
            }
        }
    }
}
