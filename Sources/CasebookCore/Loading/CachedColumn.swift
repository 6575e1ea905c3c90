// A column of a cache file (ColumnCache.swift), read three ways:
//
// - whole, straight into its final array, segment by segment on both cores,
//   each segment checked against its checksum as it is read;
// - only some rows (the rows a filter kept, a sort's first ten): the segments
//   that hold them are read one at a time and the rows picked, so the whole
//   column is never held;
// - a run (segment) at a time, for a filter's comparison with a constant or
//   `is_missing`: the answer is made without the column ever being held whole
//   (and `is_missing` reads only the missing-value bytes).
//
// A segment that fails its checks makes the whole read fail, and the column
// comes from the CSV file instead (CacheFallback).

import Dispatch

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Asks for huge pages (2 MB) for a fresh buffer of a few megabytes or more:
/// fewer page faults as the read fills it. Only a hint.
@inline(__always)
func adviseHugePages(_ p: UnsafeMutableRawPointer?, _ bytes: Int) {
    #if canImport(Glibc)
        guard let p, bytes >= 4 << 20 else { return }
        let huge = 2 << 20
        let start = (Int(bitPattern: p) + huge - 1) & ~(huge - 1)
        let end = (Int(bitPattern: p) + bytes) & ~(huge - 1)
        if end > start { _ = madvise(UnsafeMutableRawPointer(bitPattern: start), end - start, MADV_HUGEPAGE) }
    #endif
}

struct CachedColumnSource: ColumnSource {
    let handle: CacheFileHandle
    let column: StoredColumn
    let index: Int
    let rows: Int
    let fallback: CacheFallback

    func load() -> (data: ColumnData, missing: [UInt8]?) {
        if let made = readAll() { return made }
        return fallback.column(index, name: column.name, type: column.type, rows: rows)
    }

    func load(rows indices: [Int32]) -> (data: ColumnData, missing: [UInt8]?)? {
        readRows(indices)
    }

    /// The places a decimal column's values need, from how its segments are
    /// stored: a segment packed as whole numbers of 10^-d holds values that
    /// read back as the nearest double to k / 10^d, and `Packing.choose` took
    /// the fewest places that give them all back exactly, so some value needs
    /// all d places and none needs more; whole-number segments need none. Nil
    /// where a segment is stored plain, or its numbers are so large that the
    /// scaled value's rounding could reach the last place (then the values are read).
    var knownPlaces: Int? {
        guard column.type == .decimal else { return column.type == .integer ? 0 : nil }
        var places = 0
        for s in column.segments {
            switch (s.packing, s.range) {
            case (_, .noValues?):
                continue
            case (_, .integers(let lo, let hi)?):
                guard lo.magnitude < 1 << 40, hi.magnitude < 1 << 40 else { return nil }
            case (.offset(_, _, let d), .decimals(let lo, let hi)?):
                let scale = NumberText.power10(ColumnFormat.maximumDecimals)
                guard (lo * scale).magnitude < 0x1p40, (hi * scale).magnitude < 0x1p40,
                    d <= ColumnFormat.maximumDecimals
                else { return nil }
                places = max(places, d)
            default:
                return nil
            }
        }
        return places
    }

    /// How the column's values can be summed exactly without checking them
    /// one by one (a mean from exact sums: ExactSums): as whole numbers of
    /// 1/scale = 10^-places, the places the cache knows, each at most `bound`
    /// in magnitude (from the segments' ranges). Nil when the places are not
    /// known, or `rows` such numbers could sum past 2^53.
    func exactSums(rows: Int) -> (places: Int, scale: Double, bound: Double)? {
        guard column.type == .integer || column.type == .decimal, let places = knownPlaces else { return nil }
        let scale = NumberText.power10(places)
        var bound = 0.0
        for s in column.segments {
            switch s.range {
            case .noValues?: continue
            case .integers(let lo, let hi)?: bound = max(bound, Double(lo).magnitude * scale, Double(hi).magnitude * scale)
            case .decimals(let lo, let hi)?: bound = max(bound, (lo * scale).magnitude, (hi * scale).magnitude)
            default: return nil
            }
        }
        guard bound < 0x1p40, Double(rows) * bound < 0x1p53 else { return nil }
        return (places, scale, bound)
    }

    // MARK: - Layout

    /// First row of each segment, and the total at the end.
    private var starts: [Int] {
        var out = [0]
        out.reserveCapacity(column.segments.count + 1)
        for s in column.segments { out.append(out.last! + s.rows) }
        return out
    }

    /// The dictionary of a text column as strings (and the code remap when NULs are stripped).
    private func dictionary() -> (strings: [String], remap: [UInt32]?, entries: Int)? {
        guard let d = column.dictionary, let entries = handle.readDictionary(d, entries: column.dictionaryEntries) else {
            return nil
        }
        let (strings, remap) = ColumnAccumulator.strings(entries, stripNUL: column.stripNUL)
        return (strings, remap, entries.count)
    }

    // MARK: - Whole

    private func readAll() -> (data: ColumnData, missing: [UInt8]?)? {
        let n = rows
        let segments = column.segments
        let starts = self.starts
        let status = ReadStatus()
        let handle = self.handle
        let parallel = segments.count > 1 && n >= 1 << 18

        func each(_ body: @escaping @Sendable (Int) -> Void) {
            if parallel {
                DispatchQueue.concurrentPerform(iterations: segments.count, execute: body)
            } else {
                for i in segments.indices { body(i) }
            }
        }

        var mask: [UInt8]? = nil
        if segments.contains(where: { $0.mask != nil }) {
            mask = [UInt8](uninitializedCount: n) { buffer, count in
                let out = RawOut(buffer.baseAddress.map { UnsafeMutableRawPointer($0) })
                adviseHugePages(out.pointer, n)
                each { i in
                    let p = out.pointer! + starts[i]
                    if let m = segments[i].mask {
                        if !handle.readInto(p, m) { status.fail() }
                    } else {
                        p.initializeMemory(as: UInt8.self, repeating: 0, count: segments[i].rows)
                    }
                }
                count = n
            }
        }
        // Packed values are unpacked with the missing bytes at hand (their rows read as 0).
        // (`mask` is not changed again, and lives on in the result.)
        let maskAt = RawOut(mask?.withUnsafeBufferPointer { UnsafeMutableRawPointer(mutating: $0.baseAddress) } ?? nil)
        let rowsMask: @Sendable (Int) -> UnsafePointer<UInt8>? = { i in
            guard segments[i].mask != nil, let m = maskAt.pointer else { return nil }
            return UnsafePointer((m + starts[i]).assumingMemoryBound(to: UInt8.self))
        }
        let data: ColumnData
        switch column.type {
        case .integer:
            let values = [Int64](uninitializedCount: n) { buffer, count in
                let out = RawOut(buffer.baseAddress.map { UnsafeMutableRawPointer($0) })
                adviseHugePages(out.pointer, n * 8)
                each { i in
                    if !handle.readValues(segments[i], into: out.pointer! + starts[i] * 8, as: .integer, mask: rowsMask(i)) {
                        status.fail()
                    }
                }
                count = n
            }
            data = .integer(values)
        case .decimal:
            let values = [Double](uninitializedCount: n) { buffer, count in
                let out = RawOut(buffer.baseAddress.map { UnsafeMutableRawPointer($0) })
                adviseHugePages(out.pointer, n * 8)
                each { i in
                    // Whole numbers in a column that has decimals elsewhere are widened.
                    if !handle.readValues(segments[i], into: out.pointer! + starts[i] * 8, as: .decimal, mask: rowsMask(i)) {
                        status.fail()
                    }
                }
                count = n
            }
            data = .decimal(values)
        case .text:
            guard let (strings, remap, entries) = dictionary() else { return nil }
            let limit = UInt32(max(entries, 1))
            var codes = [UInt32](uninitializedCount: n) { buffer, count in
                let out = RawOut(buffer.baseAddress.map { UnsafeMutableRawPointer($0) })
                adviseHugePages(out.pointer, n * 4)
                each { i in
                    let p = out.pointer! + starts[i] * 4
                    if !handle.readValues(segments[i], into: p, as: .text, mask: rowsMask(i)) {
                        status.fail()
                        return
                    }
                    // A code outside the dictionary would index past its end.
                    let c = p.assumingMemoryBound(to: UInt32.self)
                    var worst: UInt32 = 0
                    for k in 0..<segments[i].rows { worst = max(worst, c[k]) }
                    if worst >= limit { status.fail() }
                }
                count = n
            }
            guard !status.failed else { return nil }
            if let remap { codes.withUnsafeMutableBufferPointer { c in for k in 0..<c.count { c[k] = remap[Int(c[k])] } } }
            data = .text(codes: codes, dictionary: TextDictionary(strings))
        case .boolean:
            return nil
        }
        guard !status.failed else { return nil }
        return (data, mask)
    }

    // MARK: - Some rows

    private func readRows(_ indices: [Int32]) -> (data: ColumnData, missing: [UInt8]?)? {
        let n = indices.count
        // Most rows, in row order (a broad filter): read it all and close the gaps in place.
        if n * 4 >= rows, Self.ascending(indices, below: rows) { return readDense(indices) }
        let segments = column.segments
        let starts = self.starts
        // Which output positions each segment serves (negative indices: none).
        var counts = [Int](repeating: 0, count: segments.count + 1)
        var segmentOf = [Int32](repeating: -1, count: n)
        var noMatch = false
        indices.withUnsafeBufferPointer { idx in
            var last = 0
            for k in 0..<n {
                let r = Int(idx[k])
                if r < 0 {
                    noMatch = true
                    continue
                }
                guard r < rows else { return }
                // Most selections are in row order: try the last segment first.
                if !(starts[last] <= r && r < starts[last + 1]) {
                    var lo = 0, hi = segments.count - 1
                    while lo < hi {
                        let mid = (lo + hi + 1) / 2
                        if starts[mid] <= r { lo = mid } else { hi = mid - 1 }
                    }
                    last = lo
                }
                segmentOf[k] = Int32(last)
                counts[last + 1] += 1
            }
        }
        if indices.contains(where: { $0 >= Int32(clamping: rows) }) { return nil }
        for i in 0..<segments.count { counts[i + 1] += counts[i] }
        var positions = [Int32](repeating: 0, count: counts[segments.count])
        var cursor = counts
        for k in 0..<n where segmentOf[k] >= 0 {
            let s = Int(segmentOf[k])
            positions[cursor[s]] = Int32(k)
            cursor[s] += 1
        }
        let wanted = (0..<segments.count).filter { counts[$0 + 1] > counts[$0] }
        let (positionsOf, countsOf) = (positions, counts)
        let hasMask = noMatch || wanted.contains { segments[$0].mask != nil }
        let status = ReadStatus()
        let handle = self.handle
        let type = column.type

        var text: (strings: [String], remap: [UInt32]?, entries: Int)? = nil
        if type == .text {
            guard let d = dictionary() else { return nil }
            text = d
        }
        let limit = UInt32(max(text?.entries ?? 1, 1))
        var mask: [UInt8]? = hasMask ? [UInt8](repeating: 0, count: n) : nil
        let width = type == .text ? 4 : 8
        var raw = [UInt64](repeating: 0, count: (n * width + 7) / 8)
        raw.withUnsafeMutableBytes { valuesBytes in
            let out = RawOut(valuesBytes.baseAddress)
            let outMask = RawOut(mask?.withUnsafeMutableBytes { $0.baseAddress })
            let pick: @Sendable (Int) -> Void = { w in
                let s = wanted[w]
                let seg = segments[s]
                let start = starts[s]
                var segMask: [UInt8]? = nil
                if let m = seg.mask {
                    guard let bytes: [UInt8] = handle.readArray(m, count: seg.rows) else { return status.fail() }
                    segMask = bytes
                }
                let mine = positionsOf[countsOf[s]..<countsOf[s + 1]]
                // Only the rows wanted are unpacked.
                let local = mine.map { Int(indices[Int($0)]) - start }
                switch type {
                case .integer:
                    guard let v: [Int64] = handle.picked(seg, as: .integer, rows: local, mask: segMask) else { return status.fail() }
                    for (j, k) in mine.enumerated() { out.pointer!.storeBytes(of: v[j], toByteOffset: Int(k) * 8, as: Int64.self) }
                case .decimal:
                    guard let v: [Double] = handle.picked(seg, as: .decimal, rows: local, mask: segMask) else { return status.fail() }
                    for (j, k) in mine.enumerated() { out.pointer!.storeBytes(of: v[j], toByteOffset: Int(k) * 8, as: Double.self) }
                default:
                    guard let v: [UInt32] = handle.picked(seg, as: .text, rows: local, mask: segMask) else { return status.fail() }
                    for (j, k) in mine.enumerated() {
                        if v[j] >= limit { return status.fail() }
                        out.pointer!.storeBytes(of: v[j], toByteOffset: Int(k) * 4, as: UInt32.self)
                    }
                }
                if let segMask {
                    for k in mine { outMask.pointer!.storeBytes(of: segMask[Int(indices[Int(k)]) - start], toByteOffset: Int(k), as: UInt8.self) }
                }
            }
            if wanted.count > 1 && n >= 1 << 16 {
                DispatchQueue.concurrentPerform(iterations: wanted.count, execute: pick)
            } else {
                for w in wanted.indices { pick(w) }
            }
        }
        guard !status.failed else { return nil }
        if noMatch, mask != nil {
            for k in 0..<n where indices[k] < 0 { mask![k] = MissingReason.noMatch.rawValue }
        }
        let data: ColumnData = raw.withUnsafeBytes { b in
            switch type {
            case .integer: return .integer(Array(b.bindMemory(to: Int64.self).prefix(n)))
            case .decimal: return .decimal(Array(b.bindMemory(to: Double.self).prefix(n)))
            default:
                var codes = Array(b.bindMemory(to: UInt32.self).prefix(n))
                if let remap = text!.remap { for k in 0..<n { codes[k] = remap[Int(codes[k])] } }
                return .text(codes: codes, dictionary: TextDictionary(text!.strings))
            }
        }
        return (data, mask)
    }

    /// True when the indices are in increasing order, all in 0..<limit.
    static func ascending(_ indices: [Int32], below limit: Int) -> Bool {
        indices.withUnsafeBufferPointer { idx in
            var previous: Int32 = -1
            for i in idx {
                if i <= previous { return false }
                previous = i
            }
            return Int(previous) < limit
        }
    }

    /// The whole column read, then the rows at `indices` (increasing) moved to
    /// the front in place: no second array of the column's size.
    private func readDense(_ indices: [Int32]) -> (data: ColumnData, missing: [UInt8]?)? {
        guard var (data, mask) = readAll() else { return nil }
        let n = indices.count
        // Each array is the only reference to its storage once `data` lets go of
        // it, so the moves below write in place.
        func compact<T>(_ a: inout [T]) {
            a.withUnsafeMutableBufferPointer { v in
                indices.withUnsafeBufferPointer { idx in
                    for k in 0..<n { v[k] = v[Int(idx[k])] }
                }
            }
            a.removeLast(a.count - n)
        }
        switch data {
        case .integer(var v):
            data = .integer([])
            compact(&v)
            data = .integer(v)
        case .decimal(var v):
            data = .decimal([])
            compact(&v)
            data = .decimal(v)
        case .text(var codes, let dict):
            data = .integer([])
            compact(&codes)
            data = .text(codes: codes, dictionary: dict)
        case .boolean(var v):
            data = .integer([])
            compact(&v)
            data = .boolean(v)
        }
        if var m = mask {
            mask = nil
            compact(&m)
            mask = m
        }
        return (data, mask)
    }

    // MARK: - A run at a time

    func forEachRun(values: Bool, _ body: @Sendable (Int, ColumnData?, UnsafeBufferPointer<UInt8>?) -> Void) -> Bool {
        withoutActuallyEscaping(body) { body in runs(values: values, body) }
    }

    private func runs(values: Bool, _ body: @escaping @Sendable (Int, ColumnData?, UnsafeBufferPointer<UInt8>?) -> Void) -> Bool {
        guard let reader = segmentReader(values: values) else { return false }
        let starts = self.starts
        let status = ReadStatus()
        let visit: @Sendable (Int) -> Void = { i in
            guard let (data, segMask) = reader.read(i) else { return status.fail() }
            if let segMask {
                segMask.withUnsafeBufferPointer { body(starts[i], data, $0) }
            } else {
                body(starts[i], data, nil)
            }
        }
        let segments = column.segments
        if segments.count > 1 && rows >= 1 << 16 {
            DispatchQueue.concurrentPerform(iterations: segments.count, execute: visit)
        } else {
            for i in segments.indices { visit(i) }
        }
        return !status.failed
    }

    // MARK: - A segment at a time

    /// How many rows each segment holds, in order.
    var segmentRows: [Int] { column.segments.map(\.rows) }

    /// What segment `i` holds at its extremes (nil: not known).
    func range(ofSegment i: Int) -> SegmentRange? { column.segments[i].range }

    /// Whether any row of segment `i` is missing.
    func hasMissing(inSegment i: Int) -> Bool { column.segments[i].mask != nil }

    /// The same open file (a table's columns from one cache file share it).
    func sharesFile(with other: CachedColumnSource) -> Bool { handle === other.handle }

    /// Reads segments one at a time (with the values, or the missing bytes
    /// alone); nil when a text column's dictionary cannot be read.
    func segmentReader(values: Bool) -> SegmentReader? {
        var reader = SegmentReader(handle: handle, segments: column.segments, type: column.type, values: values)
        if values && column.type == .text {
            guard let d = self.dictionary() else { return nil }
            reader.dictionary = TextDictionary(d.strings)
            reader.remap = d.remap
            reader.limit = UInt32(max(d.entries, 1))
        }
        return reader
    }
}

/// One cached column's segments, read one at a time, each checked.
struct SegmentReader: Sendable {
    let handle: CacheFileHandle
    let segments: [StoredSegment]
    let type: ColumnType
    let values: Bool
    /// A text column's strings (codes are remapped to them when NULs were stripped).
    var dictionary: TextDictionary? = nil
    var remap: [UInt32]? = nil
    /// Text codes must be below this.
    var limit: UInt32 = 1

    /// Stored code → the dictionary's code (they differ only when NULs were stripped).
    func dictionaryCode(_ stored: UInt32) -> UInt32 { remap.map { $0[Int(stored)] } ?? stored }

    /// Segment `i`'s values (nil when not asked for) and missing bytes (nil
    /// when none is missing); nil when the segment fails its checks.
    func read(_ i: Int) -> (data: ColumnData?, mask: [UInt8]?)? {
        let seg = segments[i]
        var segMask: [UInt8]? = nil
        if let m = seg.mask {
            guard let bytes: [UInt8] = handle.readArray(m, count: seg.rows) else { return nil }
            segMask = bytes
        }
        guard values else { return (nil, segMask) }
        switch seg.kind {
        case .integer:
            if type == .decimal {
                guard let v: [Double] = handle.unpacked(seg, as: .decimal, mask: segMask) else { return nil }
                return (.decimal(v), segMask)
            }
            guard let v: [Int64] = handle.unpacked(seg, as: .integer, mask: segMask) else { return nil }
            return (.integer(v), segMask)
        case .decimal:
            guard let v: [Double] = handle.unpacked(seg, as: .decimal, mask: segMask) else { return nil }
            return (.decimal(v), segMask)
        case .text:
            guard var v: [UInt32] = handle.unpacked(seg, as: .text, mask: segMask), let dictionary else { return nil }
            var worst: UInt32 = 0
            for c in v { worst = max(worst, c) }
            if worst >= limit { return nil }
            if let remap { for k in 0..<v.count { v[k] = remap[Int(v[k])] } }
            return (.text(codes: v, dictionary: dictionary), segMask)
        }
    }
}

/// A destination pointer shared by the workers (each writes its own part).
struct RawOut: @unchecked Sendable {
    let pointer: UnsafeMutableRawPointer?
    init(_ pointer: UnsafeMutableRawPointer?) { self.pointer = pointer }
}

/// Whether any worker's read failed.
final class ReadStatus: Sendable {
    private let flag = Mutex(false)
    func fail() { flag.withLock { $0 = true } }
    var failed: Bool { flag.withLock { $0 } }
}

import Synchronization
