// The pass between the parser and the evaluator (Crafting Interpreters'
// resolver, PRQL's semantic module): it walks a pipeline with the shape of each
// table and no figures, binds every column and call, and reports every unknown
// name with its place and a "did you mean". The shapes come from the workspace
// (a dataset's columns are known without computing anything); the evaluator
// then runs a statement the resolver found nothing wrong with.
//
// It does not judge what only the figures can say (a join's clashing columns
// that agree, `wider`'s new columns, a value's type after `number(…)`): those
// are left open, and the evaluator still checks them.

struct Resolver {
    /// The shape of a named table (a dataset or a result kept with `let`/`load`), nil if there is none.
    let schemaOf: (String) throws(Diagnostic) -> Schema?
    let source: SourceText

    public init(source: SourceText, schemaOf: @escaping (String) throws(Diagnostic) -> Schema?) {
        self.source = source
        self.schemaOf = schemaOf
    }

    /// The problems in a statement's names and calls, all of them; empty when it may run.
    public func check(_ statement: Statement) -> [Diagnostic] {
        switch statement.kind {
        case .pipeline(let p), .bind(_, let p): return resolve(p).diagnostics
        default: return []
        }
    }

    func resolve(_ pipeline: Pipeline) -> Plan {
        var problems: [Diagnostic] = []
        let start = sourceSchema(pipeline.source, &problems)
        var schema = start
        var steps: [Plan.Step] = []
        for stage in pipeline.stages {
            let before = schema
            schema = apply(stage, to: schema, &problems)
            if schema.isComplete {
                schema.removed = before.removed
                for c in before.columns where schema.column(c.name) == nil { schema.removed[c.name] = stage.kind.word }
                for c in schema.columns { schema.removed[c.name] = nil }
            }
            steps.append(Plan.Step(stage: stage, schema: schema))
        }
        return Plan(source: start, steps: steps, diagnostics: problems)
    }

    private func sourceSchema(_ s: PipelineSource, _ problems: inout [Diagnostic]) -> Schema {
        switch s {
        case .named(let name):
            do {
                // An unknown dataset is the evaluator's to report (it knows the
                // functions and kept results to suggest); its stages are not checked.
                return try schemaOf(name.name) ?? .unknown
            } catch {
                // A dataset that cannot be read says so when the evaluator loads it.
                return .unknown
            }
        case .nested(let inner):
            let plan = resolve(inner)
            problems += plan.diagnostics
            return plan.schema
        case .compare:
            // A comparison's columns depend on the years it covers.
            return .unknown
        case .scorecard(let spec, _):
            // One row per measure; `topic` is a column only when the measures span topics.
            let text = ["measure", "name", "units", "polarity"].map { SchemaColumn($0, .text) }
            let figures = ["value", "previous"].map { SchemaColumn($0, ColumnType.decimal) }
            let around = ["neighbours", "region", "england"].map { SchemaColumn($0, ColumnType.decimal) }
            return Schema(
                columns: (spec.topic == nil ? [SchemaColumn("topic", .text)] : []) + text
                    + [SchemaColumn("year", .integer, unit: "year")] + figures + [SchemaColumn("travel", .text)] + around
                    + [SchemaColumn("rank", .integer, unit: "rank"), SchemaColumn("of", .integer, unit: "count")]
                    + [SchemaColumn("band", .text)])
        }
    }

    // MARK: - Names

    /// Checks that `name` is a column of `schema`; reports it once if not.
    func require(_ name: NameRef, in schema: Schema, _ problems: inout [Diagnostic]) {
        guard !schema.allows(name.name) else { return }
        var d = Self.unknownColumn(name.name, span: name.span, columns: schema.names)
        // A column the pipeline had, and a stage before this one left out.
        let gone = schema.removed.keys.sorted()
        if let stage = schema.removed[name.name] {
            d.help = "`\(stage.name)` left it out earlier in the pipeline"
        } else if Suggestions.didYouMean(name.name, in: schema.names) == nil,
            let near = Suggestions.nearest(to: name.name, in: gone, limit: 1).first, let stage = schema.removed[near]
        {
            d.help = "did you mean `\(near)`? `\(stage.name)` left it out earlier in the pipeline"
        }
        problems.append(d)
    }

    func require(_ names: [NameRef], in schema: Schema, _ problems: inout [Diagnostic]) {
        for n in names { require(n, in: schema, &problems) }
    }

    /// "no column named `x`" with the nearest names, or the first few columns.
    static func unknownColumn(_ name: String, span: SourceSpan, columns names: [String]) -> Diagnostic {
        var help = Suggestions.didYouMean(name, in: names)
        if help == nil {
            let shown = names.prefix(8).map { Messages.code($0) }
            help = "the columns are " + Messages.andList(shown) + (names.count > 8 ? " and \(names.count - 8) more" : "")
            if names.isEmpty { help = "this table has no columns" }
        }
        if Registry.isCallable(name) { help = "`\(name)` is a function: write `\(name)(…)`" }
        return Diagnostic(id: .unknownColumn, message: "no column named `\(name)`", span: span, help: help)
    }

    /// "unknown function `meen`" with the nearest function or aggregate.
    static func unknownFunction(_ name: String, span: SourceSpan) -> Diagnostic {
        var help = Suggestions.didYouMean(name, in: FunctionWord.spellings + AggregateWord.spellings)
        if StageWord(spelled: name) != nil { help = "`\(name)` is a stage: write `| \(name) …`" }
        return Diagnostic(
            id: .unknownFunction, message: "unknown function `\(name)`", span: span,
            help: help ?? "`help functions` lists them")
    }
}
