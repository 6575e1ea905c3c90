// `change COLUMN over ORDER [by KEYS]`: for each row, the previous row's value
// in ORDER within its group, the change and the change in per cent. "Previous"
// is the previous row that exists (a missing or suppressed previous value gives
// a missing change with that reason; the first row has no previous: "no
// match"). Row order is unchanged.

enum Change {
    static func apply(_ table: Table, column: NameRef, over: NameRef, by names: [NameRef], _ env: StageEnvironment)
        throws(Diagnostic) -> Table
    {
        let evaluator = env.evaluator(table)
        // Read row by row below: made once here.
        let value = try evaluator.column(column.name, span: column.span).resolvedCopy()
        guard let numbers = value.doubles() else {
            throw Diagnostic(
                id: .typeMismatch, message: "`change` works on numbers, but `\(value.name)` holds \(value.type.plural)",
                span: column.span)
        }
        let orderColumn = try evaluator.column(over.name, span: over.span).resolvedCopy()
        let (grouping, keys) = try env.grouping(table, by: names)
        let groups = grouping ?? Grouping.single(rows: table.rowCount)
        let order = RowOrder(columns: [(orderColumn, false)])
        let n = table.rowCount
        let orderMissing = orderColumn.missing
        var prevIndex = [Int32](repeating: -1, count: n)
        // Each group's rows in row order, then in order of the ORDER column.
        let members = groups.members()
        for g in 0..<groups.groupCount {
            if g & 1023 == 0 { try env.checkpoint() }
            let sorted = order.sorted(Array(members.rows[members.offsets[g]..<members.offsets[g + 1]]))
            for k in 1..<max(1, sorted.count) {
                let a = Int(sorted[k - 1]), b = Int(sorted[k])
                if order.compare(a, b) == 0, orderMissing == nil || orderMissing![a] == 0 {
                    let keyText = keys.isEmpty ? "" : " within " + keys.map { "\($0.name) \($0.value(at: a).plainText)" }.joined(separator: ", ")
                    var help = "add `by` with the columns that tell the series apart"
                    if keys.isEmpty, let guess = ["la_code", "la_name", "ons_code"].first(where: { table.index(of: $0) != nil }) {
                        help = "to work per authority, add `by \(guess)`"
                    }
                    throw Diagnostic(
                        id: .repeatedOrderValue,
                        message: "`\(over.name)` \(orderColumn.value(at: a).plainText) appears more than once\(keyText), so there is no single previous row",
                        span: over.span, help: help)
                }
                prevIndex[b] = Int32(a)
            }
        }
        let valueMissing = value.missing
        @inline(__always) func reason(_ r: Int) -> UInt8 {
            guard let m = valueMissing else { return 0 }
            return m[r] == 0 ? 0 : (MissingReason(rawValue: m[r]) ?? .undefined).rawValue
        }
        var previous = [Double](repeating: 0, count: n)
        var change = [Double](repeating: 0, count: n)
        var percent = [Double](repeating: 0, count: n)
        var prevMissing = [UInt8](repeating: 0, count: n)
        var changeMissing = [UInt8](repeating: 0, count: n)
        var percentMissing = [UInt8](repeating: 0, count: n)
        for r in 0..<n {
            let p = Int(prevIndex[r])
            if p < 0 {
                prevMissing[r] = MissingReason.noMatch.rawValue
            } else if reason(p) != 0 {
                prevMissing[r] = reason(p)
            } else {
                previous[r] = numbers[p]
            }
            let why = reason(r) != 0 ? reason(r) : prevMissing[r]
            if why != 0 {
                changeMissing[r] = why
                percentMissing[r] = why
                continue
            }
            change[r] = numbers[r] - previous[r]
            if previous[r] == 0 {
                percentMissing[r] = MissingReason.divisionByZero.rawValue
            } else {
                percent[r] = (numbers[r] - previous[r]) * 100.0 / previous[r]
            }
        }
        var out = table
        let base = value.name
        if case .integer(let ints) = value.data {
            let prevInts = (0..<n).map { prevIndex[$0] >= 0 ? ints[Int(prevIndex[$0])] : 0 }
            out.setColumn(Column(name: out.unusedName("\(base)_previous"), data: .integer(prevInts), missing: prevMissing))
            // A change past 64 bits (from −2^63 to 2^63 − 1) is computed as a
            // decimal, never wrapped (ComputedExtremes.swift).
            var diffs = [Int64](repeating: 0, count: n)
            var overflowed = false
            for r in 0..<n where changeMissing[r] == 0 {
                let (d, o) = ints[r].subtractingReportingOverflow(prevInts[r])
                diffs[r] = d
                overflowed = overflowed || o
            }
            let data = ComputedExtremes.integerOrDecimal(exact: diffs, wide: change, overflowed: overflowed)
            out.setColumn(Column(name: out.unusedName("\(base)_change"), data: data, missing: changeMissing))
        } else {
            out.setColumn(Column(name: out.unusedName("\(base)_previous"), data: .decimal(previous), missing: prevMissing))
            out.setColumn(Column(name: out.unusedName("\(base)_change"), data: .decimal(change), missing: changeMissing))
        }
        // A percentage change reads to one place (83.98…% is "84.0"); `round` shows more when asked.
        out.setColumn(
            Column(name: out.unusedName("\(base)_change_pct"), data: .decimal(percent), missing: percentMissing).showing(1))
        return out
    }
}
