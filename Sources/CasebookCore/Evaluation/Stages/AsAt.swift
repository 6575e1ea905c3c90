// `as_at DATE [published | inspected]`: each authority's Ofsted judgement on a
// date. An inspection row's year is the year its report was published, and
// the table holds every inspection since 2009, so "which judgement stood on
// 31 March 2019?" is the latest graded inspection of each authority published
// on or before then: the judgement in force (the default). Ofsted's own tables
// "as at 31 March" count instead every inspection carried out by then, however
// late its report came out; `inspected` reproduces them (an inspection's first
// day, where the source gives it — ILACS — else its publication date). A year
// alone means 31 March of it.

enum AsAt {
    static func apply(_ table: Table, _ dateExpr: Expr, inspected: Bool, _ env: StageEnvironment) throws(Diagnostic)
        -> Table
    {
        let date = try self.date(dateExpr, env, table)
        let needed = ["la_code", "published"]
        for name in needed where table.column(named: name) == nil {
            throw Diagnostic(
                id: .notInspections,
                message: "`as_at` needs the columns la_code and published (the date a judgement was published), and this table has no `\(name)`",
                span: dateExpr.span, help: "it works on `inspections`")
        }
        let codes = table.column(named: "la_code")!, published = table.column(named: "published")!
        guard case .integer(let codeValues) = codes.data, case .text(let dateCodes, let dates) = published.data else {
            throw Diagnostic(
                id: .notInspections, message: "`as_at` needs whole-number codes in la_code and dates (YYYY-MM-DD) in published",
                span: dateExpr.span)
        }
        // The date that counts for each row.
        let started = inspected ? table.column(named: "inspection_date") : nil
        let startedDates: (codes: [UInt32], dict: TextDictionary)? = {
            if case .text(let c, let d)? = started?.data { return (c, d) }
            return nil
        }()
        func when(_ r: Int) -> String {
            if let s = startedDates, !started!.isMissing(at: r), !s.dict[s.codes[r]].isEmpty { return s.dict[s.codes[r]] }
            return dates[dateCodes[r]]
        }
        // Rows without an overall judgement (SLAC inspections and re-inspections)
        // never set the judgement.
        let judgement = table.column(named: "overall_effectiveness")
        var best: [Int64: (row: Int, date: String)] = [:]
        for r in 0..<table.rowCount where !codes.isMissing(at: r) && !published.isMissing(at: r) {
            try env.checkpoint()
            let d = when(r)
            guard d <= date else { continue }
            if let judgement, judgement.isMissing(at: r) { continue }
            let code = codeValues[r]
            // The latest wins; on the same day, the later row.
            if let b = best[code], b.date > d { continue }
            best[code] = (r, d)
        }
        // An authority abolished by the date has no judgement in force.
        var abolished: [String] = []
        if let index = try env.context.workspace.authorities(cancellation: env.context.cancellation) {
            for a in index.authorities {
                guard let c = a.code, let last = a.lastYear, best[c] != nil, "\(last)-03-31" < date else { continue }
                best[c] = nil
                abolished.append(a.label)
            }
        }
        let keep = best.values.map(\.row).sorted().map { Int32($0) }
        let count = Messages.plural(keep.count, "authority", "authorities")
        env.context.addNote(
            inspected
                ? "as at \(date), as Ofsted's tables count it: for \(count), the latest inspection with an overall judgement carried out by that date (its first day; the publication date where the source has no first day), even if its report came out later"
                : "as at \(date): the judgement in force for \(count), that of its latest inspection with an overall judgement published on or before that date (`as_at … inspected` counts inspections carried out by then, as Ofsted's 'as at' tables do)")
        if !abolished.isEmpty {
            env.context.addNote(
                "left out as abolished by \(date): \(Messages.andList(abolished.sorted()))")
        }
        var out = table.gather(keep)
        out.grouping = table.grouping
        return out
    }

    /// "2025-03-31" as written, or a year Y as "Y-03-31".
    static func date(_ expr: Expr, _ env: StageEnvironment, _ table: Table) throws(Diagnostic) -> String {
        guard case .scalar(let value) = try env.evaluator(table).evaluate(expr) else {
            throw Diagnostic(
                id: .badArgument, message: "`as_at` takes one date, not a column", span: expr.span,
                help: "write the date in quotes: `as_at \"2025-03-31\"`")
        }
        switch value {
        case .integer(let y) where y >= 1000 && y <= 9999:
            return "\(y)-03-31"
        case .text(let s) where isDate(s):
            return s
        default:
            throw Diagnostic(
                id: .badArgument, message: "`as_at` takes a date written YYYY-MM-DD, or a year, not \(value.plainText.isEmpty ? "that" : "`\(value.plainText)`")",
                span: expr.span, help: "e.g. `as_at \"2025-03-31\"`, or `as_at 2025` for 31 March 2025")
        }
    }

    /// YYYY-MM-DD with a month 01–12 and a day 01–31.
    static func isDate(_ s: String) -> Bool {
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
            let m = Int(parts[1]), let d = Int(parts[2]), (1...12).contains(m), (1...31).contains(d)
        else { return false }
        return true
    }
}
