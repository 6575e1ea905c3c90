// `load "file.csv.gz"`: a gzip file is recognised by its first two bytes
// (whatever its name), inflated in memory (Gzip.swift) and parsed like any CSV
// file; the column cache keeps it like any other, keyed on the compressed
// file. Its failures are diagnostics that say what is wrong with the file.

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension CSVLoader {
    /// The inflated bytes of the open gzip file `key` describes.
    static func inflateFile(
        fd: Int32, key: FileKey, displayName: String, cancellation: Cancellation, limit: Int?
    ) throws(Diagnostic) -> InflatedBytes {
        let compressed = UnsafeMutableRawBufferPointer.allocate(byteCount: max(key.size, 1), alignment: 16)
        defer { compressed.deallocate() }
        guard CacheFormat.readFully(fd, compressed.baseAddress!, count: key.size, at: 0) else {
            throw CSVReader.changedWhileReading(displayName)
        }
        let bytes = UnsafeBufferPointer(start: compressed.baseAddress!.assumingMemoryBound(to: UInt8.self), count: key.size)
        return try inflate(bytes, displayName: displayName, cancellation: cancellation, limit: limit)
    }

    /// Inflates gzip bytes, within `limit` (else the memory a load may use).
    static func inflate(
        _ bytes: UnsafeBufferPointer<UInt8>, displayName: String, cancellation: Cancellation, limit: Int?
    ) throws(Diagnostic) -> InflatedBytes {
        let most = limit ?? FileBytes.memoryBudget() ?? (8 << 30)
        do {
            return try Gzip.inflate(bytes, limit: most, cancellation: cancellation)
        } catch {
            throw gzipFailure(error, displayName: displayName)
        }
    }

    static func gzipFailure(_ error: Gzip.Failure, displayName: String) -> Diagnostic {
        let check = "check it with `gzip -t`, or fetch it again"
        switch error {
        case .damaged(let why):
            return Diagnostic(
                id: .gzipDamaged, message: "\(displayName) is a damaged gzip file: \(why)", span: nil, help: check)
        case .truncated:
            return Diagnostic(
                id: .gzipTruncated,
                message: "\(displayName) is a gzip file that ends before its compressed data does (cut short?)",
                span: nil, help: check)
        case .tooLarge(let limit):
            return Diagnostic(
                id: .fileTooLarge,
                message: "\(displayName) inflates to more than the \(ByteSize.text(limit)) of memory a load may use",
                span: nil, help: "load a smaller extract, or free memory and try again")
        case .cancelled:
            return Diagnostic.cancelled
        }
    }
}

extension CSVReader {
    /// A UTF-16 byte order mark (the reader converts such bytes whole).
    static func isUTF16(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        p.count >= 2 && ((p[0] == 0xFF && p[1] == 0xFE) || (p[0] == 0xFE && p[1] == 0xFF))
    }
}
