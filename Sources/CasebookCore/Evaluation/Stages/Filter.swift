// `where CONDITION`: keeps the rows for which the condition is true. A
// condition that is missing for a row (a comparison with a suppressed value) is
// not true, so the row goes; `is_missing(x)` finds such rows.

enum Filter {
    static func apply(_ table: Table, _ condition: Expr, _ env: StageEnvironment) throws(Diagnostic) -> Table {
        let evaluator = env.evaluator(table, mode: .rows(try env.grouping(table, by: []).0))
        let result = try evaluator.evaluate(condition)
        try evaluator.requireBoolean(result, condition, what: "`where`")
        switch result {
        case .scalar(.boolean(true)): return table
        case .scalar: return table.gather([])
        case .column(let c):
            let (data, missing) = c.parts
            guard case .boolean(let keep) = data else { return table }
            return table.gather(selected(keep, missing: missing))
        }
    }

    /// Indices of rows that are true and not missing.
    static func selected(_ keep: [Bool], missing: [UInt8]?) -> [Int32] {
        Kernels.selected(keep, missing: missing)
    }
}
