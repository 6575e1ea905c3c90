// Where the CSV reader puts a column's values while it reads a file, one
// segment per chunk of rows: in memory, or, when the file is being cached,
// straight into the cache file (so a file far larger than memory can be
// read with a few chunks in memory at a time). At the end the columns become
// ordinary arrays, or columns that are read from the cache file when a
// statement first uses them.

import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An open cache file (being written, or published), read with pread. The
/// descriptor stays open while any column needs it: a newer cache file put in
/// its place by rename, or its removal, does not change what it reads.
final class CacheFileHandle: Sendable {
    let fd: Int32

    init(fd: Int32) { self.fd = fd }

    deinit { close(fd) }

    /// The segment's values and missing bytes, checked against their checksums; nil if damaged.
    func read(_ segment: StoredSegment) -> (values: Segment.Values, mask: [UInt8]?)? {
        var mask: [UInt8]? = nil
        if let m = segment.mask {
            guard let bytes: [UInt8] = readArray(m, count: segment.rows) else { return nil }
            mask = bytes
        }
        let values: Segment.Values
        switch segment.kind {
        case .integer:
            guard let v: [Int64] = unpacked(segment, as: .integer, mask: mask) else { return nil }
            values = .integers(v)
        case .decimal:
            guard let v: [Double] = unpacked(segment, as: .decimal, mask: mask) else { return nil }
            values = .decimals(v)
        case .text:
            guard let v: [UInt32] = unpacked(segment, as: .text, mask: mask) else { return nil }
            values = .codes(v)
        }
        return (values, mask)
    }

    /// A segment's values as an array of `T` (Int64 for .integer, Double for
    /// .decimal, UInt32 codes for .text), unpacked; nil if damaged.
    func unpacked<T: BitwiseCopyable>(_ segment: StoredSegment, as target: StoredSegment.Kind, mask: [UInt8]?) -> [T]? {
        guard MemoryLayout<T>.stride == target.width else { return nil }
        var ok = false
        let array = [T](uninitializedCount: segment.rows) { buffer, count in
            if let base = buffer.baseAddress {
                ok = mask.withOptionalBuffer { m in readValues(segment, into: UnsafeMutableRawPointer(base), as: target, mask: m) }
            } else {
                ok = segment.data.length == 0
            }
            count = segment.rows  // plain bytes: whatever was read (checked) is a value
        }
        return ok ? array : nil
    }

    /// Reads a segment's values into `p` as Int64 (`target` .integer), Double
    /// (.decimal: whole numbers widened) or UInt32 codes (.text), unpacking
    /// packed ones (Packing); rows `mask` marks missing read as 0. False when
    /// the bytes are short, fail their checksum, or cannot be of that kind.
    func readValues(
        _ seg: StoredSegment, into p: UnsafeMutableRawPointer, as target: StoredSegment.Kind, mask: UnsafePointer<UInt8>?
    ) -> Bool {
        let n = seg.rows
        switch seg.packing {
        case .plain:
            if seg.kind == target { return readInto(p, seg.data) }
            guard seg.kind == .integer, target == .decimal, let ints: [Int64] = readArray(seg.data, count: n) else {
                return false
            }
            let d = p.assumingMemoryBound(to: Double.self)
            for k in 0..<n { d[k] = Double(ints[k]) }
            return true
        case .offset(let base, let width, let places):
            guard seg.kind == target || (seg.kind == .integer && target == .decimal),
                let packed: [UInt8] = readArray(seg.data, count: seg.data.length)
            else { return false }
            let scale = NumberText.power10(places)
            if target == .text && !Self.codesFit(base: base, width: width) { return false }
            return packed.withUnsafeBytes { raw -> Bool in
                switch target {
                case .integer:
                    Self.unpack(raw, n, width, base, p.assumingMemoryBound(to: Int64.self), mask, zero: 0) { $0 }
                case .decimal where places == 0:
                    Self.unpack(raw, n, width, base, p.assumingMemoryBound(to: Double.self), mask, zero: 0) { Double($0) }
                case .decimal:
                    Self.unpack(raw, n, width, base, p.assumingMemoryBound(to: Double.self), mask, zero: 0) { Double($0) / scale }
                case .text:
                    Self.unpack(raw, n, width, base, p.assumingMemoryBound(to: UInt32.self), mask, zero: 0) {
                        UInt32(truncatingIfNeeded: $0)
                    }
                }
                return true
            }
        }
    }

    /// Adds a packed segment's present stored numbers (base + offset: whole
    /// numbers of 10^-d in a decimal segment) to their groups, `sums[id] +=
    /// stored` and `counts[id] += 1`, straight from the packed bytes; false
    /// when the segment is stored plain or its bytes are damaged.
    func sumPacked(
        _ seg: StoredSegment, mask: UnsafePointer<UInt8>?, ids: UnsafePointer<Int32>,
        sums: UnsafeMutablePointer<Int64>, counts: UnsafeMutablePointer<Int64>
    ) -> Bool {
        guard case .offset(let base, let width, _) = seg.packing, seg.kind != .text,
            let packed: [UInt8] = readArray(seg.data, count: seg.data.length), packed.count == seg.rows * width
        else { return false }
        let n = seg.rows
        // Four running sums per group, row k adding to lane k % 4: rows of one
        // group in a row then do not wait on each other's store.
        var groups = 0
        for k in 0..<n { groups = max(groups, Int(ids[k]) + 1) }
        var lanes = [Int64](repeating: 0, count: 4 * groups), laneCounts = lanes
        packed.withUnsafeBytes { raw in
            lanes.withUnsafeMutableBufferPointer { l in
                laneCounts.withUnsafeMutableBufferPointer { c in
                    func run<U: FixedWidthInteger & UnsignedInteger>(_: U.Type) {
                        let size = MemoryLayout<U>.size
                        for k in 0..<n {
                            if let mask, mask[k] != 0 { continue }
                            let slot = Int(ids[k]) &<< 2 | k & 3
                            l[slot] &+= Int64(U(littleEndian: raw.loadUnaligned(fromByteOffset: k * size, as: U.self)))
                            c[slot] &+= 1
                        }
                    }
                    switch width {
                    case 1: run(UInt8.self)
                    case 2: run(UInt16.self)
                    default: run(UInt32.self)
                    }
                }
            }
        }
        for i in 0..<groups {
            let count = laneCounts[4 * i] &+ laneCounts[4 * i + 1] &+ laneCounts[4 * i + 2] &+ laneCounts[4 * i + 3]
            sums[i] &+= (lanes[4 * i] &+ lanes[4 * i + 1] &+ lanes[4 * i + 2] &+ lanes[4 * i + 3]) &+ base &* count
            counts[i] &+= count
        }
        return true
    }

    /// The values of some rows of a segment (`rows`, numbered within it), as
    /// `unpacked` gives them but unpacking only those rows; nil if damaged.
    func picked<T: BitwiseCopyable>(_ seg: StoredSegment, as target: StoredSegment.Kind, rows: [Int], mask: [UInt8]?) -> [T]? {
        guard MemoryLayout<T>.stride == target.width, rows.allSatisfy({ $0 >= 0 && $0 < seg.rows }) else { return nil }
        guard case .offset(let base, let width, let places) = seg.packing else {
            guard let all: [T] = unpacked(seg, as: target, mask: mask) else { return nil }
            return rows.map { all[$0] }
        }
        guard seg.kind == target || (seg.kind == .integer && target == .decimal),
            let packed: [UInt8] = readArray(seg.data, count: seg.data.length)
        else { return nil }
        if target == .text && !Self.codesFit(base: base, width: width) { return nil }
        let scale = NumberText.power10(places)
        return packed.withUnsafeBytes { raw in
            rows.map { r -> T in
                let stored = mask == nil || mask![r] == 0 ? base &+ Self.storedNumber(raw, r, width) : 0
                switch target {
                case .integer: return unsafeBitCast(stored, to: T.self)
                case .decimal: return unsafeBitCast(places == 0 ? Double(stored) : Double(stored) / scale, to: T.self)
                case .text: return unsafeBitCast(UInt32(truncatingIfNeeded: stored), to: T.self)
                }
            }
        }
    }

    /// Packed codes stay within UInt32, whatever a (damaged) file's base says.
    static func codesFit(base: Int64, width: Int) -> Bool {
        base >= 0 && base <= Int64(UInt32.max) - ((1 << (8 * Int64(width))) - 1)
    }

    /// The k-th stored whole number of `width` bytes (one row; `unpack` reads many).
    @inline(__always)
    static func storedNumber(_ raw: UnsafeRawBufferPointer, _ k: Int, _ width: Int) -> Int64 {
        switch width {
        case 1: return Int64(raw[k])
        case 2: return Int64(UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: k * 2, as: UInt16.self)))
        default: return Int64(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: k * 4, as: UInt32.self)))
        }
    }

    /// out[k] = make(base + the k-th stored whole number of `width` bytes), or
    /// `zero` where the row is missing: one loop per width and mask, so that
    /// each is a plain loop the compiler can unroll.
    @inline(__always)
    private static func unpack<T>(
        _ raw: UnsafeRawBufferPointer, _ n: Int, _ width: Int, _ base: Int64, _ out: UnsafeMutablePointer<T>,
        _ mask: UnsafePointer<UInt8>?, zero: T, _ make: (Int64) -> T
    ) {
        func run<U: FixedWidthInteger & UnsignedInteger>(_: U.Type) {
            let size = MemoryLayout<U>.size
            if let mask {
                for k in 0..<n {
                    let u = U(littleEndian: raw.loadUnaligned(fromByteOffset: k * size, as: U.self))
                    out[k] = mask[k] == 0 ? make(base &+ Int64(u)) : zero
                }
            } else {
                for k in 0..<n {
                    out[k] = make(base &+ Int64(U(littleEndian: raw.loadUnaligned(fromByteOffset: k * size, as: U.self))))
                }
            }
        }
        switch width {
        case 1: run(UInt8.self)
        case 2: run(UInt16.self)
        default: run(UInt32.self)
        }
    }

    /// `count` values of a trivial type at `extent`, or nil when the bytes are
    /// short or fail their checksum.
    func readArray<T: BitwiseCopyable>(_ extent: Extent, count: Int) -> [T]? {
        guard extent.length == count * MemoryLayout<T>.stride else { return nil }
        var ok = false
        let array = [T](uninitializedCount: count) { buffer, initialized in
            if count > 0, let base = buffer.baseAddress {
                ok = readInto(UnsafeMutableRawPointer(base), extent)
            } else {
                ok = extent.length == 0
            }
            initialized = count  // plain bytes: whatever was read (checked below) is a value
        }
        return ok ? array : nil
    }

    /// Reads `extent` into `p` and checks it, piece by piece while the piece is in cache.
    func readInto(_ p: UnsafeMutableRawPointer, _ extent: Extent) -> Bool {
        guard CacheFormat.readFully(fd, p, count: extent.length, at: extent.offset) else { return false }
        return CacheFormat.checksum(UnsafeRawBufferPointer(start: p, count: extent.length)) == extent.checksum
    }

    /// A text column's dictionary: (entries + 1) offsets, then the bytes.
    func readDictionary(_ extent: Extent, entries: Int) -> [[UInt8]]? {
        guard let raw: [UInt8] = readArray(extent, count: extent.length) else { return nil }
        let tableBytes = (entries + 1) * 8
        guard raw.count >= tableBytes else { return nil }
        let body = raw.count - tableBytes
        var out: [[UInt8]] = []
        out.reserveCapacity(entries)
        return raw.withUnsafeBytes { p -> [[UInt8]]? in
            var previous = 0
            for i in 0...entries {
                let o = UInt64(littleEndian: p.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self))
                guard o <= UInt64(body), Int(o) >= previous, i > 0 || o == 0 else { return nil }
                if i > 0 { out.append(Array(p[(tableBytes + previous)..<(tableBytes + Int(o))])) }
                previous = Int(o)
            }
            return out
        }
    }
}

extension Optional where Wrapped == [UInt8] {
    /// The bytes' address for the length of `body` (nil when there are none).
    func withOptionalBuffer<R>(_ body: (UnsafePointer<UInt8>?) -> R) -> R {
        guard let bytes = self else { return body(nil) }
        return bytes.withUnsafeBufferPointer { body($0.baseAddress) }
    }
}

/// One column's values for a run of rows (one chunk of the file).
struct Segment {
    enum Values {
        case integers([Int64])
        case decimals([Double])
        case codes([UInt32])
    }

    var rows: Int
    var kind: StoredSegment.Kind
    /// In memory, until spilled to the cache file.
    var values: Values?
    var mask: [UInt8]?
    /// In the cache file, once spilled.
    var stored: StoredSegment?
    /// The chunk's bytes in the input (to read its fields again as text).
    var source: Range<Int>
}

/// A cache file being written: segments are appended as the reader makes
/// them, the metadata last, then it is renamed into place.
final class SpillWriter {
    let handle: CacheFileHandle
    let temporaryPath: String
    let finalPath: String
    private(set) var end = CacheFormat.headerSize
    /// A write failed (a full disk): nothing more is written, nothing published.
    private(set) var failed = false

    private init(handle: CacheFileHandle, temporaryPath: String, finalPath: String) {
        self.handle = handle
        self.temporaryPath = temporaryPath
        self.finalPath = finalPath
    }

    /// A new temporary file beside `finalPath`, or nil when it cannot be made.
    static func create(finalPath: String) -> SpillWriter? {
        let slash = finalPath.lastIndex(of: "/").map { String(finalPath[..<$0]) } ?? "."
        let base = finalPath.split(separator: "/").last.map(String.init) ?? "cache"
        for attempt in 0..<8 {
            let temporary = "\(slash)/.tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))-\(attempt)-\(base)"
            let fd = open(temporary, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            if fd >= 0 {
                let header = [UInt8](repeating: 0, count: CacheFormat.headerSize)
                let ok = header.withUnsafeBytes { CacheFormat.writeFully(fd, $0, at: 0) }
                if !ok {
                    close(fd)
                    unlink(temporary)
                    return nil
                }
                return SpillWriter(handle: CacheFileHandle(fd: fd), temporaryPath: temporary, finalPath: finalPath)
            }
            if errno != EEXIST { return nil }
        }
        return nil
    }

    /// Appends bytes; their extent, or nil (and `failed`) when the write fails.
    func append(_ p: UnsafeRawBufferPointer) -> Extent? {
        guard !failed else { return nil }
        guard CacheFormat.writeFully(handle.fd, p, at: end) else {
            failed = true
            return nil
        }
        let e = Extent(offset: end, length: p.count, checksum: CacheFormat.checksum(p))
        end += p.count
        return e
    }

    func append<T>(_ array: [T]) -> Extent? {
        array.withUnsafeBytes { append($0) }
    }

    /// Writes the metadata and the header and renames the file into place.
    func publish(_ metadata: CacheMetadata) -> Bool {
        guard !failed else { return false }
        let body = metadata.encoded()
        guard let m = body.withUnsafeBytes({ append($0) }) else { return false }
        let header = CacheHeader(metadata: m, fileLength: end).encoded()
        guard header.withUnsafeBytes({ CacheFormat.writeFully(handle.fd, $0, at: 0) }) else {
            failed = true
            return false
        }
        guard rename(temporaryPath, finalPath) == 0 else {
            failed = true
            return false
        }
        return true
    }

    /// Removes the temporary file (the open descriptor still reads it).
    func discard() {
        unlink(temporaryPath)
    }
}

/// One column as the reader accumulates it.
struct ColumnAccumulator {
    var name: String
    /// The widest type seen so far: whole numbers, then decimals, then text.
    var mode: ColumnBuilder.Mode = .integer
    var segments: [Segment] = []
    /// The column's distinct strings, in order of first appearance in the file.
    var dictionary = ByteDictionary()
    var sawNUL = false
    var sawDecimalComma = false

    init(name: String) { self.name = name }

    var type: ColumnType {
        switch mode {
        case .integer: return .integer
        case .decimal: return .decimal
        case .text: return .text
        }
    }
}

extension ColumnAccumulator {
    /// The strings of the dictionary as the table shows them: invalid UTF-8 as
    /// U+FFFD; with NUL bytes seen, every string loses them and strings that
    /// become equal share one code (`remap` is then old code → new code).
    static func strings(_ entries: [[UInt8]], stripNUL: Bool) -> (strings: [String], remap: [UInt32]?) {
        guard stripNUL else {
            let s = entries.map { String(decoding: $0, as: UTF8.self) }
            return (s.isEmpty ? [""] : s, nil)
        }
        var unique = ByteDictionary()
        var remap = [UInt32](repeating: 0, count: entries.count)
        for (i, e) in entries.enumerated() {
            let stripped = e.filter { $0 != 0 }
            var isNew = false
            remap[i] = stripped.withUnsafeBufferPointer { unique.code($0, 0, stripped.count, isNew: &isNew) }
        }
        let s = (0..<unique.count).map { String(decoding: unique.bytes(of: $0), as: UTF8.self) }
        return (s.isEmpty ? [""] : s, remap)
    }

    /// The dictionary's entries as byte arrays.
    func dictionaryEntries() -> [[UInt8]] {
        (0..<dictionary.count).map { Array(dictionary.bytes(of: $0)) }
    }

    /// The dictionary in the cache file's layout.
    func dictionaryBytes() -> [UInt8] {
        var w = BinaryWriter()
        var offset: UInt64 = 0
        w.u64(0)
        for i in 0..<dictionary.count {
            offset += UInt64(dictionary.bytes(of: i).count)
            w.u64(offset)
        }
        w.bytes.append(contentsOf: dictionary.arena)
        return w.bytes
    }
}

// MARK: - Making columns

enum ColumnAssembly {
    /// Joins segments into one array column (reading spilled ones back).
    /// nil when a spilled segment cannot be read back.
    static func column(
        name: String, type: ColumnType, rows: Int, segments: [Segment], handle: CacheFileHandle?,
        dictionary: () -> [[UInt8]]?, stripNUL: Bool
    ) -> Column? {
        var pieces: [(values: Segment.Values, mask: [UInt8]?, rows: Int)] = []
        pieces.reserveCapacity(segments.count)
        for s in segments {
            if let v = s.values {
                pieces.append((v, s.mask, s.rows))
            } else if let stored = s.stored, let handle, let read = handle.read(stored) {
                pieces.append((read.values, read.mask, s.rows))
            } else {
                return nil
            }
        }
        guard let made = join(type: type, rows: rows, pieces: pieces, dictionary: dictionary, stripNUL: stripNUL)
        else { return nil }
        return Column(name: name, data: made.data, missing: made.missing)
    }

    /// The values of the pieces in one array of the column's type (whole
    /// numbers widened in a decimal column); text codes checked against the dictionary.
    static func join(
        type: ColumnType, rows: Int, pieces: [(values: Segment.Values, mask: [UInt8]?, rows: Int)],
        dictionary: () -> [[UInt8]]?, stripNUL: Bool
    ) -> (data: ColumnData, missing: [UInt8]?)? {
        var mask: [UInt8]? = nil
        if pieces.contains(where: { $0.mask != nil }) {
            var m = [UInt8](repeating: 0, count: rows)
            var at = 0
            m.withUnsafeMutableBufferPointer { out in
                for p in pieces {
                    if let pm = p.mask {
                        pm.withUnsafeBufferPointer { src in
                            (out.baseAddress! + at).update(from: src.baseAddress!, count: p.rows)
                        }
                    }
                    at += p.rows
                }
            }
            mask = m
        }
        switch type {
        case .integer:
            var out = [Int64]()
            out.reserveCapacity(rows)
            for p in pieces {
                guard case .integers(let v) = p.values else { return nil }
                out.append(contentsOf: v)
            }
            return (.integer(out), mask)
        case .decimal:
            let out = [Double](uninitializedCount: rows) { buffer, count in
                var at = 0
                for p in pieces {
                    switch p.values {
                    case .decimals(let v):
                        v.withUnsafeBufferPointer { src in
                            (buffer.baseAddress! + at).initialize(from: src.baseAddress!, count: v.count)
                        }
                    case .integers(let v):
                        for (k, x) in v.enumerated() { (buffer.baseAddress! + at + k).initialize(to: Double(x)) }
                    case .codes(let v):
                        for k in 0..<v.count { (buffer.baseAddress! + at + k).initialize(to: 0) }
                    }
                    at += p.rows
                }
                count = rows
            }
            for p in pieces { if case .codes = p.values { return nil } }
            return (.decimal(out), mask)
        case .text:
            guard let entries = dictionary() else { return nil }
            let (strings, remap) = ColumnAccumulator.strings(entries, stripNUL: stripNUL)
            let limit = UInt32(max(entries.count, 1))
            var valid = true
            let out = [UInt32](uninitializedCount: rows) { buffer, count in
                var at = 0
                for p in pieces {
                    if case .codes(let v) = p.values {
                        v.withUnsafeBufferPointer { src in
                            var worst: UInt32 = 0
                            for k in 0..<src.count { worst = max(worst, src[k]) }
                            if worst >= limit { valid = false }
                            (buffer.baseAddress! + at).initialize(from: src.baseAddress!, count: src.count)
                        }
                    } else {
                        (buffer.baseAddress! + at).initialize(repeating: 0, count: p.rows)
                        valid = false
                    }
                    at += p.rows
                }
                count = rows
            }
            guard valid else { return nil }
            var codes = out
            if let remap, !remap.isEmpty {
                codes.withUnsafeMutableBufferPointer { c in
                    for k in 0..<c.count { c[k] = remap[Int(c[k])] }
                }
            }
            return (.text(codes: codes, dictionary: TextDictionary(strings)), mask)
        case .boolean:
            return nil
        }
    }
}

/// What a cached table does when its cache file turns out to be damaged
/// after it was opened (another program truncated or overwrote it): read
/// the CSV file again, if it is still the file the cache was made from;
/// otherwise give missing values and a warning. Never a crash.
final class CacheFallback: Sendable {
    let csvPath: String
    let key: FileKey
    let displayName: String
    private let state = Mutex<(table: Table?, failed: Bool)>((nil, false))

    /// Where a damaged column is reported: the cache's log, which the engine
    /// reads after each statement.
    private let warnings: CacheWarnings

    init(csvPath: String, key: FileKey, displayName: String, warnings: CacheWarnings) {
        self.csvPath = csvPath
        self.key = key
        self.displayName = displayName
        self.warnings = warnings
    }

    func column(_ index: Int, name: String, type: ColumnType, rows: Int) -> (data: ColumnData, missing: [UInt8]?) {
        let table: Table? = state.withLock { s in
            if let t = s.table { return t }
            if s.failed { return nil }
            let t = CSVLoader.reread(path: csvPath, key: key, displayName: displayName)
            if let t, t.rowCount == rows { s.table = t } else { s.failed = true }
            return s.table
        }
        if let table, index < table.columns.count, table.columns[index].name == name, table.columns[index].type == type {
            return table.columns[index].parts
        }
        warnings.post(
            "\(displayName): the cached copy of this file was damaged and the file has changed since it was loaded; `\(name)` reads as missing values: load it again")
        let filler = Column.constant(.missing(.undefined), name: name, count: rows, like: type)
        return filler.parts
    }
}

/// Warnings raised while a deferred column was being made (a damaged cache
/// file, found when a column is first read, perhaps long after its load). Each
/// column cache has its own log; the engine reads its workspace's after each
/// statement and shows them as that statement's warnings. Columns may be made
/// on either core, hence the lock.
final class CacheWarnings: Sendable {
    private let pending = Mutex<[String]>([])

    public init() {}

    func post(_ text: String) {
        pending.withLock { if !$0.contains(text) { $0.append(text) } }
    }

    /// The warnings posted since the last call, oldest first.
    func drain() -> [String] {
        pending.withLock { p in
            defer { p = [] }
            return p
        }
    }
}
