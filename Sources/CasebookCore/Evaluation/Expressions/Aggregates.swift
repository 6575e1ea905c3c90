// Aggregates: one value per group. Missing values are skipped, and the skip is
// never silent: each aggregate that left values out adds a note saying how many
// and why ("mean(caseload) skipped 3 values: 2 c, 1 x"). When every value of a
// group is missing, the result is missing with their reason.

enum Aggregates {
    static func isAggregate(_ name: String) -> Bool { AggregateWord(spelled: name) != nil }

    static func compute(
        _ rawName: String, nameSpan: SourceSpan, arguments: [Expr], span: SourceSpan, groups: Grouping,
        evaluator: ExprEvaluator
    ) throws(Diagnostic) -> Column {
        guard let name = AggregateWord(spelled: rawName) else {
            throw Diagnostic(id: .unknownFunction, message: "unknown aggregate `\(rawName)`", span: nameSpan)
        }
        try CallSignature(name.declaration).checkArguments(arguments.count, calledAs: rawName, span: span)
        let g = groups.groupCount
        let ids = groups.groupOfRow
        let label = evaluator.source.slice(span)

        if name == .count && arguments.isEmpty {
            return Column(name: "", data: .integer(AggregateKernels.counts(ids, mask: nil, groups: g, missing: false)))
        }
        // A cached column's mean, a segment at a time (the same bits as below).
        if name == .mean, let column = arguments[0].columnName.flatMap({ evaluator.table.column(named: $0) }),
            let streamed = StreamedMeans.means(of: column, ids: ids, groups: g)
        {
            var counts: [MissingReason: Int] = [:]
            for (raw, n) in streamed.skipped.enumerated() where raw != 0 && n > 0 {
                counts[MissingReason(rawValue: UInt8(raw)) ?? .undefined, default: 0] += n
            }
            if !counts.isEmpty { evaluator.context.addSkipNote(label, counts, unit: "value") }
            return Column(name: "", data: .decimal(streamed.mean), missing: streamed.emptyReasons)
        }
        // A cached column's count, extremes, mean and quantiles, a run at a
        // time, for every aggregate the stage asks of it at once (the same bits).
        if let column = arguments[0].columnName.flatMap({ evaluator.table.column(named: $0) }),
            column.count >= StreamedAggregates.minimumRows,
            let request = try streamedRequest(name, arguments, evaluator: evaluator),
            let answer = StreamedAggregates.answer(
                request, of: column, ids: ids, groups: g, memo: evaluator.streamMemo, places: evaluator.placesMemo)
        {
            if !answer.skipped.isEmpty { evaluator.context.addSkipNote(label, answer.skipped, unit: "value") }
            return answer.column
        }
        // Made once here: the loops below read it row by row.
        var x = try evaluator.evaluate(arguments[0]).materialize(name: "", count: evaluator.table.rowCount).resolvedCopy()
        try evaluator.context.cancellation.checkpoint()

        // A condition counts the rows where it holds: `count(x > 0)` is a
        // count-if, not a count of present answers (which would be every row
        // with an x), and `sum` and `mean` take it as 1 or 0 (a count, a share).
        if case .boolean(let truth) = x.data {
            switch name {
            case .count:
                let counts = AggregateKernels.trueCounts(truth, mask: x.missing, ids: ids, groups: g)
                note(evaluator, label, x)
                return Column(name: "", data: .integer(counts))
            case .sum, .mean:
                x = Column(name: "", data: .integer(truth.map { $0 ? 1 : 0 }), missing: x.missing)
            default:
                break
            }
        }

        switch name {
        case .count, .count_missing:
            let countMissing = name == .count_missing
            let counts = AggregateKernels.counts(ids, mask: x.missing, groups: g, missing: countMissing)
            if !countMissing { note(evaluator, label, x) }
            return Column(name: "", data: .integer(counts))
        case .count_distinct:
            var seen = [Set<UInt64>](repeating: [], count: g)
            let keys = Grouping.keyCodes(x)
            for (r, id) in ids.enumerated() where !x.isMissing(at: r) { seen[Int(id)].insert(keys[r]) }
            note(evaluator, label, x)
            return Column(name: "", data: .integer(seen.map { Int64($0.count) }))
        case .first, .last:
            var pick = [Int32](repeating: -1, count: g)
            for (r, id) in ids.enumerated() where !x.isMissing(at: r) {
                if name == .last || pick[Int(id)] < 0 { pick[Int(id)] = Int32(r) }
            }
            note(evaluator, label, x)
            return fillEmpty(x.gather(pick), pick: pick, x: x, ids: ids)
        case .list:
            let separator = try listSeparator(arguments, evaluator: evaluator)
            note(evaluator, label, x)
            return withEmptyGroups(joined(x, ids: ids, groups: g, separator: separator), seen: seen(x, ids: ids, groups: g), x: x, ids: ids)
        case .min, .max:
            if x.type == .text || x.type == .boolean {
                return try textExtreme(x, max: name == .max, ids: ids, groups: g, label: label, evaluator: evaluator)
            }
        default:
            break
        }
        guard x.type == .integer || x.type == .decimal else {
            throw Diagnostic(
                id: .typeMismatch,
                message: "`\(rawName)` works on numbers, but \(evaluator.describe(arguments[0])) holds \(x.type.plural)",
                span: arguments[0].span)
        }
        // As decimals only where needed: whole-number sums, means and extremes read the integers.
        lazy var values: [Double] = x.doubles() ?? []
        // corr counts what it skipped itself, by row.
        if ![.corr, .spearman, .sparkline].contains(name) { note(evaluator, label, x) }
        let mask = x.missing

        switch name {
        case .sum:
            if case .integer(let ints) = x.data, let (sums, seen) = AggregateKernels.integerSums(ints, mask: mask, ids: ids, groups: g) {
                return withEmptyGroups(Column(name: "", data: .integer(sums)), seen: seen, x: x, ids: ids)
            }
            let (sums, seen) = AggregateKernels.sums(values, mask: mask, ids: ids, groups: g)
            return withEmptyGroups(Column(name: "", data: .decimal(sums)), seen: seen, x: x, ids: ids)
        case .mean, .variance, .stddev:
            // Welford's method: stable for large sums.
            var (n, mean, m2): ([Double], [Double], [Double])
            if name == .mean, let exact = exactMeans(x, argument: arguments[0], ids: ids, groups: g, evaluator: evaluator) {
                (n, mean) = exact
                m2 = []
            } else if name == .mean {
                (n, mean) = AggregateKernels.welfordMeans(values, mask: mask, ids: ids, groups: g)
                m2 = []
            } else {
                (n, mean, m2) = AggregateKernels.welford(values, mask: mask, ids: ids, groups: g)
            }
            // A mean of finite values is finite; Welford's steps overflow past
            // ±1.8e308 (1e308 − (−1.5e308)), so such groups are summed again as Σ v/n.
            if name == .mean, mean.contains(where: { !$0.isFinite }) {
                mean = AggregateKernels.scaledMeans(values, mask: mask, ids: ids, counts: n, redo: mean.map { !$0.isFinite })
            }
            var out = [Double](repeating: 0, count: g)
            var missing = [UInt8](repeating: 0, count: g)
            for i in 0..<g {
                if name == .mean {
                    out[i] = mean[i]
                    if n[i] == 0 { missing[i] = 1 }
                } else if n[i] < 2 {
                    missing[i] = n[i] == 0 ? 1 : MissingReason.undefined.rawValue
                } else {
                    let variance = m2[i] / (n[i] - 1)
                    out[i] = name == .variance ? variance : variance.squareRoot()
                    // From finite values, a variance that is not finite (∞, or NaN
                    // from ∞ − ∞ inside Welford's steps) is one that overflowed.
                    if !out[i].isFinite { missing[i] = MissingReason.overflow.rawValue }
                }
            }
            return emptyReasons(Column(name: "", data: .decimal(out), missing: missing), x: x, ids: ids)
        case .min, .max:
            let isMax = name == .max
            if case .integer(let ints) = x.data {
                let (best, seen) = AggregateKernels.extremes(ints, mask: mask, ids: ids, groups: g, max: isMax, start: isMax ? Int64.min : Int64.max)
                return withEmptyGroups(Column(name: "", data: .integer(best)), seen: seen, x: x, ids: ids)
            }
            let (best, seen) = AggregateKernels.extremes(values, mask: mask, ids: ids, groups: g, max: isMax, start: isMax ? -Double.infinity : Double.infinity)
            return withEmptyGroups(Column(name: "", data: .decimal(best)), seen: seen, x: x, ids: ids)
        case .median, .quantile:
            let p = name == .quantile ? try quantileFraction(arguments, evaluator: evaluator) : 0.5
            let (out, missing) = AggregateKernels.quantiles(values, mask: mask, ids: ids, groups: g, p: p)
            return emptyReasons(Column(name: "", data: .decimal(out), missing: missing), x: x, ids: ids)
        case .corr, .spearman:
            let y = try evaluator.evaluate(arguments[1]).materialize(name: "", count: evaluator.table.rowCount)
            guard let yv = y.doubles() else {
                throw Diagnostic(
                    id: .typeMismatch,
                    message: "`\(name)` works on numbers, but \(evaluator.describe(arguments[1])) holds \(y.type.plural)",
                    span: arguments[1].span)
            }
            return correlation(
                values, x, yv, y, ids: ids, groups: g, label: label, ranked: name == .spearman, evaluator: evaluator)
        case .sparkline:
            let unicode = evaluator.context.settings.unicode
            let levels: [Character] = unicode ? ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"] : [".", ":", "-", "=", "+", "*", "#", "@"]
            var perGroup = [[Double?]](repeating: [], count: g)
            for (r, id) in ids.enumerated() { perGroup[Int(id)].append(x.isMissing(at: r) ? nil : values[r]) }
            var builder = TextColumnBuilder(capacity: g)
            for group in perGroup {
                let present = group.compactMap { $0 }
                let lo = present.min() ?? 0, hi = present.max() ?? 0
                builder.append(String(group.map { v -> Character in
                    guard let v else { return " " }
                    guard hi > lo else { return levels[levels.count / 2] }
                    // Halved first: the range of two values near the edge of a Double overflows to ∞.
                    let f = (v / 2 - lo / 2) / (hi / 2 - lo / 2)
                    guard f.isFinite else { return levels[levels.count / 2] }
                    return levels[max(0, min(levels.count - 1, Int(f * Double(levels.count - 1) + 0.5)))]
                }))
            }
            return Column(name: "", data: builder.finish())
        default:
            throw Diagnostic(id: .internal, message: "aggregate `\(name)` has no implementation", span: nameSpan)
        }
    }

    // MARK: - Pieces

    /// Means from exact sums where the values allow (whole numbers, or
    /// decimals of up to four places, as published figures are): the
    /// correctly rounded mean, the same in any row order. Nil otherwise.
    private static func exactMeans(
        _ x: Column, argument: Expr, ids: [Int32], groups g: Int, evaluator: ExprEvaluator
    ) -> (n: [Double], mean: [Double])? {
        switch x.data {
        case .integer(let ints):
            return AggregateKernels.integerMeans(ints, mask: x.missing, ids: ids, groups: g)
        case .decimal(let values):
            // The column's places where the argument is one (known from the
            // cache, or found once for this stage); any places that hold every
            // value give the same means.
            let named: Column? = argument.columnName.flatMap { evaluator.table.column(named: $0) }
            let places = named.flatMap { Units.valuePlaces($0, memo: evaluator.placesMemo) }
                ?? Units.valuePlaces(x)
            guard let places else { return nil }
            return AggregateKernels.decimalMeans(values, mask: x.missing, ids: ids, groups: g, places: places)
        default:
            return nil
        }
    }

    /// `quantile`'s fraction, checked.
    private static func quantileFraction(_ arguments: [Expr], evaluator: ExprEvaluator) throws(Diagnostic) -> Double {
        let pv = try evaluator.evaluate(arguments[1])
        guard case .scalar(let s) = pv, let d = s.doubleValue, d >= 0, d <= 1 else {
            throw Diagnostic(
                id: .badArgument, message: "the second argument of `quantile` must be a number from 0 to 1",
                span: arguments[1].span, help: "e.g. `quantile(caseload, 0.25)` for the lower quartile")
        }
        return d
    }

    /// What the streamed path is asked for (nil: an aggregate it does not do).
    private static func streamedRequest(
        _ name: AggregateWord, _ arguments: [Expr], evaluator: ExprEvaluator
    ) throws(Diagnostic) -> StreamedAggregates.Request? {
        switch name {
        case .quantile:
            guard arguments.count == 2 else { return nil }
            return StreamedAggregates.Request(.quantile, p: try quantileFraction(arguments, evaluator: evaluator))
        case .count, .min, .max, .mean, .median:
            return arguments.count == 1 ? StreamedAggregates.Request(name) : nil
        default:
            return nil
        }
    }

    /// `list`'s separator: ", " unless a text is given.
    private static func listSeparator(_ arguments: [Expr], evaluator: ExprEvaluator) throws(Diagnostic) -> String {
        guard arguments.count == 2 else { return ", " }
        guard case .scalar(.text(let s)) = try evaluator.evaluate(arguments[1]) else {
            throw Resolver.badListSeparator(arguments[1].span)
        }
        return s
    }

    /// Each group's present values, each once in row order, joined into one text.
    private static func joined(_ x: Column, ids: [Int32], groups g: Int, separator: String) -> Column {
        var parts = [[String]](repeating: [], count: g)
        var seen = [Set<UInt64>](repeating: [], count: g)
        let keys = Grouping.keyCodes(x)
        for (r, id) in ids.enumerated() where !x.isMissing(at: r) {
            let i = Int(id)
            if seen[i].insert(keys[r]).inserted { parts[i].append(x.value(at: r).plainText) }
        }
        var builder = TextColumnBuilder(capacity: g)
        for p in parts { builder.append(p.joined(separator: separator)) }
        return Column(name: "", data: builder.finish())
    }

    /// Which groups have a present value.
    private static func seen(_ x: Column, ids: [Int32], groups g: Int) -> [Bool] {
        var seen = [Bool](repeating: false, count: g)
        for (r, id) in ids.enumerated() where !x.isMissing(at: r) { seen[Int(id)] = true }
        return seen
    }

    /// R's type 7 (DuckDB `quantile_cont`, pandas): linear between order statistics.
    static func quantile(_ unsorted: [Double], _ p: Double) -> Double {
        var v = unsorted
        v.sort()
        let h = Double(v.count - 1) * p
        let lo = Int(h.rounded(.down))
        let hi = min(lo + 1, v.count - 1)
        return ComputedExtremes.interpolate(v[lo], v[hi], h - Double(lo))
    }

    static func valuesByGroup(_ values: [Double], mask: [UInt8]?, ids: [Int32], groups: Int) -> [[Double]] {
        var counts = [Int](repeating: 0, count: groups)
        for (r, id) in ids.enumerated() where mask == nil || mask![r] == 0 { counts[Int(id)] += 1 }
        var out = counts.map { n -> [Double] in
            var a: [Double] = []
            a.reserveCapacity(n)
            return a
        }
        for (r, id) in ids.enumerated() where mask == nil || mask![r] == 0 { out[Int(id)].append(values[r]) }
        return out
    }

    /// Groups with no present value get the reason their values shared.
    private static func withEmptyGroups(_ column: Column, seen: [Bool], x: Column, ids: [Int32]) -> Column {
        withEmptyGroups(column, seen: seen, missing: x.missing, ids: ids)
    }

    /// The same, from the missing bytes of the aggregated values.
    static func withEmptyGroups(_ column: Column, seen: [Bool], missing: [UInt8]?, ids: [Int32]) -> Column {
        guard seen.contains(false) else { return column }
        var c = column
        c.missing = seen.map { $0 ? 0 : 1 }
        return emptyReasons(c, missing: missing, ids: ids)
    }

    private static func emptyReasons(_ column: Column, x: Column, ids: [Int32]) -> Column {
        emptyReasons(column, missing: x.missing, ids: ids)
    }

    /// Replaces the placeholder reason of empty groups with the skipped values'
    /// common reason (or "no match" for a group with no rows at all).
    static func emptyReasons(_ column: Column, missing: [UInt8]?, ids: [Int32]) -> Column {
        guard var m = column.missing else { return column }
        var reasonOf = [UInt8](repeating: 0, count: m.count)
        var mixed = [Bool](repeating: false, count: m.count)
        for (r, id) in ids.enumerated() {
            let i = Int(id)
            guard m[i] == 1 else { continue }
            let reason = missing?[r] ?? 0
            if reason == 0 { continue }
            if reasonOf[i] == 0 { reasonOf[i] = reason } else if reasonOf[i] != reason { mixed[i] = true }
        }
        for i in m.indices where m[i] == 1 {
            m[i] = reasonOf[i] == 0 ? MissingReason.noMatch.rawValue : (mixed[i] ? MissingReason.notAvailable.rawValue : reasonOf[i])
        }
        var c = column
        c.missing = m
        return c
    }

    private static func fillEmpty(_ column: Column, pick: [Int32], x: Column, ids: [Int32]) -> Column {
        withEmptyGroups(column, seen: pick.map { $0 >= 0 }, x: x, ids: ids)
    }

    private static func textExtreme(
        _ x: Column, max isMax: Bool, ids: [Int32], groups g: Int, label: String, evaluator: ExprEvaluator
    ) throws(Diagnostic) -> Column {
        var best = [Int32](repeating: -1, count: g)
        switch x.data {
        case .text(let codes, let dict):
            let ranks = dict.sortRanks()
            for (r, id) in ids.enumerated() where !x.isMissing(at: r) {
                let i = Int(id)
                if best[i] < 0 {
                    best[i] = Int32(r)
                } else {
                    let a = ranks[Int(codes[r])], b = ranks[Int(codes[Int(best[i])])]
                    if isMax ? a > b : a < b { best[i] = Int32(r) }
                }
            }
        case .boolean(let v):
            for (r, id) in ids.enumerated() where !x.isMissing(at: r) {
                let i = Int(id)
                if best[i] < 0 || (isMax ? v[r] && !v[Int(best[i])] : !v[r] && v[Int(best[i])]) { best[i] = Int32(r) }
            }
        default: break
        }
        note(evaluator, label, x)
        return fillEmpty(x.gather(best), pick: best, x: x, ids: ids)
    }

    /// Pearson's r per group over rows where both are present (Spearman's rho
    /// with `ranked`: Pearson's r on the ranks within each group).
    private static func correlation(
        _ xv: [Double], _ x: Column, _ yv: [Double], _ y: Column, ids: [Int32], groups g: Int, label: String,
        ranked: Bool, evaluator: ExprEvaluator
    ) -> Column {
        var xs = [[Double]](repeating: [], count: g), ys = [[Double]](repeating: [], count: g)
        var skipped: [MissingReason: Int] = [:]
        for (r, id) in ids.enumerated() {
            if x.isMissing(at: r) || y.isMissing(at: r) {
                skipped[x.isMissing(at: r) ? x.reason(at: r) : y.reason(at: r), default: 0] += 1
                continue
            }
            xs[Int(id)].append(xv[r])
            ys[Int(id)].append(yv[r])
        }
        if !skipped.isEmpty { evaluator.context.addSkipNote(label, skipped, unit: "row") }
        var out = [Double](repeating: 0, count: g)
        var missing = [UInt8](repeating: 0, count: g)
        for i in 0..<g {
            let a = ranked ? Statistics.ranks(xs[i]) : xs[i]
            let b = ranked ? Statistics.ranks(ys[i]) : ys[i]
            if let r = Statistics.pearson(a, b) { out[i] = r } else { missing[i] = MissingReason.undefined.rawValue }
        }
        return Column(name: "", data: .decimal(out), missing: missing)
    }

    /// Records what an aggregate skipped, for the note under the result.
    private static func note(_ evaluator: ExprEvaluator, _ label: String, _ x: Column) {
        let counts = x.missingCounts()
        if !counts.isEmpty { evaluator.context.addSkipNote(label, counts, unit: "value") }
    }
}
