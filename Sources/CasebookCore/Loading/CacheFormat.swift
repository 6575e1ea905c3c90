// The column cache's file format (see ColumnCache.swift for when it is used).
//
//   [0, 64)        header: magic, format version, where the metadata is, its
//                  length and checksum, the file's length, the header's own checksum
//   [64, …)        segments: one column's values for a run of rows (a chunk of
//                  the CSV), its missing-value bytes, and each text column's dictionary
//   [metadata, end) what the file holds: the CSV file it was made from (path,
//                  size, times, inode), the columns and their segments with a
//                  checksum of each and the range of its values (so a filter can
//                  pass over a segment that cannot match without reading it), and
//                  the load report (warnings with line numbers)
//
// Nothing in it is trusted: every length and offset is checked against the
// file, the metadata against its checksum, each segment against its checksum
// when it is read, and text codes against the dictionary's size. Little-endian
// throughout (the machines Casebook runs on).

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

enum CacheFormat {
    static let magic: [UInt8] = Array("CBCOLS01".utf8)
    /// Bump when the layout changes (2: each segment's range of values).
    static let version: UInt32 = 2
    /// Bump when the CSV reader would read a file differently (types, markers,
    /// the report): a cache made by an older reader is then ignored.
    static let readerVersion: UInt32 = 1
    static let headerSize = 64

    // MARK: - Checksum

    /// A 64-bit checksum of bytes: four independent multiply-xor lanes over
    /// 32-byte strides (about as fast as memory), each step a bijection of the
    /// lane, so any one changed word changes the result.
    static func checksum(_ p: UnsafeRawBufferPointer) -> UInt64 {
        let k: UInt64 = 0x9E37_79B9_7F4A_7C15
        var a: UInt64 = 0x243F_6A88_85A3_08D3, b: UInt64 = 0x1319_8A2E_0370_7344
        var c: UInt64 = 0xA409_3822_299F_31D0, d: UInt64 = 0x082E_FA98_EC4E_6C89
        let n = p.count
        var i = 0
        if n >= 32 {
            while i + 32 <= n {
                a = (a ^ p.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* k
                b = (b ^ p.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self)) &* k
                c = (c ^ p.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self)) &* k
                d = (d ^ p.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self)) &* k
                i += 32
            }
        }
        while i + 8 <= n {
            a = (a ^ p.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* k
            i += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < n {
            tail |= UInt64(p[i]) << shift
            shift += 8
            i += 1
        }
        b = (b ^ tail) &* k
        var h = a ^ rotate(b, 17) ^ rotate(c, 31) ^ rotate(d, 47) ^ UInt64(n)
        h ^= h >> 33
        h = h &* 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 33
        h = h &* 0xC4CE_B9FE_1A85_EC53
        h ^= h >> 33
        return h
    }

    @inline(__always)
    private static func rotate(_ x: UInt64, _ r: UInt64) -> UInt64 { (x << r) | (x >> (64 - r)) }

    static func checksum(_ bytes: [UInt8]) -> UInt64 {
        bytes.withUnsafeBytes { checksum($0) }
    }

    // MARK: - I/O helpers

    /// Reads exactly `count` bytes at `offset`; false on an error or a short file.
    static func readFully(_ fd: Int32, _ p: UnsafeMutableRawPointer, count: Int, at offset: Int) -> Bool {
        var done = 0
        while done < count {
            let r = pread(fd, p + done, min(count - done, 1 << 30), off_t(offset + done))
            if r < 0 {
                if errno == EINTR { continue }
                return false
            }
            if r == 0 { return false }
            done += r
        }
        return true
    }

    /// Writes all of `p` at `offset`; false on an error (a full disk, say).
    static func writeFully(_ fd: Int32, _ p: UnsafeRawBufferPointer, at offset: Int) -> Bool {
        guard let base = p.baseAddress else { return true }
        var done = 0
        while done < p.count {
            let r = pwrite(fd, base + done, min(p.count - done, 1 << 30), off_t(offset + done))
            if r < 0 {
                if errno == EINTR { continue }
                return false
            }
            if r == 0 { return false }
            done += r
        }
        return true
    }
}

/// Where some bytes are in a cache file, and their checksum.
struct Extent: Equatable, Sendable {
    var offset: Int
    var length: Int
    var checksum: UInt64
}

/// What identifies a CSV file's contents without reading them: a change to
/// the file changes its size, its modification or change time, or its inode.
struct FileKey: Equatable, Sendable {
    var path: String
    var size: Int
    var modified: Int64
    var changed: Int64
    var inode: UInt64
    var device: UInt64

    /// The key of an open file, or nil when it is not a regular file.
    static func of(fd: Int32, path: String) -> FileKey? {
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return nil }
        return FileKey(
            path: path, size: Int(st.st_size),
            modified: Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec),
            changed: Int64(st.st_ctim.tv_sec) * 1_000_000_000 + Int64(st.st_ctim.tv_nsec),
            inode: UInt64(st.st_ino), device: UInt64(st.st_dev))
    }
}

// MARK: - Metadata

/// Little-endian encoder for the metadata block.
struct BinaryWriter {
    var bytes: [UInt8] = []

    mutating func u8(_ v: UInt8) { bytes.append(v) }
    mutating func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) } }
    mutating func u64(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) } }
    mutating func i64(_ v: Int64) { u64(UInt64(bitPattern: v)) }
    mutating func int(_ v: Int) { i64(Int64(v)) }
    mutating func string(_ s: String) {
        let utf8 = Array(s.utf8)
        u32(UInt32(utf8.count))
        bytes.append(contentsOf: utf8)
    }
    mutating func extent(_ e: Extent) {
        int(e.offset)
        int(e.length)
        u64(e.checksum)
    }
}

/// Little-endian decoder that never reads past the end: every read is
/// optional, and a nil anywhere makes the whole metadata unreadable.
struct BinaryReader {
    let bytes: [UInt8]
    var position = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    mutating func u8() -> UInt8? {
        guard position < bytes.count else { return nil }
        defer { position += 1 }
        return bytes[position]
    }

    mutating func u32() -> UInt32? {
        guard position + 4 <= bytes.count else { return nil }
        defer { position += 4 }
        return bytes.withUnsafeBytes { UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: position, as: UInt32.self)) }
    }

    mutating func u64() -> UInt64? {
        guard position + 8 <= bytes.count else { return nil }
        defer { position += 8 }
        return bytes.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: position, as: UInt64.self)) }
    }

    mutating func i64() -> Int64? { u64().map { Int64(bitPattern: $0) } }

    /// A non-negative count or offset no larger than `limit`.
    mutating func int(max limit: Int = Int(Int32.max) << 16) -> Int? {
        guard let v = i64(), v >= 0, v <= Int64(limit) else { return nil }
        return Int(v)
    }

    mutating func string(max limit: Int = 1 << 20) -> String? {
        guard let n = u32(), Int(n) <= limit, position + Int(n) <= bytes.count else { return nil }
        defer { position += Int(n) }
        return String(decoding: bytes[position..<position + Int(n)], as: UTF8.self)
    }

    mutating func extent() -> Extent? {
        guard let o = int(), let l = int(), let c = u64() else { return nil }
        return Extent(offset: o, length: l, checksum: c)
    }
}

/// One column's values for a run of rows, as stored in a cache file.
struct StoredSegment: Equatable, Sendable {
    enum Kind: UInt8, Sendable {
        case integer = 0, decimal = 1, text = 2

        var width: Int { self == .text ? 4 : 8 }
    }

    var rows: Int
    var kind: Kind
    var data: Extent
    /// One byte per row, the missing reasons; nil when none is missing.
    var mask: Extent?
    /// The smallest and largest value present; nil when not known.
    var range: SegmentRange? = nil
    /// How the values are stored: as they are held, or packed to their width.
    var packing: Packing = .plain

    /// Bytes of the stored values.
    var dataLength: Int { rows * (packing.width ?? kind.width) }
}

/// How a segment's values are stored. Most published columns need far fewer
/// than eight bytes a value: years, codes and counts differ little within a
/// chunk, a dictionary of 153 names needs a byte, and a rate to one place is a
/// whole number of tenths. Packed, the measures file's cache is about a
/// quarter of the CSV's size instead of three quarters, and less to read.
enum Packing: Equatable, Sendable {
    /// Int64, Double or UInt32 codes, as the table holds them.
    case plain
    /// Each value is `base` plus an unsigned whole number of `width` bytes (1,
    /// 2 or 4); in a decimal segment that sum is divided by 10^`decimals`.
    /// Missing rows are stored as 0 and read back as the filler 0.
    case offset(base: Int64, width: Int, decimals: Int)

    var width: Int? {
        if case .offset(_, let w, _) = self { return w }
        return nil
    }

    /// The packing that holds `values` exactly (checked value by value for
    /// decimals), given their range; .plain when none is smaller.
    static func choose(_ values: Segment.Values, mask: [UInt8]?, range: SegmentRange?) -> Packing {
        func width(_ span: UInt64) -> Int? {
            span <= 0xFF ? 1 : span <= 0xFFFF ? 2 : span <= 0xFFFF_FFFF ? 4 : nil
        }
        switch (values, range) {
        case (.integers, .integers(let lo, let hi)?):
            guard let w = width(UInt64(bitPattern: hi &- lo)), hi.subtractingReportingOverflow(lo).overflow == false
            else { return .plain }
            return .offset(base: lo, width: w, decimals: 0)
        case (.codes, .codes(let lo, let hi)?):
            guard let w = width(UInt64(hi - lo)), w < 4 else { return .plain }
            return .offset(base: Int64(lo), width: w, decimals: 0)
        case (.decimals(let v), .decimals(let lo, let hi)?):
            // The fewest places that give back every value exactly.
            for places in 0...4 {
                let scale = NumberText.power10(places)
                let l = (lo * scale).rounded(), h = (hi * scale).rounded()
                guard abs(l) < 9e15, abs(h) < 9e15, let w = width(UInt64(h - l)), w < 8 else { continue }
                if exact(v, mask: mask, scale: scale) {
                    return .offset(base: Int64(l), width: w, decimals: places)
                }
            }
            return .plain
        case (_, .noValues?):
            return .offset(base: 0, width: 1, decimals: 0)
        default:
            return .plain
        }
    }

    /// Whether every present value is a whole number of 1/scale that reads back bit for bit.
    private static func exact(_ v: [Double], mask: [UInt8]?, scale: Double) -> Bool {
        v.withUnsafeBufferPointer { p in
            // As the reader will make it: a whole number (Int64) over the scale; -0.0 does not come back.
            if let mask {
                for i in 0..<p.count where mask[i] == 0 {
                    if (Double(whole(p[i] * scale)) / scale).bitPattern != p[i].bitPattern { return false }
                }
            } else {
                for i in 0..<p.count {
                    if (Double(whole(p[i] * scale)) / scale).bitPattern != p[i].bitPattern { return false }
                }
            }
            return true
        }
    }

    /// The nearest whole number to `x` (|x| < 9e15): a truncation, not a libm
    /// call. Whatever it gives is checked to read back exactly, so a tie
    /// rounded either way is safe.
    @inline(__always)
    static func whole(_ x: Double) -> Int64 { Int64(x + (x < 0 ? -0.5 : 0.5)) }

    /// The stored bytes of `values` (missing rows as 0).
    func bytes(_ values: Segment.Values, mask: [UInt8]?) -> [UInt8] {
        guard case .offset(let base, let w, let places) = self else { fatalError("plain values are stored as they are") }
        switch values {
        case .integers(let v):
            return v.withUnsafeBufferPointer { p in Self.pack(p.count, w, mask) { UInt64(bitPattern: p[$0] &- base) } }
        case .codes(let v):
            return v.withUnsafeBufferPointer { p in Self.pack(p.count, w, mask) { UInt64(bitPattern: Int64(p[$0]) &- base) } }
        case .decimals(let v):
            let scale = NumberText.power10(places)
            return v.withUnsafeBufferPointer { p in
                Self.pack(p.count, w, mask) { UInt64(bitPattern: Self.whole(p[$0] * scale) &- base) }
            }
        }
    }

    /// `n` stored numbers of `width` bytes, little-endian, `offset(i)` for row
    /// i and 0 for a missing one: one loop per width and mask.
    @inline(__always)
    private static func pack(_ n: Int, _ width: Int, _ mask: [UInt8]?, _ offset: (Int) -> UInt64) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: n * width) { buffer, count in
            let out = UnsafeMutableRawPointer(buffer.baseAddress!)
            func run<U: FixedWidthInteger>(_: U.Type) {
                let size = MemoryLayout<U>.size
                if let mask {
                    mask.withUnsafeBufferPointer { m in
                        for i in 0..<n {
                            let u = m[i] == 0 ? U(truncatingIfNeeded: offset(i)) : 0
                            out.storeBytes(of: u.littleEndian, toByteOffset: i * size, as: U.self)
                        }
                    }
                } else {
                    for i in 0..<n {
                        out.storeBytes(of: U(truncatingIfNeeded: offset(i)).littleEndian, toByteOffset: i * size, as: U.self)
                    }
                }
            }
            switch width {
            case 1: run(UInt8.self)
            case 2: run(UInt16.self)
            default: run(UInt32.self)
            }
            count = n * width
        }
    }
}

/// The values a segment holds, at their extremes (missing rows left out):
/// enough to know that `x = 202324` or `measure = "…"` cannot hold anywhere in
/// it. Text ranges are of the codes as stored (the column's dictionary order,
/// which is the order of first appearance in the file).
enum SegmentRange: Equatable, Sendable {
    /// Every row is missing.
    case noValues
    case integers(Int64, Int64)
    case decimals(Double, Double)
    case codes(UInt32, UInt32)

    /// The range of a segment's values, leaving out rows whose mask byte is
    /// not 0; nil for a decimal that is not a number (a range cannot hold it).
    static func of(_ values: Segment.Values, mask: [UInt8]?) -> SegmentRange? {
        switch values {
        case .integers(let v):
            guard let (lo, hi) = extremes(v, mask) else { return .noValues }
            return .integers(lo, hi)
        case .decimals(let v):
            if v.contains(where: \.isNaN) { return nil }
            guard let (lo, hi) = extremes(v, mask) else { return .noValues }
            return .decimals(lo, hi)
        case .codes(let v):
            guard let (lo, hi) = extremes(v, mask) else { return .noValues }
            return .codes(lo, hi)
        }
    }

    /// The least and greatest of the values whose mask byte is 0 (nil: none).
    /// Called for every segment the reader writes: plain loops over buffers.
    private static func extremes<T: Comparable>(_ v: [T], _ mask: [UInt8]?) -> (T, T)? {
        v.withUnsafeBufferPointer { p -> (T, T)? in
            let n = p.count
            guard let mask else {
                guard n > 0 else { return nil }
                var l = p[0], h = p[0]
                for i in 1..<n {
                    l = Swift.min(l, p[i])
                    h = Swift.max(h, p[i])
                }
                return (l, h)
            }
            return mask.withUnsafeBufferPointer { m -> (T, T)? in
                var first = 0
                while first < n && m[first] != 0 { first += 1 }
                guard first < n else { return nil }
                var l = p[first], h = p[first]
                for i in (first + 1)..<max(first + 1, n) where m[i] == 0 {
                    l = Swift.min(l, p[i])
                    h = Swift.max(h, p[i])
                }
                return (l, h)
            }
        }
    }

    /// Whether the range suits a segment of `kind` (as decoded from a file).
    func fits(_ kind: StoredSegment.Kind) -> Bool {
        switch (self, kind) {
        case (.noValues, _): return true
        case (.integers(let a, let b), .integer): return a <= b
        case (.decimals(let a, let b), .decimal): return a <= b  // false for NaN
        case (.codes(let a, let b), .text): return a <= b
        default: return false
        }
    }
}

/// A column as stored in a cache file.
struct StoredColumn: Sendable {
    var name: String
    var type: ColumnType
    var segments: [StoredSegment]
    /// Text: the distinct strings ((entries + 1) little-endian UInt64 offsets, then the bytes).
    var dictionary: Extent?
    var dictionaryEntries = 0
    /// Text with NUL bytes: the strings lose them when read (equal results share a code).
    var stripNUL = false
}

/// The metadata block of a cache file.
struct CacheMetadata: Sendable {
    var key: FileKey
    var rows: Int
    var columns: [StoredColumn]
    var report: LoadReport

    func encoded() -> [UInt8] {
        var w = BinaryWriter()
        w.u32(CacheFormat.version)
        w.u32(CacheFormat.readerVersion)
        w.string(key.path)
        w.int(key.size)
        w.i64(key.modified)
        w.i64(key.changed)
        w.u64(key.inode)
        w.u64(key.device)
        w.int(rows)
        w.u32(UInt32(columns.count))
        for c in columns {
            w.string(c.name)
            w.u8(c.type == .integer ? 0 : c.type == .decimal ? 1 : 2)
            w.u8(c.stripNUL ? 1 : 0)
            w.u32(UInt32(c.segments.count))
            for s in c.segments {
                w.int(s.rows)
                w.u8(s.kind.rawValue)
                w.extent(s.data)
                w.u8(s.mask == nil ? 0 : 1)
                if let m = s.mask { w.extent(m) }
                switch s.range {
                case nil: w.u8(0)
                case .noValues?: w.u8(1)
                case .integers(let a, let b)?:
                    w.u8(2)
                    w.i64(a)
                    w.i64(b)
                case .decimals(let a, let b)?:
                    w.u8(3)
                    w.u64(a.bitPattern)
                    w.u64(b.bitPattern)
                case .codes(let a, let b)?:
                    w.u8(4)
                    w.u64(UInt64(a))
                    w.u64(UInt64(b))
                }
                switch s.packing {
                case .plain: w.u8(0)
                case .offset(let base, let width, let decimals):
                    w.u8(1)
                    w.i64(base)
                    w.u8(UInt8(width))
                    w.u8(UInt8(decimals))
                }
            }
            if c.type == .text {
                w.extent(c.dictionary ?? Extent(offset: 0, length: 0, checksum: 0))
                w.int(c.dictionaryEntries)
            }
        }
        w.int(report.rows)
        w.int(report.columns)
        w.u32(UInt32(report.issues.count))
        for issue in report.issues {
            w.string(issue.kind.rawValue)
            w.i64(Int64(issue.line ?? -1))
            w.string(issue.message)
        }
        let counts = report.counts.sorted { $0.key.rawValue < $1.key.rawValue }
        w.u32(UInt32(counts.count))
        for (kind, n) in counts {
            w.string(kind.rawValue)
            w.int(n)
        }
        return w.bytes
    }

    /// Decodes and checks the metadata of a cache file of `fileLength` bytes
    /// whose segments end at `dataEnd`; nil on any inconsistency.
    static func decode(_ bytes: [UInt8], dataEnd: Int, fileName: String) -> CacheMetadata? {
        var r = BinaryReader(bytes)
        guard r.u32() == CacheFormat.version, r.u32() == CacheFormat.readerVersion,
            let path = r.string(), let size = r.int(), let modified = r.i64(), let changed = r.i64(),
            let inode = r.u64(), let device = r.u64(), let rows = r.int(max: Int(Int32.max)),
            let columnCount = r.u32(), columnCount <= 1 << 20
        else { return nil }
        func valid(_ e: Extent) -> Bool {
            e.offset >= CacheFormat.headerSize && e.offset <= dataEnd && e.length <= dataEnd - e.offset
        }
        var columns: [StoredColumn] = []
        for _ in 0..<columnCount {
            guard let name = r.string(), let t = r.u8(), t <= 2, let flags = r.u8(), let segmentCount = r.u32(),
                Int(segmentCount) <= max(rows, 1)
            else { return nil }
            let type: ColumnType = t == 0 ? .integer : t == 1 ? .decimal : .text
            var segments: [StoredSegment] = []
            var total = 0
            for _ in 0..<segmentCount {
                guard let n = r.int(max: rows), let k = r.u8(), let kind = StoredSegment.Kind(rawValue: k),
                    let data = r.extent(), valid(data), let hasMask = r.u8()
                else { return nil }
                // A column's segments are all text, or all numbers (whole numbers
                // in a decimal column are widened when read).
                guard (type == .text) == (kind == .text), !(type == .integer && kind == .decimal) else { return nil }
                var mask: Extent? = nil
                if hasMask == 1 {
                    guard let m = r.extent(), valid(m), m.length == n else { return nil }
                    mask = m
                } else if hasMask != 0 {
                    return nil
                }
                guard let tag = r.u8() else { return nil }
                var range: SegmentRange? = nil
                switch tag {
                case 0: break
                case 1: range = .noValues
                case 2...4:
                    guard let a = r.u64(), let b = r.u64() else { return nil }
                    if tag == 2 { range = .integers(Int64(bitPattern: a), Int64(bitPattern: b)) }
                    if tag == 3 { range = .decimals(Double(bitPattern: a), Double(bitPattern: b)) }
                    if tag == 4 {
                        guard a <= UInt64(UInt32.max), b <= UInt64(UInt32.max) else { return nil }
                        range = .codes(UInt32(a), UInt32(b))
                    }
                default: return nil
                }
                if let range, !range.fits(kind) { return nil }
                var packing = Packing.plain
                switch r.u8() {
                case 0?: break
                case 1?:
                    guard let base = r.i64(), let width = r.u8(), [1, 2, 4].contains(width), let decimals = r.u8(),
                        decimals <= 4, decimals == 0 || kind == .decimal
                    else { return nil }
                    packing = .offset(base: base, width: Int(width), decimals: Int(decimals))
                default: return nil
                }
                let segment = StoredSegment(rows: n, kind: kind, data: data, mask: mask, range: range, packing: packing)
                guard data.length == segment.dataLength else { return nil }
                total += n
                guard total <= rows else { return nil }
                segments.append(segment)
            }
            guard total == rows else { return nil }
            var column = StoredColumn(name: name, type: type, segments: segments, stripNUL: flags & 1 != 0)
            if type == .text {
                guard let d = r.extent(), valid(d), let entries = r.int(max: max(rows, 1)),
                    d.length >= (entries + 1) * 8
                else { return nil }
                column.dictionary = d
                column.dictionaryEntries = entries
                for s in segments {
                    if case .codes(_, let hi)? = s.range, Int(hi) >= max(entries, 1) { return nil }
                }
            }
            columns.append(column)
        }
        var report = LoadReport(fileName: fileName)
        guard let reportRows = r.int(), let reportColumns = r.int(), let issueCount = r.u32(), issueCount <= 1 << 16
        else { return nil }
        report.rows = reportRows
        report.columns = reportColumns
        for _ in 0..<issueCount {
            guard let k = r.string(), let kind = LoadIssue.Kind(rawValue: k), let line = r.i64(), line >= -1,
                let message = r.string()
            else { return nil }
            report.issues.append(LoadIssue(kind: kind, line: line < 0 ? nil : Int(line), message: message))
        }
        guard let countCount = r.u32(), countCount <= 64 else { return nil }
        for _ in 0..<countCount {
            guard let k = r.string(), let kind = LoadIssue.Kind(rawValue: k), let n = r.int() else { return nil }
            report.counts[kind] = n
        }
        guard r.position == bytes.count else { return nil }
        let key = FileKey(path: path, size: size, modified: modified, changed: changed, inode: inode, device: device)
        return CacheMetadata(key: key, rows: rows, columns: columns, report: report)
    }
}

/// The fixed-size header at the start of a cache file.
struct CacheHeader {
    var metadata: Extent
    var fileLength: Int

    func encoded() -> [UInt8] {
        var w = BinaryWriter()
        w.bytes.append(contentsOf: CacheFormat.magic)
        w.u32(CacheFormat.version)
        w.u32(0)
        w.extent(metadata)
        w.int(fileLength)
        w.u64(CacheFormat.checksum(w.bytes))
        w.bytes.append(contentsOf: [UInt8](repeating: 0, count: CacheFormat.headerSize - w.bytes.count))
        return w.bytes
    }

    static func decode(_ bytes: [UInt8]) -> CacheHeader? {
        guard bytes.count == CacheFormat.headerSize, Array(bytes[0..<8]) == CacheFormat.magic else { return nil }
        var r = BinaryReader(bytes)
        r.position = 8
        guard r.u32() == CacheFormat.version, r.u32() == 0, let metadata = r.extent(), let length = r.int() else {
            return nil
        }
        let checked = r.position
        guard let sum = r.u64(), sum == CacheFormat.checksum(Array(bytes[0..<checked])) else { return nil }
        guard metadata.offset >= CacheFormat.headerSize, metadata.offset <= length,
            metadata.length <= length - metadata.offset, metadata.offset + metadata.length == length
        else { return nil }
        return CacheHeader(metadata: metadata, fileLength: length)
    }
}
