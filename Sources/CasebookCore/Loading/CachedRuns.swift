// A column still in the column cache read a run (a stored segment) at a time:
// the whole column, or the rows of it a filter kept, in row order. A `where`
// followed by `summarise` leaves the summarised columns as such selections;
// reading them this way gives each aggregate its values without making the
// column (an array of every kept row, whose fresh pages the kernel must clear,
// kept as long as the table is).

import Dispatch
import Synchronization

extension Column {
    /// The column as runs of its cache file's segments, when it is still in
    /// the cache whole or as rows of it picked in increasing order; nil
    /// otherwise (then it is read the ordinary way).
    func cachedRuns(values: Bool) -> CachedRuns? {
        guard case .deferred(let box) = storage else { return nil }
        if let source = box.pendingSource as? CachedColumnSource {
            guard source.rows == count else { return nil }
            return CachedRuns(source: source, selection: nil, values: values)
        }
        guard let (base, indices) = box.pendingGather, let source = base.pendingSource as? CachedColumnSource,
            source.rows == base.count, CachedColumnSource.ascending(indices, below: source.rows)
        else { return nil }
        return CachedRuns(source: source, selection: indices, values: values)
    }
}

struct CachedRuns: Sendable {
    let source: CachedColumnSource
    private let reader: SegmentReader
    /// The rows picked (increasing), or nil for all of them.
    private let selection: [Int32]?
    /// Run k is segment `segmentOf[k]`, and holds positions bounds[k]..<bounds[k + 1] of the column.
    let segmentOf: [Int]
    let bounds: [Int]
    /// First row of each segment in the file's table.
    private let firstRow: [Int]

    init?(source: CachedColumnSource, selection: [Int32]?, values: Bool) {
        guard let reader = source.segmentReader(values: values) else { return nil }
        self.source = source
        self.reader = reader
        self.selection = selection
        var first = [0]
        for n in source.segmentRows { first.append(first.last! + n) }
        firstRow = first
        var segments: [Int] = [], bounds = [0]
        if let selection {
            // Where the selection passes each segment's end (by halving);
            // segments it skips are not runs.
            selection.withUnsafeBufferPointer { rows in
                var at = 0
                for s in 0..<(first.count - 1) {
                    let end = Int32(clamping: first[s + 1])
                    var lo = at, hi = rows.count
                    while lo < hi {
                        let mid = (lo + hi) / 2
                        if rows[mid] < end { lo = mid + 1 } else { hi = mid }
                    }
                    if lo > at {
                        segments.append(s)
                        bounds.append(lo)
                    }
                    at = lo
                }
            }
        } else {
            for s in 0..<(first.count - 1) where first[s + 1] > first[s] {
                segments.append(s)
                bounds.append(first[s + 1])
            }
        }
        segmentOf = segments
        self.bounds = bounds
    }

    var count: Int { segmentOf.count }
    var rows: Int { bounds.last! }

    /// Every run's values and missing bytes in one array each, read on both
    /// cores; nil when a segment fails its checks. For a use that lets go of
    /// them soon (a stage's grouping keys), where the column itself would
    /// keep them as long as its table.
    func assemble() -> (data: ColumnData, missing: [UInt8]?)? {
        let n = rows
        let status = ReadStatus()
        let anyMissing = (0..<count).contains { segment($0).mask != nil }
        var mask = [UInt8](repeating: 0, count: anyMissing ? n : 0)
        let dictionary = Mutex<TextDictionary?>(nil)
        func fill<T>(_ zero: T, _ values: @escaping @Sendable (ColumnData) -> [T]?) -> [T] {
            var out = [T](repeating: zero, count: n)
            out.withUnsafeMutableBufferPointer { o in
                mask.withUnsafeMutableBufferPointer { m in
                    let target = RawOut(UnsafeMutableRawPointer(o.baseAddress!))
                    let missing = RawOut(m.baseAddress.map { UnsafeMutableRawPointer($0) })
                    let visit: @Sendable (Int) -> Void = { k in
                        let size = self.bounds[k + 1] - self.bounds[k]
                        guard let (data, bytes) = self.read(k), let data, let v = values(data), v.count == size,
                            bytes == nil || (bytes!.count == size && missing.pointer != nil)
                        else { return status.fail() }
                        if case .text(_, let d) = data { dictionary.withLock { $0 = d } }
                        let at = self.bounds[k]
                        v.withUnsafeBytes {
                            target.pointer!.advanced(by: at * MemoryLayout<T>.stride)
                                .copyMemory(from: $0.baseAddress!, byteCount: $0.count)
                        }
                        if let bytes {
                            bytes.withUnsafeBytes { missing.pointer!.advanced(by: at).copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
                        }
                    }
                    if count > 1 {
                        DispatchQueue.concurrentPerform(iterations: count, execute: visit)
                    } else {
                        for k in 0..<count { visit(k) }
                    }
                }
            }
            return out
        }
        let data: ColumnData
        switch source.column.type {
        case .integer:
            data = .integer(fill(Int64(0)) { if case .integer(let v) = $0 { return v } else { return nil } })
        case .decimal:
            data = .decimal(fill(0.0) { if case .decimal(let v) = $0 { return v } else { return nil } })
        case .text:
            let codes = fill(UInt32(0)) { if case .text(let c, _) = $0 { return c } else { return nil } }
            guard let d = dictionary.withLock({ $0 }) else { return nil }
            data = .text(codes: codes, dictionary: d)
        case .boolean:
            data = .boolean(fill(false) { if case .boolean(let v) = $0 { return v } else { return nil } })
        }
        guard !status.failed else { return nil }
        return (data, Column.anySet(mask) ? mask : nil)
    }

    /// How run k's segment is stored.
    func segment(_ k: Int) -> StoredSegment { source.column.segments[segmentOf[k]] }

    /// Run k's values (nil when not asked for) and missing bytes (nil when
    /// none is missing), only the picked rows; nil when the segment fails its checks.
    func read(_ k: Int) -> (data: ColumnData?, mask: [UInt8]?)? {
        let s = segmentOf[k]
        guard var (data, mask) = reader.read(s) else { return nil }
        guard let selection, bounds[k + 1] - bounds[k] < firstRow[s + 1] - firstRow[s] else { return (data, mask) }
        let lo = bounds[k], n = bounds[k + 1] - lo, first = Int32(firstRow[s])
        // The picked rows, moved to the front in place.
        func compact<T>(_ a: inout [T]) {
            selection.withUnsafeBufferPointer { rows in
                a.withUnsafeMutableBufferPointer { v in
                    for j in 0..<n { v[j] = v[Int(rows[lo + j] - first)] }
                }
            }
            a.removeLast(a.count - n)
        }
        // Each array is the only reference to its storage once `data` and
        // `mask` let go of it, so the moves write in place.
        var keptMask: [UInt8]? = nil
        if var m = mask {
            mask = nil
            compact(&m)
            keptMask = m.contains(where: { $0 != 0 }) ? m : nil
        }
        switch data {
        case nil:
            return (nil, keptMask)
        case .integer(var v)?:
            data = nil
            compact(&v)
            return (.integer(v), keptMask)
        case .decimal(var v)?:
            data = nil
            compact(&v)
            return (.decimal(v), keptMask)
        case .text(var codes, let dictionary)?:
            data = nil
            compact(&codes)
            return (.text(codes: codes, dictionary: dictionary), keptMask)
        case .boolean(var v)?:
            data = nil
            compact(&v)
            return (.boolean(v), keptMask)
        }
    }
}
