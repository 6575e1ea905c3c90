// Grouping by text keys still in the column cache — whole, or the rows a
// filter kept — a run (segment) at a time: each run's keys are read (two runs
// at once, on both cores), turned into one slot per row (the tuple of codes,
// a missing key a code per reason after the strings'), and numbered in row
// order through one array of slots. The groups are those of Grouping.by
// (numbered by first appearance of the tuple, which its key-by-key numbering
// also gives), but no key column is ever held: at 20 M rows the two keys of a
// `summarise … by region_name, measure` were 150 MB made for the grouping.

import Dispatch

enum CachedGrouping {
    /// Below this many rows reading the keys whole costs nothing worth saving.
    static let minimumRows = 1 << 16
    /// The slots' array: at most this many (four bytes each).
    static let maximumSlots = 1 << 24
    /// Codes kept for the reasons of missing keys (MissingReason's raw values
    /// are below it; a byte that is not is a run that fails its checks).
    static let reasons = 32

    /// The grouping, or nil when the keys are not all text still in the
    /// cache with the same runs (then Grouping.by reads them).
    static func by(_ keys: [Column], rows: Int, cancellation: Cancellation) throws(Diagnostic) -> Grouping? {
        guard rows >= minimumRows, !keys.isEmpty, keys.allSatisfy({ $0.type == .text && $0.count == rows }) else { return nil }
        let runs = keys.compactMap { $0.cachedRuns(values: true) }
        guard runs.count == keys.count, let first = runs.first, first.rows == rows,
            runs.allSatisfy({ $0.segmentOf == first.segmentOf && $0.bounds == first.bounds })
        else { return nil }
        // Each key's codes: its strings', then one for each reason a key can be missing.
        var radix: [Int] = []
        var slots = 1
        for r in runs {
            let strings = r.source.column.dictionaryEntries
            radix.append(strings + reasons)
            slots *= strings + reasons
            guard slots <= maximumSlots else { return nil }
        }
        var map = [Int32](repeating: -1, count: slots)
        var ids = [Int32](repeating: 0, count: rows)
        var next: Int32 = 0
        let radices = radix
        var k = 0
        while k < first.count {
            try cancellation.checkpoint()
            let window = Array(k..<min(k + 2, first.count))
            let read = WorkerSlots<[UInt32]?>.run(window.count, parallel: window.count > 1) { w in
                slotsOf(run: window[w], runs, radices)
            }
            for (w, run) in window.enumerated() {
                guard let slotted = read[w] else { return nil }
                let start = first.bounds[run]
                slotted.withUnsafeBufferPointer { s in
                    map.withUnsafeMutableBufferPointer { m in
                        ids.withUnsafeMutableBufferPointer { id in
                            for r in 0..<s.count {
                                let slot = Int(s[r])
                                var g = m[slot]
                                if g < 0 {
                                    g = next
                                    m[slot] = g
                                    next += 1
                                }
                                id[start + r] = g
                            }
                        }
                    }
                }
            }
            k += window.count
        }
        return Grouping.finish(ids, count: Int(next), rows: rows)
    }

    /// Run k's slot for each row: the keys' codes as digits of their radices;
    /// nil when a run fails its checks.
    private static func slotsOf(run k: Int, _ runs: [CachedRuns], _ radix: [Int]) -> [UInt32]? {
        let size = runs[0].bounds[k + 1] - runs[0].bounds[k]
        var slots = [UInt32](repeating: 0, count: size)
        for (j, r) in runs.enumerated() {
            guard let (data, mask) = r.read(k), case .text(let codes, let dictionary)? = data, codes.count == size,
                mask == nil || mask!.count == size, dictionary.count + reasons == radix[j]
            else { return nil }
            if let mask, mask.contains(where: { Int($0) >= reasons }) { return nil }
            let base = UInt32(dictionary.count), scale = UInt32(radix[j])
            slots.withUnsafeMutableBufferPointer { s in
                codes.withUnsafeBufferPointer { c in
                    if let mask {
                        mask.withUnsafeBufferPointer { m in
                            for i in 0..<size { s[i] = s[i] &* scale &+ (m[i] != 0 ? base &+ UInt32(m[i]) : c[i]) }
                        }
                    } else {
                        for i in 0..<size { s[i] = s[i] &* scale &+ c[i] }
                    }
                }
            }
        }
        return slots
    }
}
