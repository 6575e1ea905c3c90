// What every stage needs besides its input table: the statement's source (for
// messages), the evaluation context, and a way to evaluate expressions.

struct StageEnvironment {
    let source: SourceText
    let context: EvaluationContext
    /// Runs a nested pipeline (the right side of a join).
    let runPipeline: (Pipeline) throws(Diagnostic) -> Table

    func evaluator(_ table: Table, mode: ExprEvaluator.Mode = .rows(nil)) -> ExprEvaluator {
        ExprEvaluator(table: table, source: source, context: context, mode: mode)
    }

    /// The grouping a stage uses: its own `by` columns, else those of a `group` stage.
    func grouping(_ table: Table, by names: [NameRef]) throws(Diagnostic) -> (Grouping?, [Column]) {
        let keys = try keyColumns(table, names.isEmpty ? table.grouping.map { NameRef($0, .at(0)) } : names)
        if keys.isEmpty { return (nil, []) }
        return (try Grouping.by(keys, rows: table.rowCount, cancellation: context.cancellation), keys)
    }

    func keyColumns(_ table: Table, _ names: [NameRef]) throws(Diagnostic) -> [Column] {
        var columns: [Column] = []
        for n in names {
            guard let c = table.column(named: n.name) else {
                throw evaluator(table).unknownColumn(n.name, span: n.span, in: table)
            }
            columns.append(c)
        }
        return columns
    }

    func checkpoint() throws(Diagnostic) { try context.cancellation.checkpoint() }

    /// A name for an unnamed expression (see `Binding.outputName`).
    func name(for binding: Binding) -> String { binding.outputName(in: source) }
}
