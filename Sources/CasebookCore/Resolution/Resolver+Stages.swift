// The shape each stage gives its table, worked out from the shape before it.
// Each rule mirrors its stage in Evaluation/Stages/ (a test compares the two on
// every example in the registry).

extension Resolver {
    func apply(_ stage: Stage, to input: Schema, _ problems: inout [Diagnostic]) -> Schema {
        var out = input
        switch stage.kind {
        case .filter(let condition):
            if let t = type(of: condition, in: input, &problems), t != .boolean {
                problems.append(mismatch("`\(stage.kind.word.name)`", .condition, condition, t))
            }
        case .select(let written):
            guard let bindings = expanded(written, input, &problems) else {
                out = Self.unshaped
                break
            }
            out.columns = bindings.map { column(for: $0, in: input, &problems) }
            out.grouping = input.grouping.filter { out.index(of: $0) != nil }
            out.possible = []
        case .drop(let written):
            let names = expanded(written, input, &problems) ?? written.filter { !$0.isPattern }
            require(names, in: input, &problems)
            let dropped = Set(names.map(\.name))
            out.columns.removeAll { dropped.contains($0.name) }
            out.grouping.removeAll { dropped.contains($0) }
        case .rename(let pairs):
            for (to, from) in pairs {
                require(from, in: out, &problems)
                if let i = out.index(of: from.name) { out.columns[i].name = to.name }
                out.grouping = out.grouping.map { $0 == from.name ? to.name : $0 }
            }
        case .derive(let bindings):
            // Each binding sees the ones before it.
            for b in bindings { out.set(column(for: b, in: out, &problems)) }
        case .sort(let keys):
            for k in keys { _ = type(of: k.expr, in: input, &problems) }
        case .take, .skip, .ungroup, .write, .authorities, .asAt:
            if case .ungroup = stage.kind { out.grouping = [] }
        case .distinct(let names):
            require(names, in: input, &problems)
            if !names.isEmpty { out = keyed(names, from: input) }
        case .group(let names):
            require(names, in: input, &problems)
            out.grouping = names.map(\.name)
        case .summarise(let bindings, let by, let computing):
            out = summarise(bindings, by: by, keysComputed(computing, input, &problems), &problems)
        case .count(let by, let computing, let within):
            let keyedInput = keysComputed(computing, input, &problems)
            require(by, in: keyedInput, &problems)
            let keys = by.isEmpty ? input.grouping.map { NameRef($0, .at(0)) } : by
            out = keyed(keys, from: keyedInput)
            out.columns.append(SchemaColumn("count", .integer, unit: "count"))
            if !keys.isEmpty { out.columns.append(SchemaColumn(Summarise.percentName(within: within), .decimal, unit: "percent")) }
        case .join(_, let right, let keys):
            out = join(input, right, keys, &problems)
        case .rank(let key, let by, let name):
            _ = type(of: key.expr, in: input, &problems)
            require(by, in: input, &problems)
            let rankName = name?.name ?? "rank"
            out.set(SchemaColumn(rankName, .integer, unit: "rank"))
            out.set(SchemaColumn(out.unusedName(rankName == "rank" ? "tied" : "\(rankName)_tied"), .boolean))
            out.set(SchemaColumn(out.unusedName(rankName == "rank" ? "quartile" : "\(rankName)_quartile"), .integer, unit: "rank"))
        case .change(let column, let over, let by):
            require([column, over] + by, in: input, &problems)
            let base = column.name
            let integer = input.column(base)?.type == .integer
            let measured: ColumnType? = input.column(base)?.type == nil ? nil : (integer ? .integer : .decimal)
            out.set(SchemaColumn(out.unusedName("\(base)_previous"), measured))
            out.set(SchemaColumn(out.unusedName("\(base)_change"), measured))
            out.set(SchemaColumn(out.unusedName("\(base)_change_pct"), .decimal))
        case .wider(let names, let values):
            require([names, values], in: input, &problems)
            // The new columns are the values of `names`: only the figures know them.
            out.columns.removeAll { $0.name == names.name || $0.name == values.name }
            out.isComplete = false
            out.grouping = []
        case .longer(let written, let names, let values):
            let columns = expanded(written, input, &problems) ?? written.filter { !$0.isPattern }
            require(columns, in: input, &problems)
            let stacked = Set(columns.map(\.name))
            let type = columns.compactMap { input.column($0.name)?.type }.first
            out.columns.removeAll { stacked.contains($0.name) }
            out.columns.append(SchemaColumn(names.name, .text))
            out.columns.append(SchemaColumn(values.name, type))
            out.grouping = []
        case .top(_, let key, let by):
            _ = type(of: key.expr, in: input, &problems)
            require(by, in: input, &problems)
        case .chart(let spec):
            require([spec.x, spec.y, spec.series].compactMap { $0 }, in: input, &problems)
        case .correlate(let x, let y):
            require([x, y], in: input, &problems)
            out = Schema(columns: [
                SchemaColumn("method", .text), SchemaColumn("r", nil), SchemaColumn("rows_used", .integer),
                SchemaColumn("left_out", .integer), SchemaColumn("left_out_by_reason", .text),
            ])
        case .compare(let spec):
            require(spec.measure, in: input, &problems)
            out = Self.unshaped
        case .profile:
            // One row per column; the statistics are shown as text in the column's own format.
            out = Schema(
                columns: [
                    SchemaColumn("column", .text), SchemaColumn("type", .text), SchemaColumn("count", .integer),
                    SchemaColumn("missing", .text), SchemaColumn("distinct", .integer),
                ] + ["min", "q1", "median", "q3", "max", "mean"].map { SchemaColumn($0, nil) })
        case .sources:
            out = Schema(columns: ["dataset", "title", "publisher", "release", "licence", "caveats"].map { SchemaColumn($0, .text) })
        case .schema:
            out = Schema(columns: ["column", "type", "unit"].map { SchemaColumn($0, .text) })
        case .describe:
            // Its description and unit columns are there only when the dataset has metadata.
            out = Self.unshaped
        }
        return out
    }

    /// Column patterns replaced by the columns they match; nil when the
    /// columns are not all known (the evaluator expands them on the table).
    /// A pattern that matches nothing is reported, and left out.
    func expanded(_ names: [NameRef], _ input: Schema, _ problems: inout [Diagnostic]) -> [NameRef]? {
        guard names.contains(where: \.isPattern) else { return names }
        guard input.isComplete else { return nil }
        var failed = Set<String>()
        for n in names where n.isPattern {
            do throws(Diagnostic) { _ = try ColumnPattern.matched(n, columns: input.names) } catch {
                problems.append(error)
                failed.insert(n.name)
            }
        }
        let usable = names.filter { !$0.isPattern || !failed.contains($0.name) }
        return (try? ColumnPattern.expand(usable, columns: input.names)) ?? []
    }

    func expanded(_ bindings: [Binding], _ input: Schema, _ problems: inout [Diagnostic]) -> [Binding]? {
        let patterns = bindings.compactMap(\.pattern)
        guard !patterns.isEmpty else { return bindings }
        guard input.isComplete else { return nil }
        var failed = Set<String>()
        for p in patterns {
            do throws(Diagnostic) { _ = try ColumnPattern.matched(p, columns: input.names) } catch {
                problems.append(error)
                failed.insert(p.name)
            }
        }
        let usable = bindings.filter { $0.pattern.map { !failed.contains($0.name) } ?? true }
        return (try? ColumnPattern.expand(usable, columns: input.names)) ?? []
    }

    /// The table with `by`'s key expressions added as columns, as `derive` adds them.
    func keysComputed(_ computing: [Binding], _ input: Schema, _ problems: inout [Diagnostic]) -> Schema {
        var out = input
        for b in computing { out.set(column(for: b, in: out, &problems)) }
        return out
    }

    /// The result of a stage whose columns the resolver does not work out.
    static let unshaped = Schema.unknown

    /// The key columns alone, in the order given (count, distinct, summarise).
    private func keyed(_ keys: [NameRef], from input: Schema) -> Schema {
        var out = Schema(columns: keys.map { input.column($0.name) ?? SchemaColumn($0.name, nil) })
        out.isComplete = input.isComplete
        return out
    }

    private func column(for binding: Binding, in schema: Schema, _ problems: inout [Diagnostic]) -> SchemaColumn {
        let t = type(of: binding.expr, in: schema, &problems)
        let name = binding.outputName(in: source)
        return SchemaColumn(name, t, unit: Units.unit(of: binding.expr) { schema.column($0)?.unit })
    }

    private func summarise(_ bindings: [Binding], by: [NameRef], _ input: Schema, _ problems: inout [Diagnostic])
        -> Schema
    {
        require(by, in: input, &problems)
        let keys = by.isEmpty ? input.grouping.map { NameRef($0, .at(0)) } : by
        var out = keyed(keys, from: input)
        let keyNames = Set(keys.map(\.name))
        for b in bindings {
            let before = problems.count
            out.columns.append(column(for: b, in: input, &problems))
            // An unknown name is the problem to report, not the missing aggregate.
            guard problems.count == before else { continue }
            if !Summarise.containsAggregate(b.expr), !(b.expr.columnName.map { keyNames.contains($0) } ?? false) {
                problems.append(.notSummarised(source.slice(b.expr.span), at: b.expr.span))
            }
        }
        return out
    }

    private func join(_ left: Schema, _ right: Pipeline, _ keys: [JoinKey], _ problems: inout [Diagnostic]) -> Schema {
        let plan = resolve(right)
        problems += plan.diagnostics
        let other = plan.schema
        let rightName: String
        if case .named(let n) = right.source { rightName = n.name } else { rightName = "right" }
        for k in keys {
            require(k.left, in: left, &problems)
            if !other.allows(k.right.name) {
                var d = Self.unknownColumn(k.right.name, span: k.right.span, columns: other.names)
                d.message += " in \(rightName)"
                problems.append(d)
            }
        }
        var out = left
        out.isComplete = left.isComplete && other.isComplete
        let rightKeys = Set(keys.map(\.right.name))
        for c in other.columns where !rightKeys.contains(c.name) {
            if out.index(of: c.name) != nil {
                // Kept once when both sides agree on every row, else renamed: only the figures say which.
                out.possible.append(SchemaColumn("\(c.name)_\(rightName)", c.type, unit: c.unit))
            } else {
                out.columns.append(c)
            }
        }
        out.grouping = left.grouping
        return out
    }
}
