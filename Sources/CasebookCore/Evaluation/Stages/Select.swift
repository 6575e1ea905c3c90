// `select`, `drop` and `rename`: which columns, in which order, under which names.

enum Select {
    /// `select a, b, rate = referrals_rate, per10k = x / y * 10000`
    static func apply(_ table: Table, _ bindings: [Binding], _ env: StageEnvironment) throws(Diagnostic) -> Table {
        let evaluator = env.evaluator(table)
        let places = Units.PlacesMemo()
        var columns: [Column] = []
        var seen: [String: SourceSpan] = [:]
        for binding in bindings {
            let name = env.name(for: binding)
            let span = binding.name?.span ?? binding.expr.span
            if seen[name] != nil {
                throw Diagnostic(
                    id: .duplicateColumn, message: "`\(name)` is selected twice", span: span,
                    help: "give one of them another name: `other = \(env.source.slice(binding.expr.span))`")
            }
            seen[name] = span
            // After `wider year …` the columns are named 2023, 2024, …; a bare
            // 2023 is still the number, which is easy to miss in the result.
            if binding.name == nil, case .integer = binding.expr.kind, table.index(of: name) != nil {
                env.context.addNote("\(name) here is the number; the column named \(name) is written in backquotes: `\(name)`")
            }
            let v = try evaluator.evaluate(binding.expr)
            columns.append(Units.applied(v.materialize(name: name, count: table.rowCount), binding.expr, table, memo: places))
        }
        var out = Table(columns: columns, rowCount: table.rowCount, sources: table.sources)
        out.grouping = table.grouping.filter { out.index(of: $0) != nil }
        return out
    }

    static func drop(_ table: Table, _ names: [NameRef], _ env: StageEnvironment) throws(Diagnostic) -> Table {
        var out = table
        for n in names {
            guard let i = out.index(of: n.name) else {
                throw env.evaluator(table).unknownColumn(n.name, span: n.span, in: out)
            }
            out.columns.remove(at: i)
        }
        out.grouping = out.grouping.filter { out.index(of: $0) != nil }
        return out
    }

    static func rename(_ table: Table, _ pairs: [(to: NameRef, from: NameRef)], _ env: StageEnvironment)
        throws(Diagnostic) -> Table
    {
        var out = table
        for (to, from) in pairs {
            guard let i = out.index(of: from.name) else {
                throw env.evaluator(table).unknownColumn(from.name, span: from.span, in: out)
            }
            if let j = out.index(of: to.name), j != i {
                throw Diagnostic.columnExists(to.name, at: to.span, help: "drop it first, or choose another name")
            }
            let old = out.columns[i].name
            out.columns[i].name = to.name
            out.grouping = out.grouping.map { $0 == old ? to.name : $0 }
        }
        return out
    }
}
