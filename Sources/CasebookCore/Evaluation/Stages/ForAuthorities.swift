// `for NAME[, NAME…]`: the rows of the named authorities — by DfE code, ONS
// code, exact or loose name — or of England or a region. Rows with a DfE code
// match by code; rows without one (England, regions, tables with no `la_code`)
// match by name.

enum ForAuthorities {
    static func apply(_ table: Table, _ items: [Expr], _ env: StageEnvironment) throws(Diagnostic) -> Table {
        var codes = Set<Int64>()
        var names = Set<String>()
        var found: [Authority] = []
        let evaluator = env.evaluator(table)
        for item in items {
            guard case .scalar(let v) = try evaluator.evaluate(item) else {
                throw Diagnostic(
                    id: .patternNotConstant, message: "`for` takes authority names or codes, not columns",
                    span: item.span, help: "to filter on a column, use `where`")
            }
            let a = try env.context.resolveAuthority(v, span: item.span, noteFormer: false)
            if let c = a.code { codes.insert(c) }
            names.insert(a.name)
            found.append(a)
        }
        let codeColumn = table.column(named: "la_code")
        let nameColumn = table.column(named: "la_name")
        guard codeColumn != nil || nameColumn != nil else {
            throw Diagnostic(
                id: .noAuthorityColumn, message: "`for` needs a `la_code` or `la_name` column, and this table has neither",
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
        // A joint return stands for each of its members: `for "Kingston upon
        // Thames"` finds the Kingston upon Thames / Richmond upon Thames row.
        let joints = ReportingUnits.joints(in: table) ?? [:]
        var jointRows: [Int64: [Int]] = [:]
        for r in 0..<table.rowCount {
            if let v = codeValues, codeColumn?.isMissing(at: r) == false, codes.contains(v[r]) {
                keep.append(Int32(r))
            } else if let joint = joints[r], let member = joint.members.first(where: codes.contains) {
                keep.append(Int32(r))
                jointRows[member, default: []].append(r)
            } else if let wanted = wantedNameCodes, case .text(let c, _)? = nameColumn?.data,
                nameColumn?.isMissing(at: r) == false, wanted[Int(c[r])], codeColumn?.isMissing(at: r) ?? true,
                joints[r] == nil
            {
                keep.append(Int32(r))
            }
        }
        for a in found {
            guard let code = a.code else { continue }
            if let rows = jointRows[code], let joint = joints[rows[0]] {
                let others = joint.otherMembers(than: code)
                let years = Reorganisations.years(of: table, rows: rows).map { ys in
                    ys.isEmpty ? "" : " for " + Reorganisations.span(ys.min()!, ys.max()!)
                } ?? ""
                env.context.addNote(
                    "\(a.label) has no figures of its own here\(years): the DfE publishes them jointly with "
                        + Messages.andList(others) + " as one return, \(joint.label); its row is shown, and stands for both")
            }
            // Years of the table that belong to the authority's predecessors or successors.
            let others = Reorganisations.yearsByAuthority(table)
            let jointYears = Reorganisations.years(of: table, rows: jointRows[code] ?? []) ?? []
            if let note = Reorganisations.note(
                for: a, own: (others[code] ?? []).union(jointYears), others: others,
                how: { "`for \($0.map { String($0.code) }.joined(separator: ", "))`" })
            {
                env.context.addNote(note)
            } else if let note = a.formerNote {
                env.context.addNote(note)
            }
        }
        return table.gather(keep)
    }
}
