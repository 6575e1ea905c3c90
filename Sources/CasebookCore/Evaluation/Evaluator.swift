// Runs one parsed statement against the workspace and returns its outcome.
// Pipelines run stage by stage over whole columns; each stage's errors carry
// the span of the stage or the sub-expression at fault.

struct Evaluator {
    let source: SourceText
    let context: EvaluationContext

    var workspace: Workspace { context.workspace }

    func execute(_ statement: Statement) throws(Diagnostic) -> Outcome {
        switch statement.kind {
        case .pipeline(let pipeline):
            if let last = pipeline.stages.last, case .chart(let spec) = last.kind {
                // A chart ends a pipeline: it draws the table, it does not make one.
                var head = pipeline
                head.stages.removeLast()
                let table = try run(head).resolved()
                var chart = try ChartStage.build(table, spec, environment)
                chart.sources = table.sources
                let path = try spec.path.map { (p) throws(Diagnostic) in
                    _ = try ChartFile.kind(p, span: spec.pathSpan)
                    return try context.files.writablePath(p, span: spec.pathSpan)
                }
                return .chart(chart, notes: context.notes, path: path)
            }
            let table = try run(pipeline).resolved()
            return .table(table, header: context.preamble, notes: context.notes)
        case .bind(let name, let pipeline):
            let table = try run(pipeline)
            // Allowed (a result may be named anything), but never silent: from
            // here on the name means this result, in `compare` and joins too.
            if workspace.catalog?.contains(name.name) == true {
                context.warn(
                    .datasetHidden,
                    "`\(name.name)` now names this result and hides the shipped dataset `\(name.name)`; "
                        + "`forget \(name.name)` brings the dataset back")
            }
            workspace.bind(name.name, table, origin: "let")
            return .info("\(name.name): \(Messages.plural(table.rowCount, "row")), \(Messages.plural(table.columns.count, "column"))")
        case .datasets:
            return .table(datasetsTable(), header: [], notes: [])
        case .help(let topic):
            // A word of the language, then a column of a shipped dataset, then one of LAIT's measures.
            guard let text = HelpText.render(topic: topic?.name)
                ?? topic.flatMap({ columnHelp($0.name) })
                ?? topic.flatMap({ LAITMeasures.help($0.name, workspace: workspace, cancellation: context.cancellation) })
            else {
                let columns = workspace.catalog.map(ColumnHelp.allColumnNames) ?? []
                throw Diagnostic(
                    id: .unknownHelpTopic, message: "no help on `\(topic!.name)`", span: topic!.span,
                    help: Suggestions.didYouMean(topic!.name, in: HelpText.topics)
                        ?? Suggestions.didYouMean(topic!.name, in: columns)
                        ?? Suggestions.didYouMean(
                            topic!.name, in: LAITMeasures.codes(workspace: workspace, cancellation: context.cancellation))
                        ?? "`help` lists the topics; `help COLUMN` says what a dataset's column means; `help MEASURE` describes one of LAIT's measures")
            }
            return .text(text)
        case .describeColumns(let dataset, let columns):
            return .text(try describeColumns(dataset, columns))
        case .load(let path, let pathSpan, let alias, let raw):
            return try load(path: path, pathSpan: pathSpan, alias: alias, raw: raw)
        case .set, .showSettings, .output, .once, .saveSession, .saveChart:
            // Statements about the engine's own state (settings, where results go,
            // the session so far, the chart drawn last) are the engine's to run.
            preconditionFailure("the engine runs \(statement.kind) itself")
        case .forget(let name):
            guard workspace.forget(name.name) else {
                let isDataset = workspace.catalog?.contains(name.name) == true
                throw Diagnostic(
                    id: .unknownName,
                    message: isDataset ? "`\(name.name)` is a shipped dataset and cannot be forgotten" : "no result named `\(name.name)`",
                    span: name.span,
                    help: isDataset ? nil : Suggestions.didYouMean(name.name, in: workspace.bindingNames))
            }
            return .info("forgot \(name.name)")
        case .quit:
            return .quit
        }
    }

    // MARK: - Pipelines

    func run(_ pipeline: Pipeline) throws(Diagnostic) -> Table {
        var table: Table
        var sourceName: String? = nil
        // `schema` shows the shape the resolver worked out: the stages before it,
        // and a comparison or scorecard at the head, need not run.
        let schemaAt = pipeline.stages.lastIndex { $0.kind.word == .schema }
        switch pipeline.source {
        case .named(let name):
            table = try lookup(name)
            sourceName = name.name
        case .nested(let inner):
            table = try run(inner)
        case .compare where schemaAt != nil, .scorecard where schemaAt != nil:
            table = Table(columns: [])
        case .compare(let spec, _):
            let (data, name) = try datasetFor(measure: spec.measure, named: spec.dataset)
            let (result, header) = try Compare.apply(data, spec: spec, datasetName: name, environment, workspace: workspace)
            context.preamble = header
            table = result
        case .scorecard(let spec, _):
            let (result, header) = try Scorecard.apply(spec, environment, workspace: workspace)
            context.preamble = header
            table = result
        }
        let env = environment
        for (index, stage) in pipeline.stages.enumerated() {
            try context.cancellation.checkpoint()
            if let schemaAt, index < schemaAt { continue }
            if index == schemaAt {
                let before = Pipeline(source: pipeline.source, stages: Array(pipeline.stages[..<index]), span: pipeline.span)
                let workspace = self.workspace, cancellation = context.cancellation
                let resolver = Resolver(source: source) { (name) throws(Diagnostic) in
                    try workspace.schema(name, cancellation: cancellation)
                }
                table = SchemaStage.table(resolver.resolve(before).schema, env)
                continue
            }
            do {
                if case .sort(let keys) = stage.kind, let limit = Self.takeAfter(index, in: pipeline.stages) {
                    // `sort … | take N`: the N first rows without sorting the rest; the
                    // sorted table would have had every row, so the size check is made on them.
                    try checkSize(table.rowCount, at: stage)
                    table = try Sort.apply(table, keys, limit: limit, env)
                } else {
                    table = try apply(stage, to: table, env: env, sourceName: sourceName)
                }
            } catch {
                // A problem with no place of its own (a join too large) is the stage's.
                var e = error
                if e.span == nil, !e.isCancellation { e.span = stage.span }
                throw e
            }
            try checkSize(table.rowCount, at: stage)
        }
        return table
    }

    private func checkSize(_ rowCount: Int, at stage: Stage) throws(Diagnostic) {
        if rowCount > context.settings.rowLimit {
            throw Diagnostic(
                id: .resultTooLarge,
                message: "this result has more than \(NumberText.grouped(context.settings.rowLimit)) rows",
                span: stage.span, help: "narrow it down first, or raise the limit with `set limit N`")
        }
    }

    /// N when the stage after `index` is `take N` (N fits an Int).
    private static func takeAfter(_ index: Int, in stages: [Stage]) -> Int? {
        guard index + 1 < stages.count, case .take(let n) = stages[index + 1].kind else { return nil }
        return Int(clamping: max(0, n))
    }

    var environment: StageEnvironment {
        StageEnvironment(source: source, context: context, runPipeline: { (p) throws(Diagnostic) in try self.run(p) })
    }

    private func apply(_ stage: Stage, to table: Table, env: StageEnvironment, sourceName: String?) throws(Diagnostic)
        -> Table
    {
        switch stage.kind {
        case .filter(let condition): return try Filter.apply(table, condition, env)
        case .select(let bindings):
            return try Select.apply(table, try ColumnPattern.expand(bindings, columns: table.columnNames), env)
        case .drop(let names): return try Select.drop(table, try ColumnPattern.expand(names, columns: table.columnNames), env)
        case .rename(let pairs): return try Select.rename(table, pairs, env)
        case .derive(let bindings): return try Derive.apply(table, bindings, env)
        case .sort(let keys): return try Sort.apply(table, keys, env)
        case .take(let n): return Take.take(table, n)
        case .skip(let n): return Take.skip(table, n)
        case .distinct(let names): return try Summarise.distinct(table, names, env)
        case .group(let names): return try Summarise.group(table, names, env)
        case .ungroup:
            var t = table
            t.grouping = []
            return t
        case .summarise(let bindings, let by, let computing):
            let keyed = computing.isEmpty ? table : try Derive.apply(table, computing, env)
            return try Summarise.apply(keyed, bindings, by: by, env)
        case .count(let by, let computing, let within):
            let keyed = computing.isEmpty ? table : try Derive.apply(table, computing, env)
            return try Summarise.count(keyed, by: by, within: within, env)
        case .join(let kind, let right, let keys): return try Join.apply(table, kind: kind, right: right, on: keys, env)
        case .rank(let key, let by, let name): return try Rank.apply(table, key: key, by: by, as: name, env)
        case .change(let column, let over, let by): return try Change.apply(table, column: column, over: over, by: by, env)
        case .wider(let names, let values): return try Reshape.wider(table, names: names, values: values, env)
        case .longer(let columns, let names, let values):
            let stacked = try ColumnPattern.expand(columns, columns: table.columnNames)
            return try Reshape.longer(table, columns: stacked, nameColumn: names, valueColumn: values, env)
        case .top(let n, let key, let by): return try Top.apply(table, n: n, key: key, by: by, env)
        case .authorities(let items): return try ForAuthorities.apply(table, items, env)
        case .asAt(let date, let inspected): return try AsAt.apply(table, date, inspected: inspected, env)
        case .describe:
            let metadata = sourceName.flatMap { workspace.catalog?.metadata($0) }
            let lait = LAITDescription.of(table, workspace: workspace, cancellation: context.cancellation)
            let (result, header) = Describe.describe(table, metadata: metadata, lait: lait, env)
            context.preamble = header
            return result
        case .profile:
            return try Describe.profile(table, env)
        case .compare(let spec):
            let (result, header) = try Compare.apply(table, spec: spec, datasetName: sourceName, env, workspace: workspace)
            context.preamble = header
            return result
        case .chart:
            throw Diagnostic(
                id: .chartNotLast, message: "`chart` must be the last stage", span: stage.nameSpan,
                help: "a chart draws the table before it; move the stages after it in front")
        case .correlate(let x, let y):
            return try Correlate.apply(table, x, y, env)
        case .sources:
            return SourcesTable.make(table.sources)
        case .schema:
            return table  // made in `run`, from the stages before it
        case .write(let path, let span):
            let resolved = try context.files.writablePath(path, span: span)
            do throws(Diagnostic) {
                if WorkbookPath.isWorkbook(path) {
                    try WorkbookWriter.write([WorkbookSheet(name: WorkbookPath.stem(path), table: table)], title: WorkbookPath.stem(path), to: resolved)
                } else {
                    try WriteFormat.check(path, span: span)
                    let format = ResultRenderer.format(forPath: path) ?? .csv
                    try FileWriter.write(ResultRenderer(settings: context.settings).render(table, format: format), to: resolved)
                }
            } catch {
                throw error.placed(at: span)
            }
            context.addNote("wrote \(Messages.plural(table.rowCount, "row")) to \(path)")
            return table
        }
    }

    func lookup(_ name: NameRef) throws(Diagnostic) -> Table {
        do {
            if let table = try workspace.table(name.name, cancellation: context.cancellation) { return table }
        } catch {
            var e = error
            if e.span == nil { e.span = name.span }
            throw e
        }
        var help = Suggestions.didYouMean(name.name, in: workspace.allNames)
        if help == nil, Functions.isFunction(name.name) || Aggregates.isAggregate(name.name) {
            help = "`\(name.name)` is a function; a pipeline starts with a dataset"
        }
        throw Diagnostic(
            id: .unknownDataset, message: "no dataset named `\(name.name)`", span: name.span,
            help: help ?? "`datasets` lists them")
    }

    // MARK: - Statements

    /// The table holding `measure`: the named dataset, or the one dataset (or
    /// kept result) that has a column of that name.
    private func datasetFor(measure: NameRef, named: NameRef?) throws(Diagnostic) -> (Table, String?) {
        if let named {
            let table = try lookup(named)
            return (table, workspace.catalog?.contains(named.name) == true && workspace.binding(named.name) == nil ? named.name : nil)
        }
        // Shipped datasets first: a result kept with `let` usually repeats their columns.
        let shipped = (workspace.catalog?.names ?? []).filter {
            workspace.binding($0) == nil && workspace.columnNames($0).contains(measure.name)
        }
        let holders = shipped.isEmpty
            ? workspace.bindingNames.filter { workspace.columnNames($0).contains(measure.name) } : shipped
        guard let only = holders.first else {
            // A LAIT measure by its short code: its rows of `indicators`.
            if let (dictionary, row) = LAITMeasures.entry(measure.name, workspace: workspace, cancellation: context.cancellation),
                let code = LAITMeasures.text(dictionary, "measure", row),
                let table = try LAITMeasures.table(for: code, workspace: workspace, cancellation: context.cancellation)
            {
                return (table, "indicators")
            }
            let everyColumn = Set(workspace.allNames.flatMap { workspace.columnNames($0) })
            throw Diagnostic(
                id: .unknownMeasure, message: "no dataset has a column named `\(measure.name)`", span: measure.span,
                help: Suggestions.didYouMean(measure.name, in: Array(everyColumn)) ?? "`describe NAME` lists a dataset's columns")
        }
        guard holders.count == 1 else {
            throw Diagnostic(
                id: .ambiguousMeasure,
                message: "`\(measure.name)` is a column of \(Messages.andList(holders.map { Messages.code($0) }))",
                span: measure.span, help: "say which: `… on \(measure.name) in \(holders[0])`")
        }
        let table = try lookup(NameRef(only, measure.span))
        return (table, workspace.binding(only) == nil ? only : nil)
    }

    private func datasetsTable() -> Table {
        var names = TextColumnBuilder(), titles = TextColumnBuilder(), kinds = TextColumnBuilder()
        var rows: [Int64] = [], columns: [Int64] = []
        var rowMask: [UInt8] = []
        for name in workspace.catalog?.names ?? [] where workspace.binding(name) == nil {
            let meta = workspace.catalog?.metadata(name)
            names.append(name)
            kinds.append("shipped")
            titles.append(meta?.title ?? "")
            rows.append(Int64(meta?.rows ?? 0))
            rowMask.append(meta?.rows == nil ? MissingReason.notAvailable.rawValue : 0)
            columns.append(Int64(workspace.catalog?.columnNames(name).count ?? 0))
        }
        for name in workspace.bindingNames {
            guard let b = workspace.binding(name) else { continue }
            names.append(name)
            kinds.append(b.origin)
            titles.append(b.table.sources.first?.title ?? "")
            rows.append(Int64(b.table.rowCount))
            rowMask.append(0)
            columns.append(Int64(b.table.columns.count))
        }
        return Table(columns: [
            Column(name: "name", data: names.finish()),
            Column(name: "rows", data: .integer(rows), missing: rowMask),
            Column(name: "columns", data: .integer(columns)),
            Column(name: "kind", data: kinds.finish()),
            Column(name: "title", data: titles.finish()),
        ])
    }

    private func load(path: String, pathSpan: SourceSpan, alias: NameRef?, raw: Bool) throws(Diagnostic) -> Outcome {
        let resolved = try context.files.readablePath(path, span: pathSpan)
        let name = alias?.name ?? Self.datasetName(fromPath: path)
        guard !name.isEmpty else {
            throw Diagnostic(
                id: .badName, message: "cannot make a name from \(path)", span: pathSpan, help: "add `as NAME`")
        }
        var table: Table
        var report: LoadReport
        do {
            var cache = workspace.columnCache
            if context.settings.safe { cache?.writes = false }  // safe mode writes no file
            (table, report) = try CSVLoader.load(
                path: resolved, displayName: path, cancellation: context.cancellation, cache: cache)
        } catch {
            var e = error
            if e.span == nil { e.span = pathSpan }
            throw e
        }
        table.sources = [SourceNote(dataset: name, title: "Loaded from \(path)")]
        var tidyNotes: [String] = []
        // The register of authorities (a dataset to read) only for a file in EES's shape.
        if !raw, EESShape.recognises(table),
            let (tidy, notes) = EESShape.tidy(table, authorities: try? workspace.authorities(cancellation: context.cancellation))
        {
            table = tidy
            tidyNotes = notes
        }
        // A loaded file says nothing of units: years and codes are known by their names.
        table.columns = table.columns.map { c in c.unit == nil ? c.measuring(Units.guessed(forName: c.name)) : c }
        workspace.bind(name, table, origin: "loaded")
        if workspace.prefetchesLoadedColumns { table.prefetchInBackground() }
        for line in report.lines() { context.warn(.loadProblem, line) }
        for note in tidyNotes { context.note(.loadTidied, "\(path): \(note)") }
        return .info("\(name): \(Messages.plural(table.rowCount, "row")), \(Messages.plural(table.columns.count, "column")) from \(path)")
    }

    /// "~/Downloads/cin 2024.csv" → "cin_2024".
    static func datasetName(fromPath path: String) -> String {
        var base = String(path.split(separator: "/").last ?? "")
        if let dot = base.lastIndex(of: ".") { base = String(base[..<dot]) }
        var name = String(base.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "_" })
        while name.contains("__") { name = name.replacing("__", with: "_") }
        name = String(name.drop(while: { $0 == "_" }))
        while name.hasSuffix("_") { name.removeLast() }
        if let first = name.first, first.isNumber { name = "d_" + name }
        return name
    }
}
