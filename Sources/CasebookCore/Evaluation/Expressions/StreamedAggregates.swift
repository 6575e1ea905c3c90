// `count(x)`, `min(x)`, `max(x)`, `mean(x)`, `median(x)` and `quantile(x, p)`
// of a column still in the column cache — whole, or the rows a filter kept
// (CachedRuns.swift) — worked out a run (segment) at a time, the runs shared
// between both cores, so the column is never made: `where … | summarise
// mean(x), median(x), min(x), max(x), count(x) by …` reads x's kept rows once
// for all five (the stage says beforehand what it will ask: `plan`) and holds
// only the group numbers, what each aggregate keeps per group and, for a
// median, the kept values grouped.
//
// The answers are those of the whole-column path (Aggregates.swift) bit for
// bit, with the same notes and the same reasons for empty groups: the missing
// bytes are read first and give the counts, the skipped values and those
// reasons; each core takes a contiguous half of the runs, so its extremes keep
// the first of equal values as a pass in row order would, and the halves are
// merged in order; sums are exact (ExactSums), so the order they are added in
// does not matter; a median's values are placed in each group's slice in row
// order. What this cannot do — another aggregate, a mean of a column whose
// places the cache does not know, sums that could pass 2^53, a segment that
// fails its checks — is left to the whole-column path.

import Dispatch

enum StreamedAggregates {
    /// Below this many rows making the column costs nothing worth saving.
    static let minimumRows = 1 << 16

    /// One aggregate of a column: `median` is the quantile at 0.5.
    struct Request: Hashable, Sendable {
        let word: AggregateWord
        /// The fraction for a quantile, else 0.
        let p: Double

        init?(_ word: AggregateWord, p: Double = 0.5) {
            switch word {
            case .count, .min, .max, .mean: (self.word, self.p) = (word, 0)
            case .median: (self.word, self.p) = (.quantile, 0.5)
            case .quantile: (self.word, self.p) = (.quantile, p)
            default: return nil
            }
        }
    }

    /// What one stage's evaluator asks of each column, and what it got.
    final class Memo {
        /// The requests of each column, from the stage's expressions (`plan`).
        var planned: [String: Set<Request>] = [:]
        var answered: [String: Outcome] = [:]
        /// Columns that cannot be read this way (not asked again).
        var refused: Set<String> = []
    }

    struct Outcome {
        var columns: [Request: Column] = [:]
        /// The skipped values, by reason (each aggregate notes them).
        var skipped: [MissingReason: Int] = [:]
    }

    /// Notes every streamable aggregate of a column in `expressions`, so the
    /// first to run reads the column once for all of them.
    static func plan(_ expressions: [Expr], into memo: Memo) {
        func walk(_ e: Expr) {
            switch e.kind {
            case .call(let name, _, let arguments):
                if let word = AggregateWord(spelled: name), let column = arguments.first?.columnName {
                    var p = 0.5
                    if word == .quantile {
                        guard arguments.count == 2, let fraction = literal(arguments[1]), fraction >= 0, fraction <= 1 else { break }
                        p = fraction
                    }
                    if let request = Request(word, p: p), word == .count ? arguments.count == 1 : true {
                        memo.planned[column, default: []].insert(request)
                    }
                }
                arguments.forEach(walk)
            case .unary(_, let x): walk(x)
            case .binary(_, let a, let b):
                walk(a)
                walk(b)
            default: break
            }
        }
        expressions.forEach(walk)
    }

    private static func literal(_ e: Expr) -> Double? {
        switch e.kind {
        case .integer(let v): return Double(v)
        case .decimal(let v): return v
        default: return nil
        }
    }

    /// `request` of `column` (a column of the table grouped by `ids`) and the
    /// values it skipped; nil when the column must be read whole.
    static func answer(
        _ request: Request, of column: Column, ids: [Int32], groups g: Int, memo: Memo, places: Units.PlacesMemo
    ) -> (column: Column, skipped: [MissingReason: Int])? {
        let name = column.name
        if let done = memo.answered[name], let c = done.columns[request] { return (c, done.skipped) }
        guard !memo.refused.contains(name) else { return nil }
        var wanted = memo.planned[name] ?? []
        wanted.insert(request)
        if let done = memo.answered[name] { wanted.subtract(done.columns.keys) }
        guard let outcome = run(column, wanted, ids: ids, groups: g, places: places) else {
            memo.refused.insert(name)
            return nil
        }
        var all = memo.answered[name] ?? Outcome()
        all.columns.merge(outcome.columns) { a, _ in a }
        all.skipped = outcome.skipped
        memo.answered[name] = all
        guard let c = all.columns[request] else { return nil }
        return (c, all.skipped)
    }

    // MARK: - One pass

    private static func run(_ column: Column, _ wanted: Set<Request>, ids: [Int32], groups g: Int, places: Units.PlacesMemo) -> Outcome? {
        let n = column.count
        guard n >= minimumRows, ids.count == n, g > 0 else { return nil }
        let numeric = column.type == .integer || column.type == .decimal
        // A count of a condition counts where it holds (Aggregates.swift): not here.
        let requests = wanted.filter { numeric || ($0.word == .count && column.type != .boolean) }
        guard !requests.isEmpty, let maskRuns = column.cachedRuns(values: false), maskRuns.rows == n,
            let mask = missingBytes(maskRuns)
        else { return nil }
        var out = Outcome()
        out.skipped = Column.missingCounts(mask)
        let present = AggregateKernels.counts(ids, mask: mask, groups: g, missing: false)
        if requests.contains(Request(.count)!) {
            out.columns[Request(.count)!] = Column(name: "", data: .integer(present))
        }
        let valued = requests.filter { $0.word != .count }
        guard !valued.isEmpty else { return out }
        guard let runs = column.cachedRuns(values: true) else { return out }

        // The whole numbers a mean is summed in, and how large they can be.
        var meanScale: (scale: Double, bound: Double)? = nil
        if valued.contains(Request(.mean)!), let (_, scale, bound) = runs.source.exactSums(rows: n) { meanScale = (scale, bound) }
        // The places the figures need, for showing the results, unless known.
        let wantPlaces = column.type == .decimal && column.places == nil && column.knownPlaces == nil
            && places.places.index(forKey: column.name) == nil
        // A median's values, grouped: each group's slice, in row order.
        let quantiles = valued.filter { $0.word == .quantile }
        var offsets = [Int](repeating: 0, count: g + 1)
        for i in 0..<g { offsets[i + 1] = offsets[i] + Int(present[i]) }
        var grouped = [Double](repeating: 0, count: quantiles.isEmpty ? 0 : offsets[g])

        // Two contiguous halves of the runs, one per core.
        var split: Int? = nil
        if runs.count > 1, n >= Self.minimumRows, let k = runs.bounds.firstIndex(where: { $0 >= n / 2 }), k > 0, k < runs.count { split = k }
        let halves = split.map { [0..<$0, $0..<runs.count] } ?? [0..<runs.count]
        // Where the second half's values of each group start: after the first's.
        var firstCursors = [offsets]
        if halves.count == 2, !quantiles.isEmpty {
            var second = offsets
            let end = runs.bounds[halves[1].lowerBound]
            for r in 0..<end where mask == nil || mask![r] == 0 { second[Int(ids[r])] += 1 }
            firstCursors.append(second)
        }
        let starts = firstCursors
        let wants = Wants(
            min: valued.contains(Request(.min)!), max: valued.contains(Request(.max)!), sums: meanScale,
            quantiles: !quantiles.isEmpty, places: wantPlaces, integer: column.type == .integer)
        let parts: [Part] = grouped.withUnsafeMutableBufferPointer { groupedBuffer in
            let target = RawOut(groupedBuffer.baseAddress.map { UnsafeMutableRawPointer($0) })
            return WorkerSlots.run(halves.count, parallel: halves.count > 1) { h in
                var part = Part(groups: g, wants: wants)
                if h < starts.count { part.cursor = starts[h] }
                ids.withUnsafeBufferPointer { all in
                    for k in halves[h] {
                        guard part.ok else { return }
                        part.add(run: k, of: runs, ids: all.baseAddress! + runs.bounds[k], into: target.pointer)
                    }
                }
                return part
            }
        }
        guard parts.allSatisfy(\.ok) else { return out }
        var total = parts[0]
        for part in parts.dropFirst() { total.merge(part) }

        if wantPlaces { places.places[column.name] = total.places }
        let seen = present.map { $0 > 0 }
        for (request, best) in [(Request(.min)!, total.low), (Request(.max)!, total.high)] where valued.contains(request) {
            let data: ColumnData = column.type == .integer ? .integer(best.integers) : .decimal(best.decimals)
            out.columns[request] = Aggregates.withEmptyGroups(Column(name: "", data: data), seen: seen, missing: mask, ids: ids)
        }
        if let (scale, _) = meanScale, let sums = total.sums, sums.exact,
            let (_, mean) = AggregateKernels.exactQuotients(sums.sums, sums.counts, scale: scale)
        {
            let empty = present.map { $0 == 0 ? UInt8(1) : 0 }
            out.columns[Request(.mean)!] = Aggregates.emptyReasons(
                Column(name: "", data: .decimal(mean), missing: empty), missing: mask, ids: ids)
        }
        for request in quantiles {
            let (q, empty) = AggregateKernels.groupedQuantiles(&grouped, offsets: offsets, p: request.p)
            out.columns[request] = Aggregates.emptyReasons(
                Column(name: "", data: .decimal(q), missing: empty), missing: mask, ids: ids)
        }
        return out
    }

    /// The column's missing bytes (nil when none is missing); `.some(nil)`
    /// is "none", and nil "a segment failed its checks".
    private static func missingBytes(_ runs: CachedRuns) -> [UInt8]?? {
        let any = (0..<runs.count).contains { runs.segment($0).mask != nil }
        guard any else { return .some(nil) }
        let status = ReadStatus()
        var mask = [UInt8](repeating: 0, count: runs.rows)
        mask.withUnsafeMutableBufferPointer { m in
            let out = RawOut(UnsafeMutableRawPointer(m.baseAddress!))
            let visit: @Sendable (Int) -> Void = { k in
                guard runs.segment(k).mask != nil else { return }
                guard let (_, bytes) = runs.read(k) else { return status.fail() }
                guard let bytes else { return }
                guard bytes.count == runs.bounds[k + 1] - runs.bounds[k] else { return status.fail() }
                bytes.withUnsafeBytes { out.pointer!.advanced(by: runs.bounds[k]).copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
            }
            if runs.count > 1 {
                DispatchQueue.concurrentPerform(iterations: runs.count, execute: visit)
            } else {
                for k in 0..<runs.count { visit(k) }
            }
        }
        guard !status.failed else { return nil }
        return .some(Column.anySet(mask) ? mask : nil)
    }

    private struct Wants: Sendable {
        let min: Bool, max: Bool
        let sums: (scale: Double, bound: Double)?
        let quantiles: Bool, places: Bool, integer: Bool
    }

    /// Per group the extremes so far, as whole numbers or decimals.
    private struct Extremes {
        var integers: [Int64] = []
        var decimals: [Double] = []
    }

    /// What one core's half of the runs gave.
    private struct Part {
        let wants: Wants
        var low = Extremes(), high = Extremes()
        var sums: ExactSums?
        /// Where each group's next value goes in the grouped values.
        var cursor: [Int] = []
        /// The most places a value needed (when asked).
        var places = 0
        var ok = true

        init(groups g: Int, wants: Wants) {
            self.wants = wants
            if wants.integer {
                if wants.min { low.integers = [Int64](repeating: .max, count: g) }
                if wants.max { high.integers = [Int64](repeating: .min, count: g) }
            } else {
                if wants.min { low.decimals = [Double](repeating: .infinity, count: g) }
                if wants.max { high.decimals = [Double](repeating: -.infinity, count: g) }
            }
            if wants.sums != nil { sums = ExactSums(groups: g) }
        }

        mutating func add(run k: Int, of runs: CachedRuns, ids: UnsafePointer<Int32>, into grouped: UnsafeMutableRawPointer?) {
            let size = runs.bounds[k + 1] - runs.bounds[k]
            guard let (data, mask) = runs.read(k), let data, data.rows == size, mask == nil || mask!.count == size else {
                return ok = false
            }
            mask.withOptionalBuffer { m in
                switch data {
                case .integer(let v):
                    v.withUnsafeBufferPointer { add($0, m, ids, grouped) }
                    if wants.min { Self.extremes(v, m, ids, &low.integers) { $0 < $1 } }
                    if wants.max { Self.extremes(v, m, ids, &high.integers) { $0 > $1 } }
                    if wants.sums != nil { v.withUnsafeBufferPointer { sums!.addIntegers($0, mask: m, ids: ids) } }
                case .decimal(let v):
                    v.withUnsafeBufferPointer { addDecimals($0, m, ids, grouped) }
                    if wants.places { notePlaces(v, m, segment: runs.segment(k)) }
                default:
                    ok = false
                }
            }
        }

        /// Places the run's values for the quantiles.
        private mutating func add<T: BinaryInteger>(_ v: UnsafeBufferPointer<T>, _ m: UnsafePointer<UInt8>?, _ ids: UnsafePointer<Int32>, _ grouped: UnsafeMutableRawPointer?) {
            guard wants.quantiles, let out = grouped?.assumingMemoryBound(to: Double.self) else { return }
            cursor.withUnsafeMutableBufferPointer { c in
                for r in 0..<v.count where m == nil || m![r] == 0 {
                    let i = Int(ids[r])
                    out[c[i]] = Double(v[r])
                    c[i] += 1
                }
            }
        }

        /// Decimals, the most common case, in one loop for every aggregate:
        /// extremes, exact sums (as ExactSums.addKnownDecimals) and the
        /// values placed for the quantiles.
        private mutating func addDecimals(
            _ v: UnsafeBufferPointer<Double>, _ m: UnsafePointer<UInt8>?, _ ids: UnsafePointer<Int32>, _ grouped: UnsafeMutableRawPointer?
        ) {
            let out = wants.quantiles ? grouped?.assumingMemoryBound(to: Double.self) : nil
            let (wantsMin, wantsMax) = (wants.min, wants.max)
            let scale = wants.sums?.scale ?? 1
            let summing = sums != nil
            // Taken out, so that its arrays are written in place.
            var totals = sums ?? ExactSums(groups: 0)
            sums = nil
            var present = 0
            low.decimals.withUnsafeMutableBufferPointer { lo in
                high.decimals.withUnsafeMutableBufferPointer { hi in
                    cursor.withUnsafeMutableBufferPointer { c in
                        totals.sums.withUnsafeMutableBufferPointer { s in
                            totals.counts.withUnsafeMutableBufferPointer { nb in
                                for r in 0..<v.count {
                                    if let m, m[r] != 0 { continue }
                                    let x = v[r], i = Int(ids[r])
                                    if wantsMin, x < lo[i] { lo[i] = x }
                                    if wantsMax, x > hi[i] { hi[i] = x }
                                    if summing {
                                        let y = x * scale
                                        s[i] &+= Int64(y + (y < 0 ? -0.5 : 0.5))
                                        nb[i] &+= 1
                                        present &+= 1
                                    }
                                    if let out {
                                        out[c[i]] = x
                                        c[i] += 1
                                    }
                                }
                            }
                        }
                    }
                }
            }
            if summing, let bound = wants.sums?.bound {
                totals.present += present
                totals.largest = max(totals.largest, bound)
                sums = totals
            }
        }

        /// The first value of each group that beats the best so far (ties
        /// keep the earlier, as a pass in row order does).
        private static func extremes<T>(_ v: [T], _ m: UnsafePointer<UInt8>?, _ ids: UnsafePointer<Int32>, _ best: inout [T], _ beats: (T, T) -> Bool) {
            v.withUnsafeBufferPointer { vb in
                best.withUnsafeMutableBufferPointer { b in
                    for r in 0..<vb.count where m == nil || m![r] == 0 {
                        let i = Int(ids[r])
                        if beats(vb[r], b[i]) { b[i] = vb[r] }
                    }
                }
            }
        }

        /// The places the run's values need: none in a segment of whole
        /// numbers, at most d in one packed as whole numbers of 10^-d (so a
        /// run is not looked at once the places reach its d).
        private mutating func notePlaces(_ v: [Double], _ m: UnsafePointer<UInt8>?, segment: StoredSegment) {
            var cap = ColumnFormat.maximumDecimals
            if segment.kind == .integer { return }
            if case .offset(_, _, let d) = segment.packing { cap = min(cap, d) }
            guard cap > places else { return }
            let need = v.withUnsafeBufferPointer { NumberText.decimalsNeeded(of: $0, mask: m, maxDecimals: cap) }
            places = max(places, need)
        }

        /// Adds the next half: its extremes win only when strictly better.
        mutating func merge(_ other: Part) {
            func take<T>(_ a: inout [T], _ b: [T], _ beats: (T, T) -> Bool) {
                for i in a.indices where beats(b[i], a[i]) { a[i] = b[i] }
            }
            take(&low.integers, other.low.integers) { $0 < $1 }
            take(&high.integers, other.high.integers) { $0 > $1 }
            take(&low.decimals, other.low.decimals) { $0 < $1 }
            take(&high.decimals, other.high.decimals) { $0 > $1 }
            if let o = other.sums { sums?.merge(o) }
            places = max(places, other.places)
            ok = ok && other.ok
        }
    }
}
