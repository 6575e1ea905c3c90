// The shipped datasets: found by listing the datasets folder at start-up (no
// file is parsed then), loaded on first use, and kept for the session. Their
// column names, for completion, come from the header line alone.

public final class DatasetCatalog: @unchecked Sendable {
    // @unchecked: used from one thread (the engine's); caches fill lazily.
    public struct Entry: Sendable {
        public var name: String
        public var csvPath: String
        public var metadataPath: String
    }

    public let directory: String
    public let entries: [String: Entry]
    private var tables: [String: Table] = [:]
    private var metadataCache: [String: DatasetMetadata] = [:]
    private var headerCache: [String: [String]] = [:]

    /// Lists `directory`; nil when it cannot be read.
    public init?(directory: String) {
        guard let names = Directory.list(directory) else { return nil }
        self.directory = directory
        var entries: [String: Entry] = [:]
        for file in names where file.hasSuffix(".csv") {
            let stem = String(file.dropLast(4))
            entries[stem] = Entry(
                name: stem, csvPath: directory + "/" + file, metadataPath: directory + "/" + stem + ".json")
        }
        self.entries = entries
    }

    public var names: [String] { entries.keys.sorted() }

    public func contains(_ name: String) -> Bool { entries[name] != nil }

    public func metadata(_ name: String) -> DatasetMetadata? {
        if let m = metadataCache[name] { return m }
        guard let entry = entries[name], let m = DatasetMetadata.read(path: entry.metadataPath) else { return nil }
        metadataCache[name] = m
        return m
    }

    /// The dataset's table, loaded (and cached) on first use.
    public func table(_ name: String, cancellation: Cancellation) throws(Diagnostic) -> Table {
        if let t = tables[name] { return t }
        guard let entry = entries[name] else {
            throw Diagnostic(id: "unknown-dataset", message: "no dataset named `\(name)`", span: nil)
        }
        var (table, _) = try CSVLoader.load(path: entry.csvPath, displayName: name, cancellation: cancellation)
        table.sources = [metadata(name)?.sourceNote(dataset: name) ?? SourceNote(dataset: name)]
        // Each column measures what the metadata says it does.
        let columns = metadata(name)?.columns ?? [:]
        table.columns = table.columns.map { c in
            guard let unit = columns[c.name]?.unit, unit != "text" else { return c }
            return c.measuring(unit)
        }
        tables[name] = table
        return table
    }

    /// Column names from the header line, without loading the file.
    public func columnNames(_ name: String) -> [String] {
        if let t = tables[name] { return t.columnNames }
        if let h = headerCache[name] { return h }
        guard let entry = entries[name] else { return [] }
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
        headerCache[name] = names
        return names
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
