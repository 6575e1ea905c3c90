// The loops behind the aggregates: one pass over the rows per aggregate,
// over contiguous arrays, with the group number of each row. The arithmetic is
// the same, in the same order, as the per-row code it replaced (sums in row
// order, Welford's mean), so results are the same to the last bit; only the
// median changed method (selection instead of a sort), which picks the same
// order statistics.

import Dispatch

enum AggregateKernels {
    /// Rows per group; with a mask, only the missing (or only the present) ones.
    static func counts(_ ids: [Int32], mask: [UInt8]?, groups g: Int, missing: Bool) -> [Int64] {
        var counts = [Int64](repeating: 0, count: g)
        counts.withUnsafeMutableBufferPointer { c in
            ids.withUnsafeBufferPointer { id in
                if let mask {
                    mask.withUnsafeBufferPointer { m in
                        for r in 0..<id.count where (m[r] != 0) == missing { c[Int(id[r])] += 1 }
                    }
                } else if !missing {
                    for r in 0..<id.count { c[Int(id[r])] += 1 }
                }
            }
        }
        return counts
    }

    /// Rows per group where a condition is true (and present).
    static func trueCounts(_ truth: [Bool], mask: [UInt8]?, ids: [Int32], groups g: Int) -> [Int64] {
        var counts = [Int64](repeating: 0, count: g)
        for (r, id) in ids.enumerated() where truth[r] && (mask == nil || mask![r] == 0) { counts[Int(id)] += 1 }
        return counts
    }

    /// Whole-number sums per group, or nil when one overflows.
    static func integerSums(_ v: [Int64], mask: [UInt8]?, ids: [Int32], groups g: Int) -> ([Int64], [Bool])? {
        var sums = [Int64](repeating: 0, count: g)
        var seen = [Bool](repeating: false, count: g)
        var overflow = false
        v.withUnsafeBufferPointer { vb in
            sums.withUnsafeMutableBufferPointer { s in
                seen.withUnsafeMutableBufferPointer { sn in
                    present(ids, mask) { r, i in
                        let (t, o) = s[i].addingReportingOverflow(vb[r])
                        s[i] = t
                        sn[i] = true
                        if o { overflow = true }
                    }
                }
            }
        }
        return overflow ? nil : (sums, seen)
    }

    static func sums(_ v: [Double], mask: [UInt8]?, ids: [Int32], groups g: Int) -> ([Double], [Bool]) {
        var sums = [Double](repeating: 0, count: g)
        var seen = [Bool](repeating: false, count: g)
        v.withUnsafeBufferPointer { vb in
            sums.withUnsafeMutableBufferPointer { s in
                seen.withUnsafeMutableBufferPointer { sn in
                    present(ids, mask) { r, i in
                        s[i] += vb[r]
                        sn[i] = true
                    }
                }
            }
        }
        return (sums, seen)
    }

    /// Welford's running count, mean and sum of squared deviations per group, in row order.
    static func welford(_ v: [Double], mask: [UInt8]?, ids: [Int32], groups g: Int) -> (n: [Double], mean: [Double], m2: [Double]) {
        var n = [Double](repeating: 0, count: g)
        var mean = [Double](repeating: 0, count: g)
        var m2 = [Double](repeating: 0, count: g)
        v.withUnsafeBufferPointer { vb in
            n.withUnsafeMutableBufferPointer { nb in
                mean.withUnsafeMutableBufferPointer { mb in
                    m2.withUnsafeMutableBufferPointer { qb in
                        present(ids, mask) { r, i in
                            nb[i] += 1
                            let d = vb[r] - mb[i]
                            mb[i] += d / nb[i]
                            qb[i] += d * (vb[r] - mb[i])
                        }
                    }
                }
            }
        }
        return (n, mean, m2)
    }

    /// Welford's running means alone (what `mean` needs): the same steps on
    /// `n` and `mean` as `welford`, so the same bits, without the squares.
    static func welfordMeans(_ v: [Double], mask: [UInt8]?, ids: [Int32], groups g: Int) -> (n: [Double], mean: [Double]) {
        var n = [Double](repeating: 0, count: g)
        var mean = [Double](repeating: 0, count: g)
        v.withUnsafeBufferPointer { vb in
            n.withUnsafeMutableBufferPointer { nb in
                mean.withUnsafeMutableBufferPointer { mb in
                    present(ids, mask) { r, i in
                        nb[i] += 1
                        mb[i] += (vb[r] - mb[i]) / nb[i]
                    }
                }
            }
        }
        return (n, mean)
    }

    /// Means from exact sums of whole numbers: each group's sum in Int64 and
    /// its mean the correctly rounded quotient. Nil when a sum overflows or
    /// passes 2^53 (then not exact as a Double).
    static func integerMeans(_ v: [Int64], mask: [UInt8]?, ids: [Int32], groups g: Int) -> (n: [Double], mean: [Double])? {
        guard let (sums, _) = integerSums(v, mask: mask, ids: ids, groups: g) else { return nil }
        let n = counts(ids, mask: mask, groups: g, missing: false)
        return exactQuotients(sums, n, scale: 1)
    }

    /// Means of decimals from exact sums: where every present value is a
    /// decimal of at most `places` places (the double nearest k / 10^places,
    /// give or take a few units in its last place, as a parsed "23.4" is), each
    /// group's whole numbers k are summed in Int64 and its mean is the
    /// correctly rounded Σk / (n × 10^places) — the mean of the figures as
    /// written, whatever order the rows come in (so parts of a column can be
    /// summed apart: StreamedMeans.swift). The result does not depend on
    /// `places` (any that holds every value gives the same quotient). Nil at
    /// the first value that is no such decimal, or when the sums could pass
    /// 2^53; then Welford's steps are used.
    static func decimalMeans(_ v: [Double], mask: [UInt8]?, ids: [Int32], groups g: Int, places: Int) -> (n: [Double], mean: [Double])? {
        let scale = NumberText.power10(places)
        var sums = ExactSums(groups: g)
        let ok = v.withUnsafeBufferPointer { vb in
            ids.withUnsafeBufferPointer { id in
                mask.withOptionalBuffer { m in sums.addDecimals(vb, mask: m, ids: id.baseAddress!, scale: scale) }
            }
        }
        guard ok, sums.exact else { return nil }
        return exactQuotients(sums.sums, sums.counts, scale: scale)
    }

    /// Each group's mean Σ / (n × scale), correctly rounded: both are exact as
    /// doubles (the sums below 2^53, n × scale too for any table).
    static func exactQuotients(_ sums: [Int64], _ n: [Int64], scale: Double) -> (n: [Double], mean: [Double])? {
        var mean = [Double](repeating: 0, count: sums.count)
        for i in sums.indices where n[i] > 0 {
            guard sums[i].magnitude <= 1 << 53 else { return nil }
            mean[i] = Double(sums[i]) / (Double(n[i]) * scale)
        }
        return (n.map { Double($0) }, mean)
    }

    /// Means as Σ v/n for the groups marked `redo` (those whose sum overflows).
    static func scaledMeans(_ v: [Double], mask: [UInt8]?, ids: [Int32], counts n: [Double], redo: [Bool]) -> [Double] {
        var means = [Double](repeating: 0, count: n.count)
        v.withUnsafeBufferPointer { vb in
            present(ids, mask) { r, i in
                if redo[i] { means[i] += vb[r] / n[i] }
            }
        }
        return means
    }

    static func extremes<T: Comparable>(
        _ v: [T], mask: [UInt8]?, ids: [Int32], groups g: Int, max isMax: Bool, start: T
    ) -> ([T], [Bool]) {
        var best = [T](repeating: start, count: g)
        var seen = [Bool](repeating: false, count: g)
        v.withUnsafeBufferPointer { vb in
            best.withUnsafeMutableBufferPointer { b in
                seen.withUnsafeMutableBufferPointer { sn in
                    if isMax {
                        present(ids, mask) { r, i in
                            if vb[r] > b[i] { b[i] = vb[r] }
                            sn[i] = true
                        }
                    } else {
                        present(ids, mask) { r, i in
                            if vb[r] < b[i] { b[i] = vb[r] }
                            sn[i] = true
                        }
                    }
                }
            }
        }
        return (best, seen)
    }

    /// Calls `body(row, group)` for each row whose value is present, in row order.
    @inline(__always)
    static func present(_ ids: [Int32], _ mask: [UInt8]?, _ body: (Int, Int) -> Void) {
        ids.withUnsafeBufferPointer { id in
            if let mask {
                mask.withUnsafeBufferPointer { m in
                    for r in 0..<id.count where m[r] == 0 { body(r, Int(id[r])) }
                }
            } else {
                for r in 0..<id.count { body(r, Int(id[r])) }
            }
        }
    }

    // MARK: - Quantiles

    /// R's type 7 quantile of each group's present values (missing 1 for a
    /// group with none): the values grouped in one array, then the two order
    /// statistics found by selection, groups split between the cores.
    static func quantiles(_ v: [Double], mask: [UInt8]?, ids: [Int32], groups g: Int, p: Double) -> ([Double], [UInt8]) {
        var offsets = [Int](repeating: 0, count: g + 1)
        offsets.withUnsafeMutableBufferPointer { o in
            present(ids, mask) { _, i in o[i + 1] += 1 }
            if g > 0 { for i in 0..<g { o[i + 1] += o[i] } }
        }
        let total = offsets[g]
        var grouped = [Double](repeating: 0, count: total)
        var cursor = offsets
        v.withUnsafeBufferPointer { vb in
            grouped.withUnsafeMutableBufferPointer { out in
                cursor.withUnsafeMutableBufferPointer { c in
                    present(ids, mask) { r, i in
                        out[c[i]] = vb[r]
                        c[i] += 1
                    }
                }
            }
        }
        return groupedQuantiles(&grouped, offsets: offsets, p: p)
    }

    /// The quantiles of values already grouped: group i's are
    /// grouped[offsets[i]..<offsets[i + 1]], in any order (each slice is
    /// reordered in place, so another quantile of the same values may follow).
    static func groupedQuantiles(_ grouped: inout [Double], offsets: [Int], p: Double) -> ([Double], [UInt8]) {
        let g = offsets.count - 1
        let total = offsets[g]
        // Two halves of the groups, by number of values, when there is enough to share.
        var split = g
        if total >= 1 << 16 {
            split = offsets.firstIndex { $0 >= total / 2 } ?? g
            split = min(max(split, 0), g)
        }
        let ranges = split < g && split > 0 ? [0..<split, split..<g] : [0..<g]
        let bounds = offsets
        // Each worker reorders only its own groups' values (disjoint slices of
        // one buffer) and hands back its quantiles through WorkerSlots.
        let parts: [[(Double, UInt8)]] = grouped.withUnsafeMutableBufferPointer { values in
            let shared = QuantileValues(values: values)
            return WorkerSlots.run(ranges.count) { k in
                ranges[k].map { i -> (Double, UInt8) in
                    let lo = bounds[i], hi = bounds[i + 1]
                    if lo == hi { return (0, 1) }
                    return (quantile(UnsafeMutableBufferPointer(rebasing: shared.values[lo..<hi]), p), 0)
                }
            }
        }
        let flat = parts.flatMap { $0 }
        return (flat.map(\.0), flat.map(\.1))
    }

    /// The grouped values, shared by the workers; each reorders only the
    /// slices of its own groups.
    private struct QuantileValues: @unchecked Sendable {
        let values: UnsafeMutableBufferPointer<Double>
    }

    /// R's type 7 on values in any order (reordered in place): linear between
    /// the order statistics at floor(h) and the next, h = (n - 1) p.
    static func quantile(_ v: UnsafeMutableBufferPointer<Double>, _ p: Double) -> Double {
        let n = v.count
        let h = Double(n - 1) * p
        let lo = Int(h.rounded(.down))
        let hi = min(lo + 1, n - 1)
        select(v, lo)
        let a = v[lo]
        var b = a
        if hi != lo {
            b = v[hi]
            for i in (lo + 1)..<n where v[i] < b { b = v[i] }
        }
        return ComputedExtremes.interpolate(a, b, h - Double(lo))
    }

    /// Reorders `v` so that v[k] is the value a sort would put there, smaller
    /// or equal ones before it and larger or equal after (Hoare's selection,
    /// median-of-three pivots; a sort when it goes badly).
    static func select(_ v: UnsafeMutableBufferPointer<Double>, _ k: Int) {
        var lo = 0, hi = v.count - 1
        var budget = 2 * (Int.bitWidth - v.count.leadingZeroBitCount) + 8
        while hi - lo > 16 {
            budget -= 1
            if budget < 0 {
                var rest = UnsafeMutableBufferPointer(rebasing: v[lo...hi])
                rest.sort()
                return
            }
            let mid = lo + (hi - lo) / 2
            if v[mid] < v[lo] { v.swapAt(mid, lo) }
            if v[hi] < v[lo] { v.swapAt(hi, lo) }
            if v[hi] < v[mid] { v.swapAt(hi, mid) }
            let pivot = v[mid]
            var i = lo, j = hi
            while i <= j {
                while v[i] < pivot { i += 1 }
                while pivot < v[j] { j -= 1 }
                if i <= j {
                    v.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            if k <= j {
                hi = j
            } else if k >= i {
                lo = i
            } else {
                return  // v[j+1..<i] are all equal to the pivot and k is among them
            }
        }
        // Insertion sort of the small rest.
        if hi > lo {
            for a in (lo + 1)...hi {
                let x = v[a]
                var b = a - 1
                while b >= lo && x < v[b] {
                    v[b + 1] = v[b]
                    b -= 1
                }
                v[b + 1] = x
            }
        }
    }
}

/// Per-group sums of whole numbers — integers, or decimals as whole numbers of
/// 10^-places — and counts, kept exact: the largest magnitude and the number
/// of values added say whether any order of adding stayed below 2^53. Parts
/// of a column summed apart and `merge`d give the same sums as one pass.
struct ExactSums {
    var sums: [Int64]
    var counts: [Int64]
    var largest = 0.0
    var present = 0

    init(groups: Int) {
        sums = [Int64](repeating: 0, count: groups)
        counts = sums
    }

    /// True when every sum is exact whatever the order the values were added in.
    var exact: Bool { Double(present) * largest < 0x1p53 }

    /// Adds the present values, each as k = v × scale, which must be a whole
    /// number give or take a few units in the last place of v; false at the
    /// first that is not (the sums are then of no use).
    mutating func addDecimals(_ v: UnsafeBufferPointer<Double>, mask: UnsafePointer<UInt8>?, ids: UnsafePointer<Int32>, scale: Double) -> Bool {
        var largest = self.largest
        var present = self.present
        let ok = sums.withUnsafeMutableBufferPointer { s in
            counts.withUnsafeMutableBufferPointer { nb in
                for r in 0..<v.count {
                    if let mask, mask[r] != 0 { continue }
                    let y = v[r] * scale
                    // |y| < 2^40: k is exact, and the check below holds for a decimal.
                    guard y.magnitude < 0x1p40 else { return false }
                    let k = Int64(y + (y < 0 ? -0.5 : 0.5))
                    let whole = Double(k).magnitude
                    guard (y - Double(k)).magnitude <= whole * 0x1p-49 else { return false }
                    let i = Int(ids[r])
                    s[i] &+= k
                    nb[i] &+= 1
                    largest = whole > largest ? whole : largest
                    present &+= 1
                }
                return true
            }
        }
        self.largest = largest
        self.present = present
        return ok
    }

    /// Adds the present values as k = v × scale, rounded, without checking
    /// them: for values known to be such decimals with |k| at most `bound`
    /// (the cache's packing and ranges say so), which `largest` takes.
    mutating func addKnownDecimals(_ v: UnsafeBufferPointer<Double>, mask: UnsafePointer<UInt8>?, ids: UnsafePointer<Int32>, scale: Double, bound: Double) {
        var present = 0
        sums.withUnsafeMutableBufferPointer { s in
            counts.withUnsafeMutableBufferPointer { nb in
                for r in 0..<v.count {
                    if let mask, mask[r] != 0 { continue }
                    let y = v[r] * scale
                    let i = Int(ids[r])
                    s[i] &+= Int64(y + (y < 0 ? -0.5 : 0.5))
                    nb[i] &+= 1
                    present &+= 1
                }
            }
        }
        largest = max(largest, bound)
        self.present += present
    }

    /// Adds the present whole numbers (wrapping: `exact` says whether it could have).
    mutating func addIntegers(_ v: UnsafeBufferPointer<Int64>, mask: UnsafePointer<UInt8>?, ids: UnsafePointer<Int32>) {
        var largest = self.largest
        var present = self.present
        sums.withUnsafeMutableBufferPointer { s in
            counts.withUnsafeMutableBufferPointer { nb in
                for r in 0..<v.count {
                    if let mask, mask[r] != 0 { continue }
                    let k = v[r]
                    let i = Int(ids[r])
                    s[i] &+= k
                    nb[i] &+= 1
                    let whole = Double(k).magnitude
                    largest = whole > largest ? whole : largest
                    present &+= 1
                }
            }
        }
        self.largest = largest
        self.present = present
    }

    /// Adds another part's sums.
    mutating func merge(_ other: ExactSums) {
        for i in sums.indices {
            sums[i] &+= other.sums[i]
            counts[i] &+= other.counts[i]
        }
        largest = max(largest, other.largest)
        present += other.present
    }
}
