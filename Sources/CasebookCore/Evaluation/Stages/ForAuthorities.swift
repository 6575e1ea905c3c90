// `for NAME[, NAME…]`: the rows of the named authorities — by DfE code, ONS
// code, exact or loose name — or of England or a region. Rows with a DfE code
// match by code; rows without one (England, regions, tables with no `la_code`)
// match by name.

enum ForAuthorities {
    static func apply(_ table: Table, _ items: [Expr], _ env: StageEnvironment) throws(Diagnostic) -> Table {
        var codes = Set<Int64>()
        var names = Set<String>()
        let evaluator = env.evaluator(table)
        for item in items {
            guard case .scalar(let v) = try evaluator.evaluate(item) else {
                throw Diagnostic(
                    id: "pattern-not-constant", message: "`for` takes authority names or codes, not columns",
                    span: item.span, help: "to filter on a column, use `where`")
            }
            let a = try env.context.resolveAuthority(v, span: item.span)
            if let c = a.code { codes.insert(c) }
            names.insert(a.name)
        }
        let codeColumn = table.column(named: "la_code")
        let nameColumn = table.column(named: "la_name")
        guard codeColumn != nil || nameColumn != nil else {
            throw Diagnostic(
                id: "no-authority-column", message: "`for` needs a `la_code` or `la_name` column, and this table has neither",
                span: items.first!.span.union(items.last!.span),
                help: "join the authorities first, or filter with `where`")
        }
        var keep: [Int32] = []
        let codeValues: [Int64]? = {
            if case .integer(let v)? = codeColumn?.data { return v }
            return nil
        }()
        let wantedNameCodes: [Bool]? = {
            guard case .text(_, let dict)? = nameColumn?.data else { return nil }
            return dict.values.map { names.contains($0) }
        }()
        for r in 0..<table.rowCount {
            if let v = codeValues, codeColumn?.isMissing(at: r) == false, codes.contains(v[r]) {
                keep.append(Int32(r))
            } else if let wanted = wantedNameCodes, case .text(let c, _)? = nameColumn?.data,
                nameColumn?.isMissing(at: r) == false, wanted[Int(c[r])], codeColumn?.isMissing(at: r) ?? true
            {
                keep.append(Int32(r))
            }
        }
        return table.gather(keep)
    }
}
