// Helpers for the loader, catalog and number tests: reading CSV from bytes or
// files, the repository's paths (from this file's location), temporary folders,
// and cell values as comparable `Value`s.

import Testing

@testable import CasebookCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The checkout's paths (from the shared test support) and this target's fixtures.
enum DataPaths {
    static var root: String { Checkout.root }
    static var datasets: String { Checkout.datasets }
    static var fixtures: String { root + "/Tests/CasebookCoreTests/Fixtures/csv" }
    static var sharedSources: String { Checkout.sharedSources }

    static func parent(of path: String) -> String { Checkout.parent(of: path) }
}

enum CSVTest {
    /// Parses `text` as the bytes of a file.
    static func read(
        _ text: String, workers: Int = 1, delimiter: UInt8? = nil, fileName: String = "t.csv"
    ) throws(Diagnostic) -> (Table, LoadReport) {
        try read(bytes: Array(text.utf8), workers: workers, delimiter: delimiter, fileName: fileName)
    }

    static func read(
        bytes: [UInt8], workers: Int = 1, delimiter: UInt8? = nil, fileName: String = "t.csv", blockBytes: Int? = nil
    ) throws(Diagnostic) -> (Table, LoadReport) {
        var options = CSVReader.Options()
        options.workers = workers
        options.delimiter = delimiter
        options.blockBytes = blockBytes
        let file = FileBytes(bytes: bytes)
        return try CSVReader.read(file.bytes, fileName: fileName, options: options)
    }

    /// The diagnostic `read` throws, or nil when it succeeds.
    static func failure(_ text: String) -> Diagnostic? {
        do {
            _ = try read(text)
            return nil
        } catch {
            return error
        }
    }

    static func load(_ path: String, as name: String? = nil) throws(Diagnostic) -> (Table, LoadReport) {
        try CSVLoader.load(path: path, displayName: name ?? path, cancellation: .never)
    }

    static func loadFailure(_ path: String, as name: String? = nil) -> Diagnostic? {
        do {
            _ = try load(path, as: name)
            return nil
        } catch {
            return error
        }
    }
}

extension Table {
    /// Every cell of a column, as values (missing values with their reason).
    func values(_ name: String) -> [Value] {
        guard let c = column(named: name) else {
            Issue.record("no column `\(name)` in \(columnNames)")
            return []
        }
        return (0..<rowCount).map { c.value(at: $0) }
    }

    func type(of name: String) -> ColumnType? { column(named: name)?.type }

    /// Two tables hold the same names, types, missing reasons and values
    /// (text compared as strings, not dictionary codes). Returns the first
    /// difference, or nil.
    func firstDifference(from other: Table) -> String? {
        if columnNames != other.columnNames { return "names \(columnNames) vs \(other.columnNames)" }
        if rowCount != other.rowCount { return "rows \(rowCount) vs \(other.rowCount)" }
        for (a, b) in zip(columns, other.columns) {
            if a.type != b.type { return "`\(a.name)`: \(a.type) vs \(b.type)" }
            if a.count != rowCount || b.count != rowCount { return "`\(a.name)`: length \(a.count) vs \(b.count)" }
            for r in 0..<rowCount {
                let x = a.value(at: r), y = b.value(at: r)
                if x != y { return "`\(a.name)` row \(r): \(x) vs \(y)" }
            }
        }
        return nil
    }
}

/// Published text of a cell: numbers as the shortest text, markers as written.
func publishedText(_ v: Value) -> String {
    switch v {
    case .decimal(let d): return NumberText.shortest(d)
    default: return v.plainText
    }
}

/// A fresh empty folder under /tmp, removed by `remove()`.
struct TemporaryFolder {
    let path: String

    init() {
        var template = Array("/tmp/casebook-data-tests-XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        precondition(made != nil, "mkdtemp failed")
        path = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    func file(_ name: String) -> String { path + "/" + name }

    @discardableResult
    func write(_ name: String, bytes: [UInt8]) -> String {
        let p = file(name)
        guard let f = fopen(p, "wb") else {
            Issue.record("cannot write \(p)")
            return p
        }
        if !bytes.isEmpty { _ = bytes.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, f) } }
        fclose(f)
        return p
    }

    @discardableResult
    func write(_ name: String, _ text: String) -> String { write(name, bytes: Array(text.utf8)) }

    func remove() {
        for name in Directory.list(path) ?? [] {
            let p = file(name)
            if Directory.isDirectory(p) {
                for inner in Directory.list(p) ?? [] { unlink(p + "/" + inner) }
                rmdir(p)
            } else {
                unlink(p)
            }
        }
        rmdir(path)
    }
}

/// A small deterministic generator (SplitMix64), so that generated inputs are
/// the same on every run.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A CSV file in a fresh folder, read once into a column cache there (files
/// of every size cached), and the same text read in memory: for tests that
/// compare what a statement gives over the cached table with the table in memory.
struct CachedCSV {
    let folder = TemporaryFolder()
    let cache: ColumnCache
    let path: String
    let name: String
    let memory: Table

    init(_ text: String, name: String, blockBytes: Int = CSVLoader.fileBlockBytes) throws {
        self.name = name
        path = folder.write(name, text)
        var c = ColumnCache(directory: folder.file("cache"))
        c.minimumBytes = 0
        cache = c
        _ = try CSVLoader.load(path: path, displayName: name, cancellation: .never, cache: cache, blockBytes: blockBytes)
        memory = try CSVTest.read(text, fileName: name).0
    }

    func remove() { folder.remove() }

    /// The table opened from the cache again (nothing read from it yet).
    func cached() throws -> Table {
        let (t, _) = try CSVLoader.load(path: path, displayName: name, cancellation: .never, cache: cache)
        let deferred = t.columns.allSatisfy { $0.isDeferred }
        #expect(deferred, "read from the cache")
        return t
    }

    /// What `statement` prints with the table bound as `binding`, from the cache and from memory.
    func answers(_ statement: String, as binding: String) throws -> (cached: String, memory: String) {
        let fromCache = TestEngine(), inMemory = TestEngine()
        fromCache.workspace.bind(binding, try cached(), origin: "loaded")
        inMemory.workspace.bind(binding, memory, origin: "loaded")
        return (fromCache.run(statement), inMemory.run(statement))
    }

    /// The size of the cache file written for it.
    var cacheFileBytes: Int {
        let files = (Directory.list(cache.directory) ?? []).filter { $0.hasSuffix(ColumnCache.suffix) }
        var st = stat()
        guard let first = files.first, stat(cache.directory + "/" + first, &st) == 0 else { return -1 }
        return Int(st.st_size)
    }
}
