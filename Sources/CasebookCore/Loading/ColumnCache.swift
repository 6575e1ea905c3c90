// The column cache: after a CSV file is read, its typed columns are kept in a
// binary file (CacheFormat.swift) in the cache folder, so that loading the same
// unchanged file again reads only the columns a statement uses, straight into
// arrays, instead of parsing the text again.
//
// - Where: `$CASEBOOK_CACHE`, else `$XDG_CACHE_HOME/casebook`, else
//   `~/.cache/casebook` (the executable decides; the library is given a folder).
// - Which: one cache file per CSV path (the name is a hash of the absolute
//   path, symlinks resolved); it is used only when the file's size, modification
//   and change times, inode and device, and the cache's format and reader
//   versions, are all the same as when it was made.
// - Safety: written to a temporary file and renamed into place; read with
//   pread through a descriptor kept open (never mapped, so a cache file that
//   another program truncates cannot crash Casebook with SIGBUS); every
//   length, offset and checksum is checked; a damaged or stale cache file is
//   ignored without a word and the CSV file read again.
// - The load report (warnings with their line numbers) is kept in the cache
//   file and shown again when the cache is used.

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

public struct ColumnCache: Sendable {
    public var directory: String
    /// False: cache files are read but never written (safe mode).
    public var writes = true
    /// Files smaller than this are read from the CSV every time (it takes milliseconds).
    public var minimumBytes = 1 << 20
    /// When the folder holds more than this, the oldest cache files go.
    var maximumBytes = 8 << 30
    /// Columns of this cache's files found damaged when first read (ColumnStore.swift).
    let warnings = CacheWarnings()

    public init(directory: String) {
        self.directory = directory
    }

    /// `$CASEBOOK_CACHE`, else `$XDG_CACHE_HOME/casebook`, else `$HOME/.cache/casebook`.
    public static func defaultDirectory(environment: (String) -> String?) -> String? {
        if let d = environment("CASEBOOK_CACHE"), !d.isEmpty { return d }
        if let x = environment("XDG_CACHE_HOME"), x.hasPrefix("/") { return x + "/casebook" }
        if let h = environment("HOME"), !h.isEmpty { return h + "/.cache/casebook" }
        return nil
    }

    static let suffix = ".cbcols"

    /// The cache file for a CSV file's absolute path.
    func path(for csvPath: String) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in csvPath.utf8 { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        let hex = String(h, radix: 16)
        return directory + "/" + String(repeating: "0", count: 16 - hex.count) + hex + Self.suffix
    }

    /// The absolute path with symlinks resolved (the key of the cache).
    static func canonicalPath(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    // MARK: - Reading

    /// The table kept for `key`, its columns read on first use, with the
    /// report of the load that made it; nil when there is none or it does not
    /// match or is damaged.
    func lookup(_ key: FileKey, displayName: String) -> (Table, LoadReport)? {
        let fd = open(path(for: key.path), O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        let handle = CacheFileHandle(fd: fd)
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG, Int(st.st_size) >= CacheFormat.headerSize else {
            return nil
        }
        var headerBytes = [UInt8](repeating: 0, count: CacheFormat.headerSize)
        guard headerBytes.withUnsafeMutableBytes({ CacheFormat.readFully(fd, $0.baseAddress!, count: $0.count, at: 0) }),
            let header = CacheHeader.decode(headerBytes), header.fileLength == Int(st.st_size),
            header.metadata.length <= 1 << 30,
            let body: [UInt8] = handle.readArray(header.metadata, count: header.metadata.length),
            let metadata = CacheMetadata.decode(body, dataEnd: header.metadata.offset, fileName: displayName),
            metadata.key == key
        else { return nil }
        let fallback = CacheFallback(csvPath: key.path, key: key, displayName: displayName, warnings: self.warnings)
        return (Self.table(metadata, handle: handle, fallback: fallback), metadata.report)
    }

    /// A table whose columns are read from the cache file when first used.
    static func table(_ metadata: CacheMetadata, handle: CacheFileHandle, fallback: CacheFallback) -> Table {
        let columns = metadata.columns.enumerated().map { i, c in
            Column(
                name: c.name,
                deferred: DeferredColumn(
                    type: c.type, count: metadata.rows,
                    source: CachedColumnSource(handle: handle, column: c, index: i, rows: metadata.rows, fallback: fallback)))
        }
        return Table(columns: columns, rowCount: metadata.rows)
    }

    // MARK: - Writing

    /// A temporary cache file for `key`, or nil when the folder cannot be made
    /// or written (then the file is read without a cache, silently).
    func startWriting(_ key: FileKey) -> SpillWriter? {
        guard writes, Self.makeFolder(directory) else { return nil }
        return SpillWriter.create(finalPath: path(for: key.path))
    }

    /// Finishes a cache file: the dictionaries, the metadata, the rename.
    /// Returns the columns as stored (nil when something could not be written).
    static func finish(_ parsed: CSVReader.Parsed, spill: SpillWriter) -> [StoredColumn]? {
        guard parsed.allSpilled, !spill.failed else { return nil }
        var stored: [StoredColumn] = []
        for acc in parsed.columns {
            var c = StoredColumn(name: acc.name, type: acc.type, segments: acc.segments.map { $0.stored! })
            if acc.type == .text {
                guard let d = spill.append(acc.dictionaryBytes()) else { return nil }
                c.dictionary = d
                c.dictionaryEntries = acc.dictionary.count
                c.stripNUL = acc.sawNUL
            }
            stored.append(c)
        }
        return stored
    }

    /// Removes the oldest cache files while the folder holds more than
    /// `maximumBytes`, and temporary files left by a process that stopped
    /// (an hour old); never `keeping`.
    func trim(keeping: String) {
        guard let names = Directory.list(directory) else { return }
        var files: [(path: String, size: Int, modified: Int)] = []
        var total = 0
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        for name in names {
            let p = directory + "/" + name
            var st = stat()
            guard lstat(p, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { continue }
            if name.hasPrefix(".tmp-") {
                if Int(now.tv_sec) - Int(st.st_mtim.tv_sec) > 3600 { unlink(p) }
                continue
            }
            guard name.hasSuffix(Self.suffix) else { continue }
            files.append((p, Int(st.st_size), Int(st.st_mtim.tv_sec)))
            total += Int(st.st_size)
        }
        guard total > maximumBytes else { return }
        for f in files.sorted(by: { $0.modified < $1.modified }) where f.path != keeping {
            if total <= maximumBytes { break }
            if unlink(f.path) == 0 { total -= f.size }
        }
    }

    /// Makes the folder and its parents (0700: it holds copies of the user's data).
    static func makeFolder(_ path: String) -> Bool {
        if Directory.isDirectory(path) { return access(path, W_OK) == 0 }
        var current = path.hasPrefix("/") ? "" : "."
        for part in path.split(separator: "/") {
            current += "/" + part
            if !Directory.exists(current) && mkdir(current, 0o700) != 0 && errno != EEXIST { return false }
        }
        return Directory.isDirectory(path) && access(path, W_OK) == 0
    }
}
