import Synchronization

// The shipped datasets: found by listing the datasets folder at start-up (no
// file is parsed or inflated then), loaded on first use, and kept for the
// session. Their column names, for completion, come from the header line
// alone. A dataset is NAME.csv or, when large, gzip-compressed NAME.csv.gz
// (the plain file wins if both are there); either has its NAME.json.

public final class DatasetCatalog: Sendable {
    public struct Entry: Sendable {
        public var name: String
        var csvPath: String
        var metadataPath: String
    }

    public let directory: String
    public let entries: [String: Entry]
    /// The caches fill lazily, behind a lock: the engine uses a catalog from one
    /// thread, but completion, prefetching and tests may reach the same one from
    /// another, and a dictionary written from two threads is corrupted.
    private struct Caches {
        var tables: [String: Table] = [:]
        var metadata: [String: DatasetMetadata] = [:]
        var headers: [String: [String]] = [:]
    }
    private let caches = Mutex(Caches())

    /// Lists `directory`; nil when it cannot be read.
    public init?(directory: String) {
        guard let names = Directory.list(directory) else { return nil }
        self.directory = directory
        var entries: [String: Entry] = [:]
        for file in names {
            let stem: String
            if file.hasSuffix(".csv") {
                stem = String(file.dropLast(4))
            } else if file.hasSuffix(".csv.gz") {
                stem = String(file.dropLast(7))
                if entries[stem] != nil { continue }
            } else {
                continue
            }
            entries[stem] = Entry(
                name: stem, csvPath: directory + "/" + file, metadataPath: directory + "/" + stem + ".json")
        }
        self.entries = entries
    }

    public var names: [String] { entries.keys.sorted() }

    public func contains(_ name: String) -> Bool { entries[name] != nil }

    func metadata(_ name: String) -> DatasetMetadata? {
        if let m = caches.withLock({ $0.metadata[name] }) { return m }
        guard let entry = entries[name], let m = DatasetMetadata.read(path: entry.metadataPath) else { return nil }
        caches.withLock { $0.metadata[name] = m }
        return m
    }

    /// The dataset's table, loaded on first use and kept for the session;
    /// `cache` keeps the columns of a large one for the next session.
    public func table(_ name: String, cancellation: Cancellation, cache: ColumnCache? = nil) throws(Diagnostic) -> Table {
        if let t = caches.withLock({ $0.tables[name] }) { return t }
        guard let entry = entries[name] else {
            throw Diagnostic(id: .unknownDataset, message: "no dataset named `\(name)`", span: nil)
        }
        var (table, _) = try CSVLoader.load(
            path: entry.csvPath, displayName: name, cancellation: cancellation, cache: cache)
        table.sources = [metadata(name)?.sourceNote(dataset: name) ?? SourceNote(dataset: name)]
        // Each column measures what the metadata says it does.
        let columns = metadata(name)?.columns ?? [:]
        table.columns = table.columns.map { c in
            guard let unit = columns[c.name]?.unit, unit != "text" else { return c }
            return c.measuring(unit)
        }
        caches.withLock { $0.tables[name] = table }
        return table
    }

    /// The table if a statement has opened it already.
    func loadedTable(_ name: String) -> Table? { caches.withLock { $0.tables[name] } }

    /// Column names from the header line, without loading the file.
    public func columnNames(_ name: String) -> [String] {
        if let t = loadedTable(name) { return t.columnNames }
        if let h = caches.withLock({ $0.headers[name] }) { return h }
        guard let entry = entries[name] else { return [] }
        if entry.csvPath.hasSuffix(".gz") { return gzipColumnNames(name, path: entry.csvPath) }
        // The first 64 KB hold the header of any sensible file; read on only if not.
        guard let first = try? FileBytes(path: entry.csvPath, maxBytes: 1 << 16) else { return [] }
        var file = first
        var end = Self.headerEnd(file.bytes)
        if !file.isWhole, end >= file.size {
            guard let whole = try? FileBytes(path: entry.csvPath) else { return [] }
            file = whole
            end = Self.headerEnd(file.bytes)
        }
        let header = UnsafeBufferPointer(rebasing: file.bytes[0..<end])
        let names = (try? CSVReader.read(header, fileName: name))?.0.columnNames ?? []
        caches.withLock { $0.headers[name] = names }
        return names
    }

    /// The header of a gzip file: only as much is inflated as holds it.
    private func gzipColumnNames(_ name: String, path: String) -> [String] {
        // 16 KB of compressed bytes inflate to far more than a header line.
        for compressedBytes in [1 << 14, Int.max] {
            guard let file = try? FileBytes(path: path, maxBytes: compressedBytes == Int.max ? nil : compressedBytes),
                let start = try? Gzip.inflate(file.bytes, limit: 1 << 20, prefix: 1 << 16)
            else { return [] }
            let names: [String]? = start.withBytes { bytes in
                let end = Self.headerEnd(bytes)
                guard end < bytes.count || file.isWhole else { return nil }
                let header = UnsafeBufferPointer(rebasing: bytes[0..<end])
                return (try? CSVReader.read(header, fileName: name))?.0.columnNames ?? []
            }
            if let names {
                caches.withLock { $0.headers[name] = names }
                return names
            }
        }
        return []
    }

    /// Where the first record ends: after a BOM and blank lines, at its line
    /// end outside quotes (a quoted name may hold a line end).
    static func headerEnd(_ p: UnsafeBufferPointer<UInt8>) -> Int {
        var start = 0
        if p.count >= 3, p[0] == 0xEF, p[1] == 0xBB, p[2] == 0xBF { start = 3 }
        while start < p.count, p[start] == 0x0A || p[start] == 0x0D { start += 1 }
        guard start < p.count else { return p.count }
        var scanner = RecordScanner(
            p: p, delimiter: CSVReader.detectDelimiter(p, from: start), position: start, line: 1)
        scanner.readRecord { _, _, _ in }
        return scanner.position
    }
}
