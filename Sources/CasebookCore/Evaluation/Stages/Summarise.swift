// `summarise AGGREGATES [by KEYS]` (or after `group KEYS`), `count [by KEYS]`
// and `distinct [COLUMNS]`: one row per group, groups in key order (missing keys last).

enum Summarise {
    static func apply(_ table: Table, _ bindings: [Binding], by names: [NameRef], _ env: StageEnvironment)
        throws(Diagnostic) -> Table
    {
        let byNames = names.isEmpty ? table.grouping.map { NameRef($0, .at(0)) } : names
        let keys = try env.keyColumns(table, byNames)
        var groups = try Grouping.by(keys, rows: table.rowCount, cancellation: env.context.cancellation)
        if keys.isEmpty {
            // Without keys there is always one row, even for an empty table (count() = 0).
            groups = Grouping(groupOfRow: [Int32](repeating: 0, count: table.rowCount), groupCount: 1, firstRow: [0])
        }
        // Only figures are counted twice across levels: `min(year), max(year)`
        // or `min(la_name)` over England and its authorities is no trap.
        // `count()` names no column and counts rows: that is a figure too.
        let onlyLabels = bindings.allSatisfy { binding in
            let named = binding.expr.referencedColumns.map { table.column(named: $0) }
            return !named.isEmpty && named.allSatisfy { c in
                guard let c else { return false }
                return c.type == .text || c.unit == "year" || c.unit == "code"
            }
        }
        if !onlyLabels {
            MixedLevels.check(table, groups: groups, what: StageWord.summarise.name, env)
            ReportingUnits.check(table, groups: keys.isEmpty ? nil : groups, keys: keys, what: StageWord.summarise.name, env)
        }
        let keyNames = keys.map(\.name)
        let evaluator = env.evaluator(table, mode: .groups(groups, keys: keyNames))
        var columns: [Column] = table.rowCount == 0 && !keys.isEmpty ? keys.map { $0.gather([]) } : keys.map { $0.gather(groups.firstRow) }
        var used = Set(keyNames)
        let places = evaluator.placesMemo
        StreamedAggregates.plan(bindings.map(\.expr), into: evaluator.streamMemo)
        for binding in bindings {
            let name = env.name(for: binding)
            if used.contains(name) {
                throw Diagnostic(
                    id: .duplicateColumn, message: "`\(name)` is already a column of the result",
                    span: binding.name?.span ?? binding.expr.span,
                    help: "name it: `other = \(env.source.slice(binding.expr.span))`")
            }
            used.insert(name)
            if table.rowCount == 0 && !keys.isEmpty {
                columns.append(Column.constant(.missing(.noMatch), name: name, count: 0))
                continue
            }
            guard containsAggregate(binding.expr) || isKey(binding.expr, keyNames) else {
                throw .notSummarised(env.source.slice(binding.expr.span), at: binding.expr.span)
            }
            let v = try evaluator.evaluate(binding.expr)
            columns.append(Units.applied(v.materialize(name: name, count: groups.groupCount), binding.expr, table, memo: places))
        }
        var out = Table(columns: columns, rowCount: table.rowCount == 0 && !keys.isEmpty ? 0 : groups.groupCount, sources: table.sources)
        if !keys.isEmpty { out = sortedByKeys(out, keyCount: keys.count) }
        return out
    }

    static func containsAggregate(_ e: Expr) -> Bool {
        switch e.kind {
        case .call(let name, _, let args):
            return Aggregates.isAggregate(name) || args.contains(where: containsAggregate)
        case .unary(_, let x): return containsAggregate(x)
        case .binary(_, let a, let b): return containsAggregate(a) || containsAggregate(b)
        case .inList(let x, let items, _): return containsAggregate(x) || items.contains(where: containsAggregate)
        case .between(let x, let lo, let hi, _):
            return containsAggregate(x) || containsAggregate(lo) || containsAggregate(hi)
        case .like(let x, let p, _): return containsAggregate(x) || containsAggregate(p)
        default: return false
        }
    }

    private static func isKey(_ e: Expr, _ keys: [String]) -> Bool {
        e.columnName.map { keys.contains($0) } ?? false
    }

    /// Orders a grouped result by its first `keyCount` columns.
    static func sortedByKeys(_ table: Table, keyCount: Int) -> Table {
        let order = RowOrder(columns: table.columns.prefix(keyCount).map { ($0, false) })
        return table.gather(order.sorted((0..<table.rowCount).map { Int32($0) }))
    }

    /// `count [by KEYS]`: rows per group and their share of all rows, in key order.
    /// `percent`, or `percent_of_region` when it is a share of each region's rows.
    static func percentName(within: [NameRef]) -> String {
        within.isEmpty ? "percent" : "percent_of_" + within.map(\.name).joined(separator: "_")
    }

    static func count(_ table: Table, by names: [NameRef], within: [NameRef] = [], _ env: StageEnvironment)
        throws(Diagnostic) -> Table
    {
        let byNames = names.isEmpty ? table.grouping.map { NameRef($0, .at(0)) } : names
        let keys = try env.keyColumns(table, byNames)
        if keys.isEmpty {
            ReportingUnits.check(table, groups: nil, what: StageWord.count.name, env)
            return Table(
                columns: [Column(name: "count", data: .integer([Int64(table.rowCount)])).measuring("count")], rowCount: 1,
                sources: table.sources)
        }
        let groups = try Grouping.by(keys, rows: table.rowCount, cancellation: env.context.cancellation)
        MixedLevels.check(table, groups: groups, what: StageWord.count.name, env)
        ReportingUnits.check(table, groups: groups, keys: keys, what: StageWord.count.name, env)
        var counts = [Int64](repeating: 0, count: groups.groupCount)
        for g in groups.groupOfRow { counts[Int(g)] += 1 }
        // Each group's share of all rows, or with `within` of the rows its first keys hold.
        var totals = [Double](repeating: Double(table.rowCount), count: groups.groupCount)
        if !within.isEmpty {
            let outer = try Grouping.by(Array(keys.prefix(within.count)), rows: table.rowCount, cancellation: env.context.cancellation)
            var rows = [Double](repeating: 0, count: outer.groupCount)
            for g in outer.groupOfRow { rows[Int(g)] += 1 }
            totals = groups.firstRow.map { rows[Int(outer.groupOfRow[Int($0)])] }
        }
        var columns = keys.map { $0.gather(groups.firstRow) }
        columns.append(Column(name: "count", data: .integer(counts)).measuring("count"))
        columns.append(
            Column(
                name: percentName(within: within),
                data: .decimal(zip(counts, totals).map { NumberText.round(Double($0) * 100 / $1, places: 1) })
            ).measuring("percent"))
        return sortedByKeys(Table(columns: columns, rowCount: groups.groupCount, sources: table.sources), keyCount: keys.count)
    }

    /// `distinct [COLUMNS]`: the first row of each distinct combination, in row order.
    static func distinct(_ table: Table, _ names: [NameRef], _ env: StageEnvironment) throws(Diagnostic) -> Table {
        let keys = try env.keyColumns(table, names.isEmpty ? table.columnNames.map { NameRef($0, .at(0)) } : names)
        let groups = try Grouping.by(keys, rows: table.rowCount, cancellation: env.context.cancellation)
        if names.isEmpty { return table.gather(groups.firstRow) }
        return Table(
            columns: keys.map { $0.gather(groups.firstRow) }, rowCount: groups.groupCount, sources: table.sources)
    }

    /// `group KEYS`: checks the names and records them for the next stages.
    static func group(_ table: Table, _ names: [NameRef], _ env: StageEnvironment) throws(Diagnostic) -> Table {
        let keys = try env.keyColumns(table, names)
        var out = table
        out.grouping = keys.map(\.name)
        return out
    }
}
