// `top N EXPR [desc|asc] [by KEYS]`: the N rows with the highest values (lowest
// with `asc`) in each group; groups in key order, rows best first. Rows whose value is missing are not candidates (a note says how many).

enum Top {
    static func apply(_ table: Table, n: Int64, key: SortKey, by names: [NameRef], _ env: StageEnvironment)
        throws(Diagnostic) -> Table
    {
        let value = try env.evaluator(table).evaluate(key.expr).materialize(name: "", count: table.rowCount)
        let (grouping, keys) = try env.grouping(table, by: names)
        let groups = grouping ?? Grouping.single(rows: table.rowCount)
        MixedLevels.check(table, groups: groups, what: StageWord.top.name, env)
        ReportingUnits.check(table, groups: grouping, keys: keys, what: StageWord.top.name, env)
        let order = RowOrder(columns: [(value, key.descending)])
        var picked: [Int32] = []
        var perGroup = groups.rowsByGroup()
        if let grouping, !keys.isEmpty {
            // Groups in the order of their keys, as summarise gives them.
            let keyOrder = RowOrder(columns: keys.map { ($0.gather(grouping.firstRow), false) })
            let order = keyOrder.sorted((0..<grouping.groupCount).map { Int32($0) })
            perGroup = order.map { perGroup[Int($0)] }
        }
        for rows in perGroup {
            try env.checkpoint()
            let present = rows.filter { !value.isMissing(at: Int($0)) }
            // The group's rows come in row order, as `first` needs.
            picked.append(contentsOf: try order.first(Int(clamping: max(0, n)), of: present, cancellation: env.context.cancellation))
        }
        let skipped = value.missingCounts()
        if !skipped.isEmpty {
            env.context.addSkipNote("top \(n) \(env.source.slice(key.expr.span))", skipped, unit: "row")
        }
        var out = table.gather(picked)
        out.grouping = table.grouping
        return out
    }
}
