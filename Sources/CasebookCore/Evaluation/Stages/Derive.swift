// `derive name = expression, …`: adds columns (or replaces one of the same
// name). Each binding sees the ones before it. After `group`, an aggregate in
// the expression is worked out per group: `derive share = referrals / sum(referrals)`.

enum Derive {
    static func apply(_ table: Table, _ bindings: [Binding], _ env: StageEnvironment) throws(Diagnostic) -> Table {
        var out = table
        let (grouping, _) = try env.grouping(table, by: [])
        for binding in bindings {
            guard let name = binding.name else { continue }
            let evaluator = env.evaluator(out, mode: .rows(grouping))
            let v = try evaluator.evaluate(binding.expr)
            out.setColumn(Units.applied(v.materialize(name: name.name, count: out.rowCount), binding.expr, out))
        }
        return out
    }
}
