// `load "file.csv"`: a file on disk to a table, with a report of what was wrong
// with it. Failures to open are diagnostics with a message per cause.

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

public enum CSVLoader {
    /// Bytes read and parsed at a time from a file (two chunks of 8 MB, one per core).
    static let fileBlockBytes = 16 << 20

    /// Reads a CSV file, from the column cache when it holds this file
    /// unchanged, else from the text (and then keeps it in the cache).
    public static func load(
        path: String, displayName: String, cancellation: Cancellation, cache: ColumnCache? = nil
    ) throws(Diagnostic) -> (Table, LoadReport) {
        try load(path: path, displayName: displayName, cancellation: cancellation, cache: cache, blockBytes: fileBlockBytes)
    }

    /// The same, with the block size given (tests read in tiny blocks) and,
    /// for tests, the most a gzip file may inflate to (else the memory budget).
    static func load(
        path: String, displayName: String, cancellation: Cancellation, cache: ColumnCache?, blockBytes: Int,
        gzipLimit: Int? = nil
    ) throws(Diagnostic) -> (Table, LoadReport) {
        var st = stat()
        guard stat(path, &st) == 0 else {
            throw failure(errno == ENOENT || errno == ENOTDIR ? .notFound : .notReadable(FileBytes.errorText(errno)), displayName: displayName)
        }
        if (st.st_mode & S_IFMT) == S_IFDIR { throw failure(.isDirectory, displayName: displayName) }
        // A device never ends (/dev/zero, /dev/urandom): read to the end, it fills memory.
        if (st.st_mode & S_IFMT) == S_IFCHR || (st.st_mode & S_IFMT) == S_IFBLK {
            throw failure(.notARegularFile, displayName: displayName)
        }
        guard (st.st_mode & S_IFMT) == S_IFREG else {
            // A pipe: read it all, then parse (never cached).
            return try loadWhole(path: path, displayName: displayName, cancellation: cancellation, gzipLimit: gzipLimit)
        }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw failure(.notReadable(FileBytes.errorText(errno)), displayName: displayName) }
        defer { close(fd) }
        guard let key = FileKey.of(fd: fd, path: ColumnCache.canonicalPath(path)) else {
            return try loadWhole(path: path, displayName: displayName, cancellation: cancellation, gzipLimit: gzipLimit)
        }
        if key.size == 0 {
            throw Diagnostic.emptyFile(displayName)
        }
        // A gzip file is cached like any other: the key is the compressed file's.
        let useCache = cache.map { key.size >= $0.minimumBytes } ?? false
        if useCache, let hit = cache!.lookup(key, displayName: displayName) { return hit }
        var magic: [UInt8] = [0, 0]
        let head = magic.withUnsafeMutableBytes({ CacheFormat.readFully(fd, $0.baseAddress!, count: 2, at: 0) })
        if head, (magic[0] == 0xFF && magic[1] == 0xFE) || (magic[0] == 0xFE && magic[1] == 0xFF) {
            return try loadWhole(path: path, displayName: displayName, cancellation: cancellation)  // UTF-16: converted whole
        }
        if head, magic[0] == 0x1F && magic[1] == 0x8B {
            let inflated = try inflateFile(fd: fd, key: key, displayName: displayName, cancellation: cancellation, limit: gzipLimit)
            return try inflated.withBytes { (bytes) throws(Diagnostic) in
                if CSVReader.isUTF16(bytes) {
                    return try CSVReader.read(bytes, fileName: displayName, cancellation: cancellation)
                }
                var input = MemoryInput(bytes)
                return try parseAndKeep(
                    &input, fd: fd, key: key, displayName: displayName, cancellation: cancellation,
                    cache: useCache ? cache : nil, spill: useCache ? cache!.startWriting(key) : nil, blockBytes: blockBytes)
            }
        }
        // Streamed into a cache file, a load holds a few blocks and the
        // dictionaries, not the file's columns: a file larger than the memory a
        // load may use is refused only when its columns would stay in memory
        // (and, streamed, the reader stops if a failed write leaves them there).
        let spill = useCache ? cache!.startWriting(key) : nil
        let budget = FileBytes.memoryBudget()
        if let limit = budget, bytesHeld(fileSize: key.size, streamed: spill != nil, blockBytes: blockBytes) > limit {
            spill?.discard()
            throw failure(.tooLarge(size: key.size, available: limit), displayName: displayName)
        }
        var input = FileInput(fd: fd, size: key.size, displayName: displayName)
        // A file that would not fit whole may not have one record (one line) of more than 256 MB.
        let windowLimit = budget.flatMap { key.size > $0 ? min($0, Self.longestStreamedRecord) : nil }
        return try parseAndKeep(
            &input, fd: fd, key: key, displayName: displayName, cancellation: cancellation,
            cache: useCache ? cache : nil, spill: spill, blockBytes: blockBytes,
            memoryLimit: spill == nil ? nil : budget, windowLimit: windowLimit)
    }

    /// The longest record read from a file larger than the memory a load may use.
    static let longestStreamedRecord = 256 << 20

    /// About the most memory a load of a file of `fileSize` bytes holds: the
    /// file's columns when they stay in memory; streamed into a cache file, the
    /// blocks in flight and the chunks' columns before they are written (four
    /// blocks: 64 MB for the usual 16 MB blocks), or the file if smaller.
    static func bytesHeld(fileSize: Int, streamed: Bool, blockBytes: Int) -> Int {
        streamed ? min(fileSize, 4 * blockBytes) : fileSize
    }

    /// Parses `input` (the file `key` describes, open as `fd`), keeping its
    /// columns in `cache` (through `spill`, a temporary file of it) when one is given.
    private static func parseAndKeep<I: CSVInput>(
        _ input: inout I, fd: Int32, key: FileKey, displayName: String, cancellation: Cancellation,
        cache: ColumnCache?, spill: SpillWriter?, blockBytes: Int, memoryLimit: Int? = nil, windowLimit: Int? = nil
    ) throws(Diagnostic) -> (Table, LoadReport) {
        var options = CSVReader.Options()
        options.blockBytes = blockBytes
        options.memoryLimit = memoryLimit
        options.windowLimit = windowLimit
        var parsed: CSVReader.Parsed
        do {
            parsed = try CSVReader.parse(&input, fileName: displayName, options: options, cancellation: cancellation, spill: spill)
        } catch {
            spill?.discard()
            throw error
        }
        if let cache, let spill, let stored = ColumnCache.finish(parsed, spill: spill) {
            let metadata = CacheMetadata(key: key, rows: parsed.rows, columns: stored, report: parsed.report)
            // Published only when the file did not change while it was read.
            if FileKey.of(fd: fd, path: key.path) == key, spill.publish(metadata) {
                cache.trim(keeping: spill.finalPath)
            } else {
                spill.discard()  // still readable through its open descriptor
            }
            let fallback = CacheFallback(csvPath: key.path, key: key, displayName: displayName, warnings: cache.warnings)
            return (ColumnCache.table(metadata, handle: spill.handle, fallback: fallback), parsed.report)
        }
        spill?.discard()
        guard let table = parsed.takeReadyTable(handle: spill?.handle) else {
            throw CSVReader.changedWhileReading(displayName)
        }
        return (table, parsed.report)
    }

    /// The whole file in memory, then parsed (pipes, devices, UTF-16; a
    /// gzip stream is inflated first).
    static func loadWhole(
        path: String, displayName: String, cancellation: Cancellation, gzipLimit: Int? = nil
    ) throws(Diagnostic) -> (Table, LoadReport) {
        let file: FileBytes
        do {
            file = try FileBytes(path: path, memoryLimit: FileBytes.memoryBudget(), cancellation: cancellation)
        } catch {
            throw failure(error, displayName: displayName)
        }
        if file.size == 0 {
            throw Diagnostic.emptyFile(displayName)
        }
        if Gzip.isGzip(file.bytes) {
            let inflated = try inflate(file.bytes, displayName: displayName, cancellation: cancellation, limit: gzipLimit)
            return try inflated.withBytes { (bytes) throws(Diagnostic) in
                try CSVReader.read(bytes, fileName: displayName, cancellation: cancellation)
            }
        }
        return try CSVReader.read(file.bytes, fileName: displayName, cancellation: cancellation)
    }

    /// The CSV file read again without the cache, if it is still the file
    /// `key` describes (used when a cache file is damaged after it was opened).
    static func reread(path: String, key: FileKey, displayName: String) -> Table? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        guard FileKey.of(fd: fd, path: key.path) == key else { return nil }
        var options = CSVReader.Options()
        options.blockBytes = fileBlockBytes
        var magic: [UInt8] = [0, 0]
        if magic.withUnsafeMutableBytes({ CacheFormat.readFully(fd, $0.baseAddress!, count: 2, at: 0) }),
            magic[0] == 0x1F, magic[1] == 0x8B
        {
            guard let inflated = try? inflateFile(fd: fd, key: key, displayName: displayName, cancellation: .never, limit: nil)
            else { return nil }
            return inflated.withBytes { bytes in
                var input = MemoryInput(bytes)
                guard
                    var parsed = try? CSVReader.parse(
                        &input, fileName: displayName, options: options, cancellation: .never, spill: nil)
                else { return nil }
                return parsed.takeReadyTable(handle: nil)
            }
        }
        var input = FileInput(fd: fd, size: key.size, displayName: displayName)
        guard var parsed = try? CSVReader.parse(&input, fileName: displayName, options: options, cancellation: .never, spill: nil)
        else { return nil }
        return parsed.takeReadyTable(handle: nil)
    }

    static func failure(_ error: FileBytes.Failure, displayName: String) -> Diagnostic {
        switch error {
        case .notFound:
            return Diagnostic(id: .fileNotFound, message: "no file at \(displayName)", span: nil)
        case .isDirectory:
            return Diagnostic(
                id: .fileIsFolder, message: "\(displayName) is a folder, not a file", span: nil,
                help: "name a .csv file inside it")
        case .notReadable(let why):
            return Diagnostic.fileUnreadable(displayName, why)
        case .tooLarge(let size, let available):
            return Diagnostic(
                id: .fileTooLarge,
                message: "\(displayName) is \(ByteSize.text(size)), more than the \(ByteSize.text(available)) of memory a load may use",
                span: nil, help: "load a smaller extract, or free memory and try again")
        case .notARegularFile:
            return Diagnostic(id: .fileUnreadable, message: "\(displayName) is not a regular file", span: nil)
        case .pipeWithoutWriter:
            return Diagnostic(
                id: .fileUnreadable,
                message: "\(displayName) is a named pipe and nothing wrote to it within a second: it was not read",
                span: nil, help: "load a file, or start the program that writes to the pipe first")
        case .cancelled:
            return .cancelled
        }
    }
}

enum ByteSize {
    static func text(_ bytes: Int) -> String {
        let units = ["bytes", "KB", "MB", "GB", "TB"]
        var v = Double(bytes)
        var u = 0
        while v >= 1024, u < units.count - 1 {
            v /= 1024
            u += 1
        }
        return u == 0 ? Messages.plural(bytes, "byte") : NumberText.fixed(v, decimals: v < 10 ? 1 : 0) + " " + units[u]
    }
}
