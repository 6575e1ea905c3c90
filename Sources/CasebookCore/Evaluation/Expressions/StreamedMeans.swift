// `mean(column)` of a column still in the cache file, read a segment at a time
// on both cores: each segment's values are summed exactly per group
// (ExactSums), the parts added in segment order, and the segment dropped — so
// a mean of a million cached rows never holds the column (eight megabytes of
// fresh pages, which the kernel must clear, for each column a `summarise`
// names). Exact sums do not depend on the order they are added in, so the
// means are the bits the whole-column path gives (Aggregates.swift), and so
// are the notes of skipped values and the reasons of groups with none.
// It runs only where the cache vouches for the values — whole numbers, or
// decimals packed as whole numbers of 10^-d, within ranges small enough for
// every sum to stay exact — so they need no check one by one; anything else
// (a column stored as it is, a segment that cannot be read) returns nil and
// the column is read whole as before.

import Dispatch

enum StreamedMeans {
    /// Below this many rows reading the column whole costs nothing worth saving.
    static let minimumRows = 1 << 16
    /// Each segment keeps a sum and a count per group.
    static let maximumGroups = 1 << 14

    /// The per-group counts and means of `column` (a column of the table the
    /// evaluator reads), with the missing values' reasons counted; nil when it
    /// must be read whole.
    static func means(of column: Column, ids: [Int32], groups g: Int) -> (n: [Double], mean: [Double], skipped: [Int], emptyReasons: [UInt8])? {
        guard column.count >= minimumRows, g <= maximumGroups, ids.count == column.count,
            let source = column.pendingSource as? CachedColumnSource
        else { return nil }
        guard let (places, scale, largest) = source.exactSums(rows: column.count) else { return nil }
        let segments = source.column.segments
        var starts = [0]
        for s in segments { starts.append(starts.last! + s.rows) }
        let first = starts
        let parts = WorkerSlots<Part>(count: segments.count)
        let handle = source.handle
        let reader = source.segmentReader(values: true)
        let visit: @Sendable (Int) -> Void = { i in
            let seg = segments[i]
            var mask: [UInt8]? = nil
            if let m = seg.mask {
                guard let bytes: [UInt8] = handle.readArray(m, count: seg.rows) else { return }
                mask = bytes
            }
            var part = Part(groups: g)
            ids.withUnsafeBufferPointer { all in
                let id = all.baseAddress! + first[i]
                mask.withOptionalBuffer { m in
                    if let m { part.noteMissing(UnsafeBufferPointer(start: m, count: seg.rows), ids: id) }
                    part.add(seg, mask: m, ids: id, places: places, largest: largest, handle: handle, reader: reader, index: i)
                }
            }
            parts.set(i, part)
        }
        if segments.count > 1 {
            DispatchQueue.concurrentPerform(iterations: segments.count, execute: visit)
        } else {
            for i in segments.indices { visit(i) }
        }
        var total = Part(groups: g)
        for i in segments.indices {
            guard let part = parts.take(i), part.ok else { return nil }
            total.merge(part)
        }
        guard total.sums.exact, let (n, mean) = AggregateKernels.exactQuotients(total.sums.sums, total.sums.counts, scale: scale)
        else { return nil }
        // A group with no value: the reason its values share, "not available"
        // when they differ, "no match" when it has no rows (as emptyReasons).
        var empty = [UInt8](repeating: 0, count: g)
        for i in 0..<g where n[i] == 0 {
            let r = total.reasonOf[i]
            empty[i] = r == 0 ? MissingReason.noMatch.rawValue : (total.mixed[i] ? MissingReason.notAvailable.rawValue : r)
        }
        return (n, mean, total.skipped, empty)
    }

    /// What one segment adds: its sums, the reasons of its missing values, and
    /// per group the first reason seen and whether another differed.
    private struct Part {
        var sums: ExactSums
        var skipped = [Int](repeating: 0, count: 256)
        var reasonOf: [UInt8]
        var mixed: [Bool]
        var ok = true

        init(groups g: Int) {
            sums = ExactSums(groups: g)
            reasonOf = [UInt8](repeating: 0, count: g)
            mixed = [Bool](repeating: false, count: g)
        }

        /// The reasons of the segment's missing rows.
        mutating func noteMissing(_ mask: UnsafeBufferPointer<UInt8>, ids id: UnsafePointer<Int32>) {
            for r in 0..<mask.count where mask[r] != 0 {
                let reason = mask[r], i = Int(id[r])
                skipped[Int(reason)] += 1
                if reasonOf[i] == 0 { reasonOf[i] = reason } else if reasonOf[i] != reason { mixed[i] = true }
            }
        }

        /// The segment's present values as whole numbers of 10^-places: a
        /// packed segment's stored numbers (of 10^-d) summed as they are and
        /// scaled by 10^(places - d) once per group; a plain one (whole
        /// numbers) read and added.
        mutating func add(
            _ seg: StoredSegment, mask: UnsafePointer<UInt8>?, ids: UnsafePointer<Int32>, places: Int, largest: Double,
            handle: CacheFileHandle, reader: SegmentReader?, index: Int
        ) {
            let g = reasonOf.count
            if case .offset(_, _, let d) = seg.packing, d <= places {
                var sums = [Int64](repeating: 0, count: g), counts = sums
                let read = sums.withUnsafeMutableBufferPointer { s in
                    counts.withUnsafeMutableBufferPointer { c in
                        handle.sumPacked(seg, mask: mask, ids: ids, sums: s.baseAddress!, counts: c.baseAddress!)
                    }
                }
                guard read else { return ok = false }
                let m = Int64(NumberText.power10(places - d))
                var present = 0
                for i in 0..<g {
                    self.sums.sums[i] &+= sums[i] &* m
                    self.sums.counts[i] &+= counts[i]
                    present += Int(counts[i])
                }
                self.sums.present += present
                self.sums.largest = max(self.sums.largest, largest)
                return
            }
            // Stored as they are: only whole numbers come here (knownPlaces
            // vouches for decimals by their packing), as integers or widened.
            guard seg.kind == .integer, let read = reader?.read(index), let data = read.data else { return ok = false }
            switch data {
            case .integer(let v):
                v.withUnsafeBufferPointer { sums.addIntegers($0, mask: mask, ids: ids) }
            case .decimal(let v):
                v.withUnsafeBufferPointer {
                    sums.addKnownDecimals($0, mask: mask, ids: ids, scale: NumberText.power10(places), bound: largest)
                }
            default:
                ok = false
            }
        }

        mutating func merge(_ other: Part) {
            sums.merge(other.sums)
            for k in 0..<256 { skipped[k] += other.skipped[k] }
            for i in reasonOf.indices where other.reasonOf[i] != 0 {
                if reasonOf[i] == 0 {
                    reasonOf[i] = other.reasonOf[i]
                } else if reasonOf[i] != other.reasonOf[i] {
                    mixed[i] = true
                }
                if other.mixed[i] { mixed[i] = true }
            }
        }
    }
}
