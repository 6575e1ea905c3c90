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
            guard case .boolean(let keep) = c.data else { return table }
            return table.gather(selected(keep, missing: c.missing))
        }
    }

    /// Indices of rows that are true and not missing.
    static func selected(_ keep: [Bool], missing: [UInt8]?) -> [Int32] {
        var out: [Int32] = []
        out.reserveCapacity(keep.count / 4)
        keep.withUnsafeBufferPointer { k in
            if let m = missing {
                for i in 0..<k.count where k[i] && m[i] == 0 { out.append(Int32(i)) }
            } else {
                for i in 0..<k.count where k[i] { out.append(Int32(i)) }
            }
        }
        return out
    }
}
