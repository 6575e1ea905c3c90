// `correlate X, Y`: how two measures move together across the rows (usually
// authorities in one year): Pearson's r on the values and Spearman's rho on
// their ranks, with how many rows were used and how many left out, and why.

enum Correlate {
    static func apply(_ table: Table, _ x: NameRef, _ y: NameRef, _ env: StageEnvironment) throws(Diagnostic) -> Table {
        let evaluator = env.evaluator(table)
        let cx = try evaluator.column(x.name, span: x.span)
        let cy = try evaluator.column(y.name, span: y.span)
        for (c, ref) in [(cx, x), (cy, y)] where !c.type.isNumeric {
            throw Diagnostic(
                id: .typeMismatch, message: "`correlate` works on numbers, but `\(c.name)` holds \(c.type.plural)",
                span: ref.span)
        }
        MixedLevels.check(table, groups: nil, what: StageWord.correlate.name, env)
        ReportingUnits.check(table, groups: nil, what: StageWord.correlate.name, env)
        let xs = cx.doubles()!, ys = cy.doubles()!
        var a: [Double] = [], b: [Double] = []
        var left: [MissingReason: Int] = [:]
        for r in 0..<table.rowCount {
            if cx.isMissing(at: r) || cy.isMissing(at: r) {
                left[cx.isMissing(at: r) ? cx.reason(at: r) : cy.reason(at: r), default: 0] += 1
            } else {
                a.append(xs[r])
                b.append(ys[r])
            }
        }
        let pearson = Statistics.pearson(a, b)
        let spearman = Statistics.pearson(Statistics.ranks(a), Statistics.ranks(b))
        let leftText = left.sorted { $0.key < $1.key }.map { "\(NumberText.grouped($0.value)) \($0.key.name)" }
            .joined(separator: ", ")
        let leftCount = Int64(left.values.reduce(0, +))
        var method = TextColumnBuilder(), reasons = TextColumnBuilder()
        for m in ["Pearson", "Spearman"] {
            method.append(m)
            reasons.append(leftText)
        }
        func value(_ r: Double?) -> Value { r.map { .decimal($0) } ?? .missing(.undefined) }
        return Table(
            columns: [
                Column(name: "method", data: method.finish()),
                Column.fromValues([value(pearson), value(spearman)], name: "r"),
                Column(name: "rows_used", data: .integer([Int64(a.count), Int64(a.count)])),
                Column(name: "left_out", data: .integer([leftCount, leftCount])),
                Column(name: "left_out_by_reason", data: reasons.finish(), missing: leftText.isEmpty ? [1, 1] : nil),
            ], sources: table.sources)
    }
}

enum Statistics {
    /// Pearson's r, or nil for fewer than two points or no variation.
    static func pearson(_ x: [Double], _ y: [Double]) -> Double? {
        let n = Double(x.count)
        guard x.count >= 2 else { return nil }
        // r does not change with scale: values near ±1.8e308 are scaled to
        // ±1 first so that their sums and squares cannot overflow.
        func scaled(_ v: [Double]) -> [Double] {
            let m = v.reduce(0) { max($0, $1.magnitude) }
            return m > 1e150 ? v.map { $0 / m } : v
        }
        let x = scaled(x), y = scaled(y)
        let mx = x.reduce(0, +) / n, my = y.reduce(0, +) / n
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for i in x.indices {
            let dx = x[i] - mx, dy = y[i] - my
            sxy += dx * dy
            sxx += dx * dx
            syy += dy * dy
        }
        guard sxx > 0, syy > 0 else { return nil }
        let r = sxy / (sxx.squareRoot() * syy.squareRoot())
        return r.isFinite ? r : nil
    }

    /// Ranks 1…n, ties given the mean of their places (as Spearman's rho needs).
    static func ranks(_ v: [Double]) -> [Double] {
        let order = v.indices.sorted { v[$0] < v[$1] }
        var ranks = [Double](repeating: 0, count: v.count)
        var i = 0
        while i < order.count {
            var j = i
            while j + 1 < order.count, v[order[j + 1]] == v[order[i]] { j += 1 }
            let mean = Double(i + j) / 2 + 1
            for k in i...j { ranks[order[k]] = mean }
            i = j + 1
        }
        return ranks
    }
}
