// gzip-compressed files (RFC 1952), inflated in memory with the system's zlib.
//
// A .csv.gz file is inflated whole before it is parsed, like a pipe's bytes:
// the reader reads some ranges twice (a column that turns out to hold text),
// which a gzip stream cannot seek to. What that costs is bounded: inflating
// stops with a clear refusal once the output passes the memory a load may use
// (a small file can inflate to gigabytes), and it checks for Ctrl-C as it goes.
//
// Every member of a multi-member file (`cat a.gz b.gz`) is read, as gzip does;
// zero bytes after the last member are ignored, as gzip does; anything else
// that is not gzip, a wrong checksum, or data that ends early is an error.

import CZlib

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

enum Gzip {
    enum Failure: Error, Equatable {
        /// zlib's reason: a bad header, a wrong checksum, corrupt data, trailing bytes.
        case damaged(String)
        /// The compressed data ends before the stream does.
        case truncated
        /// The inflated bytes would pass `limit`.
        case tooLarge(limit: Int)
        case cancelled
    }

    /// gzip's two magic bytes.
    static func isGzip(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        p.count >= 2 && p[0] == 0x1F && p[1] == 0x8B
    }

    /// Inflates every member of `input`. With `prefix`, stops once that many
    /// bytes are out (a header read) and returns what there is, damaged or not.
    static func inflate(
        _ input: UnsafeBufferPointer<UInt8>, limit: Int, prefix: Int? = nil, cancellation: Cancellation = .never
    ) throws(Failure) -> InflatedBytes {
        let out = InflatedBytes(capacity: initialCapacity(input, limit: limit, prefix: prefix))
        var stream = z_stream()
        guard inflateInit2_(&stream, 15 + 16, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw .damaged("zlib could not start")
        }
        defer { inflateEnd(&stream) }
        var consumed = 0  // input bytes handed to zlib so far
        var sinceCheck = 0
        while true {
            if stream.avail_in == 0 && consumed < input.count {
                let n = min(input.count - consumed, 1 << 30)
                stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress! + consumed)
                stream.avail_in = UInt32(n)
                consumed += n
            }
            if let prefix, out.count >= prefix { return out }
            if out.count == out.capacity {
                guard out.count < limit else { throw .tooLarge(limit: limit) }
                guard out.grow(to: min(limit, max(out.capacity * 2, 1 << 16))) else { throw .tooLarge(limit: limit) }
            }
            let room = min(out.capacity - out.count, 1 << 30)
            stream.next_out = out.base + out.count
            stream.avail_out = UInt32(room)
            let status = CZlib.inflate(&stream, Z_NO_FLUSH)
            let produced = room - Int(stream.avail_out)
            out.count += produced
            sinceCheck += produced
            if sinceCheck >= 16 << 20 {
                sinceCheck = 0
                if cancellation.cancelled { throw .cancelled }
            }
            switch status {
            case Z_OK:
                continue
            case Z_STREAM_END:
                // The member ended: another may follow.
                let rest = UnsafeBufferPointer(
                    start: UnsafePointer(stream.next_in), count: Int(stream.avail_in) + (input.count - consumed))
                if rest.isEmpty || rest.allSatisfy({ $0 == 0 }) { return out }
                guard isGzip(rest) else { return try partial(out, .damaged("it has bytes after the end of its compressed data")) }
                guard inflateReset(&stream) == Z_OK else { return try partial(out, .damaged("zlib could not read the next member")) }
            case Z_BUF_ERROR:
                // No progress was possible: there is room for output, so the input ran out.
                return try partial(out, .truncated)
            case Z_DATA_ERROR, Z_NEED_DICT:
                return try partial(out, .damaged(stream.msg.map { String(cString: $0) } ?? "its compressed data is corrupt"))
            case Z_MEM_ERROR:
                throw .tooLarge(limit: out.count)
            default:
                return try partial(out, .damaged("zlib error \(status)"))
            }
        }

        /// A header read keeps what came out before the damage; a whole read fails.
        func partial(_ out: InflatedBytes, _ failure: Failure) throws(Failure) -> InflatedBytes {
            if prefix != nil { return out }
            throw failure
        }
    }

    /// The trailer's ISIZE (the inflated size modulo 2^32 of the last member)
    /// is a good first guess for one member; never more than `limit`.
    private static func initialCapacity(_ input: UnsafeBufferPointer<UInt8>, limit: Int, prefix: Int?) -> Int {
        if let prefix { return min(limit, prefix + (1 << 16)) }
        var guess = input.count * 4
        if input.count >= 18 {
            let n = input.count
            let isize = Int(input[n - 4]) | Int(input[n - 3]) << 8 | Int(input[n - 2]) << 16 | Int(input[n - 1]) << 24
            if isize >= input.count { guess = isize + 1 }  // +1: the last call sees that the stream ended
        }
        return max(1 << 16, min(limit, guess))
    }
}

/// Inflated bytes in a buffer of their own, freed with this object.
final class InflatedBytes: @unchecked Sendable {
    // @unchecked: written while inflating, only read after.
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var capacity: Int
    var count = 0

    init(capacity: Int) {
        self.capacity = max(capacity, 1)
        base = malloc(self.capacity)!.assumingMemoryBound(to: UInt8.self)
    }

    deinit { free(base) }

    /// False when the memory cannot be had.
    func grow(to newCapacity: Int) -> Bool {
        guard newCapacity > capacity, let p = realloc(base, newCapacity) else { return false }
        base = p.assumingMemoryBound(to: UInt8.self)
        capacity = newCapacity
        return true
    }

    /// The bytes, valid while `body` runs (the buffer lives as long as this
    /// object, which a caller of a method keeps alive for the call; a pointer
    /// taken out of it could outlive the object).
    func withBytes<R, E: Error>(_ body: (UnsafeBufferPointer<UInt8>) throws(E) -> R) throws(E) -> R {
        try body(UnsafeBufferPointer(start: base, count: count))
    }
}
