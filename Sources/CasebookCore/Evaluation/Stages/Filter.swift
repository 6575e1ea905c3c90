// `where CONDITION`: keeps the rows for which the condition is true. A
// condition that is missing for a row (a comparison with a suppressed value) is
// not true, so the row goes; `is_missing(x)` finds such rows.

enum Filter {
    static func apply(_ table: Table, _ condition: Expr, _ env: StageEnvironment) throws(Diagnostic) -> Table {
        // Tests a cached table can answer a segment at a time (SegmentFilter.swift).
        if let rows = try SegmentFilter.rows(table, condition, cancellation: env.context.cancellation) {
            noteJointMembers(condition, table, env)
            return table.gather(rows)
        }
        let evaluator = env.evaluator(table, mode: .rows(try env.grouping(table, by: []).0))
        let result = try evaluator.evaluate(condition)
        noteJointMembers(condition, table, env)
        try evaluator.requireBoolean(result, condition, what: Messages.code(StageWord.where.name))
        switch result {
        case .scalar(.boolean(true)): return table
        case .scalar: return table.gather([])
        case .column(let c):
            let (data, missing) = c.parts
            guard case .boolean(let keep) = data else { return table }
            return table.gather(selected(keep, missing: missing))
        }
    }

    /// `where la_code = 314` cannot find Kingston upon Thames's figures where
    /// they are in a joint return (a row with no la_code): say so, and how.
    static func noteJointMembers(_ condition: Expr, _ table: Table, _ env: StageEnvironment) {
        guard let joints = ReportingUnits.joints(in: table) else { return }
        var codes: [Int64] = []
        func walk(_ e: Expr) {
            switch e.kind {
            case .binary(let op, let a, let b):
                if op == .equal || op == .notEqual {
                    if a.columnName?.lowercased() == "la_code", case .integer(let c) = b.kind { codes.append(c) }
                    if b.columnName?.lowercased() == "la_code", case .integer(let c) = a.kind { codes.append(c) }
                }
                walk(a)
                walk(b)
            case .inList(let x, let items, _):
                if x.columnName?.lowercased() == "la_code" {
                    for item in items { if case .integer(let c) = item.kind { codes.append(c) } }
                }
            case .unary(_, let x): walk(x)
            default: break
            }
        }
        walk(condition)
        var seen = Set<String>()
        for code in codes {
            guard let joint = joints.values.first(where: { $0.members.contains(code) }), !seen.contains(joint.code) else { continue }
            seen.insert(joint.code)
            env.context.addNote(
                "in this table the figures of \(code) are in a joint return, \(joint.label), whose row has no la_code; `for \(code)` finds it")
        }
    }

    /// Indices of rows that are true and not missing.
    static func selected(_ keep: [Bool], missing: [UInt8]?) -> [Int32] {
        Kernels.selected(keep, missing: missing)
    }
}
