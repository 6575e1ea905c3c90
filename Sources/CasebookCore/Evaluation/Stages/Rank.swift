// `rank [NAME =] EXPR [desc|asc] [by KEYS]`: adds the position of each row's
// value within its group (highest first unless `asc`), competition style — tied
// values share the best rank and the next rank is skipped (1, 2, 2, 4) — and a
// `tied` column that says so, and the `quartile` of the rank (1 = the first
// quarter of ranked rows). Rows whose value is missing get no rank: their
// rank is missing with the value's reason. Row order is unchanged.

enum Rank {
    static func apply(_ table: Table, key: SortKey, by names: [NameRef], as name: NameRef?, _ env: StageEnvironment)
        throws(Diagnostic) -> Table
    {
        let value = try env.evaluator(table).evaluate(key.expr).materialize(name: "", count: table.rowCount)
        let (grouping, keys) = try env.grouping(table, by: names)
        let groups = grouping ?? Grouping.single(rows: table.rowCount)
        MixedLevels.check(table, groups: groups, what: StageWord.rank.name, env)
        ReportingUnits.check(table, groups: grouping, keys: keys, what: StageWord.rank.name, env)
        let order = RowOrder(columns: [(value, descending(key, table, env))])
        var ranks = [Int64](repeating: 0, count: table.rowCount)
        var tied = [Bool](repeating: false, count: table.rowCount)
        var quartiles = [Int64](repeating: 0, count: table.rowCount)
        var missing = [UInt8](repeating: 0, count: table.rowCount)
        for rows in groups.rowsByGroup() {
            try env.checkpoint()
            let sorted = try order.sorted(rows, cancellation: env.context.cancellation)
            let ranked = sorted.filter { !value.isMissing(at: Int($0)) }.count
            var i = 0
            while i < sorted.count {
                let r = Int(sorted[i])
                if value.isMissing(at: r) {
                    missing[r] = value.reason(at: r).rawValue
                    i += 1
                    continue
                }
                var j = i + 1
                while j < sorted.count, !value.isMissing(at: Int(sorted[j])), order.compare(r, Int(sorted[j])) == 0 {
                    j += 1
                }
                for k in i..<j {
                    ranks[Int(sorted[k])] = Int64(i + 1)
                    tied[Int(sorted[k])] = j - i > 1
                    // Quartile by rank: 1 is the first quarter of ranked rows.
                    quartiles[Int(sorted[k])] = Int64(1 + i * 4 / max(ranked, 1))
                }
                i = j
            }
        }
        var out = table
        let rankName = name?.name ?? "rank"
        out.setColumn(Column(name: rankName, data: .integer(ranks), missing: missing).measuring("rank"))
        out.setColumn(Column(name: out.unusedName(rankName == "rank" ? "tied" : "\(rankName)_tied"), data: .boolean(tied), missing: missing))
        out.setColumn(
            Column(name: out.unusedName(rankName == "rank" ? "quartile" : "\(rankName)_quartile"), data: .integer(quartiles), missing: missing)
                .measuring("rank"))
        return out
    }

    /// Highest first, unless the column's source says a lower value is
    /// better (an Ofsted grade, a re-referral rate) and no `asc`/`desc` was
    /// written: then rank 1 is the lowest, the best, and a note says so.
    static func descending(_ key: SortKey, _ table: Table, _ env: StageEnvironment) -> Bool {
        guard !key.directionWritten, let name = key.expr.columnName,
            polarity(of: name, in: table, env.context.workspace) == "low is good"
        else { return key.descending }
        env.context.addNote(
            "rank 1 is the lowest \(name), the best: its source says a lower value is better (`rank \(name) desc` ranks the highest first)")
        return false
    }

    /// The polarity the datasets the table came from give a column, when they agree.
    static func polarity(of column: String, in table: Table, _ workspace: Workspace) -> String? {
        let given = Set(table.sources.compactMap { workspace.catalog?.metadata($0.dataset)?.columns?[column]?.polarity })
        return given.count == 1 ? given.first : nil
    }
}
