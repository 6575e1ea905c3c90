// The name an unnamed `select`, `derive` or `summarise` expression gets, in one
// place for the stage that makes the column and the resolver that predicts it.

extension Binding {
    /// A column keeps its name; `mean(caseload)` becomes `mean_caseload`;
    /// anything else is named by its text.
    func outputName(in source: SourceText) -> String {
        if let n = name { return n.name }
        if let c = expr.columnName { return c }
        if case .call(let f, _, let args) = expr.kind {
            if args.isEmpty { return f }
            if args.count == 1, let c = args[0].columnName { return "\(f)_\(c)" }
            if args.count == 2, let a = args[0].columnName {
                if let b = args[1].columnName { return "\(f)_\(a)_\(b)" }
                if case .decimal(let p) = args[1].kind, AggregateWord(spelled: f) == .quantile {
                    return "\(f)_\(a)_\(NumberText.shortest(p * 100))"
                }
            }
        }
        return source.slice(expr.span)
    }
}
