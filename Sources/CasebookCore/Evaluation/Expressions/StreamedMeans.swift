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
        let scale: Double
        switch column.type {
        case .integer: scale = 1
        case .decimal:
            guard let places = column.knownPlaces else { return nil }
            scale = NumberText.power10(places)
        default: return nil
        }
        let rows = source.segmentRows
        // The largest |k| the segments' ranges allow: every value is then a
        // whole number of 1/scale no larger (the packing says so), and the
        // values need not be checked one by one.
        var bound = 0.0
        for i in rows.indices {
            switch source.range(ofSegment: i) {
            case .noValues?: continue
            case .integers(let lo, let hi)?: bound = max(bound, Double(lo).magnitude * scale, Double(hi).magnitude * scale)
            case .decimals(let lo, let hi)?: bound = max(bound, (lo * scale).magnitude, (hi * scale).magnitude)
            default: return nil
            }
        }
        guard bound < 0x1p40, Double(column.count) * bound < 0x1p53 else { return nil }
        let largest = bound
        var segmentOf: [Int: Int] = [:]
        var start = 0
        for (i, n) in rows.enumerated() {
            segmentOf[start] = i
            start += n
        }
        let firstRows = segmentOf
        let parts = WorkerSlots<Part>(count: rows.count)
        let read = source.forEachRun(values: true) { first, data, mask in
            guard let i = firstRows[first], let data else { return }
            parts.set(i, Part(data, mask: mask, ids: ids, first: first, groups: g, scale: scale, bound: largest))
        }
        guard read else { return nil }
        var total = Part(groups: g)
        for i in rows.indices {
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

        init(_ data: ColumnData, mask: UnsafeBufferPointer<UInt8>?, ids: [Int32], first: Int, groups g: Int, scale: Double, bound: Double) {
            self.init(groups: g)
            ids.withUnsafeBufferPointer { all in
                let id = all.baseAddress! + first
                if let mask {
                    for r in 0..<mask.count where mask[r] != 0 {
                        let reason = mask[r], i = Int(id[r])
                        skipped[Int(reason)] += 1
                        if reasonOf[i] == 0 { reasonOf[i] = reason } else if reasonOf[i] != reason { mixed[i] = true }
                    }
                }
                switch data {
                case .decimal(let v):
                    v.withUnsafeBufferPointer { sums.addKnownDecimals($0, mask: mask?.baseAddress, ids: id, scale: scale, bound: bound) }
                case .integer(let v):
                    v.withUnsafeBufferPointer { sums.addIntegers($0, mask: mask?.baseAddress, ids: id) }
                default:
                    ok = false
                }
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
