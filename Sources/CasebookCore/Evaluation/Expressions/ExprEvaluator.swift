// Evaluates an expression over every row of a table at once, column by column.
// Type errors are found here, against the table's columns, and point at the
// sub-expression at fault. Aggregates inside `derive` and `where` work over the
// whole table, or per group after `group`, and are spread back over the rows.

struct ExprEvaluator {
    enum Mode {
        /// One result per row; aggregates are spread over the rows of their group
        /// (all rows when there is no grouping).
        case rows(Grouping?)
        /// One result per group (`summarise`): names must be group keys or sit
        /// inside an aggregate.
        case groups(Grouping, keys: [String])
    }

    let table: Table
    let source: SourceText
    let context: EvaluationContext
    let mode: Mode
    /// True while evaluating an aggregate's arguments (aggregates do not nest).
    var insideAggregate = false
    /// The places of the columns this stage has looked at (shared by its
    /// aggregates and the display of their results: one pass per column).
    var placesMemo = Units.PlacesMemo()
    /// The aggregates this stage will ask of each cached column, and their
    /// answers from one pass over it (StreamedAggregates.swift).
    var streamMemo = StreamedAggregates.Memo()

    init(table: Table, source: SourceText, context: EvaluationContext, mode: Mode = .rows(nil)) {
        self.table = table
        self.source = source
        self.context = context
        self.mode = mode
    }

    /// How many results each vector holds: rows, or groups in `summarise`.
    var rows: Int {
        switch mode {
        case .rows: return table.rowCount
        case .groups(let g, _): return g.groupCount
        }
    }

    func evaluate(_ expr: Expr) throws(Diagnostic) -> Vector {
        try context.cancellation.checkpoint()
        switch expr.kind {
        case .column(let name):
            let c = try column(name, span: expr.span)
            if case .groups(let g, let keys) = mode {
                guard keys.contains(c.name) else {
                    throw Diagnostic(
                        id: .notSummarised, message: "`\(name)` is neither a group key nor inside an aggregate",
                        span: expr.span,
                        help: "wrap it in an aggregate such as `mean(\(name))`, or add it to `by`")
                }
                return .column(c.gather(g.firstRow))
            }
            return .column(c)
        case .integer(let v): return .scalar(.integer(v))
        case .decimal(let v): return .scalar(.decimal(v))
        case .string(let s): return .scalar(.text(s))
        case .boolean(let b): return .scalar(.boolean(b))
        case .missing(let reasonText):
            guard let reasonText else { return .scalar(.missing(.empty)) }
            guard let reason = MissingReason.parse(reasonText) else {
                throw Diagnostic(
                    id: .unknownMarker, message: "`\(reasonText)` is not a missing-value marker", span: expr.span,
                    help: "the markers are c, x, z, u, low, k, .., -; or empty")
            }
            return .scalar(.missing(reason))
        case .unary(.negate, let inner):
            return try Operators.negate(try evaluate(inner), span: expr.span, operandSpan: inner.span, source: source)
        case .unary(.not, let inner):
            let v = try evaluate(inner)
            try requireBoolean(v, inner, what: "`not`")
            return Operators.not(v)
        case .binary(let op, let l, let r):
            let left = try evaluate(l)
            let right = try evaluate(r)
            return try Operators.binary(op, left, right, leftExpr: l, rightExpr: r, whole: expr, evaluator: self)
        case .inList(let subject, let items, let negated):
            let value = try evaluate(subject)
            var result: Vector = .scalar(.boolean(false))
            for item in items {
                let candidate = try evaluate(item)
                let eq = try Operators.binary(
                    .equal, value, candidate, leftExpr: subject, rightExpr: item, whole: expr, evaluator: self)
                result = Operators.logical(.or, result, eq)
            }
            if items.isEmpty, case .column(let c) = value {
                // `x in []` is false for present values and unknown for missing ones.
                result = Operators.propagateMissing(from: c, into: .scalar(.boolean(false)), rows: rows)
            }
            return negated ? Operators.not(result) : result
        case .between(let subject, let low, let high, let negated):
            let value = try evaluate(subject)
            let ge = try Operators.binary(
                .greaterEqual, value, try evaluate(low), leftExpr: subject, rightExpr: low, whole: expr, evaluator: self)
            let le = try Operators.binary(
                .lessEqual, value, try evaluate(high), leftExpr: subject, rightExpr: high, whole: expr, evaluator: self)
            let both = Operators.logical(.and, ge, le)
            return negated ? Operators.not(both) : both
        case .like(let subject, let pattern, let negated):
            let value = try evaluate(subject)
            let pat = try evaluate(pattern)
            guard case .scalar(let pv) = pat else {
                throw Diagnostic(
                    id: .patternNotConstant, message: "the pattern after `like` must be a string, not a column",
                    span: pattern.span)
            }
            if pv.isMissing { return .scalar(pv) }
            guard case .text(let patternText) = pv else {
                throw Diagnostic(
                    id: .typeMismatch, message: "the pattern after `like` must be text", span: pattern.span,
                    help: "write it in quotes, e.g. `like \"*shire\"`")
            }
            try requireText(value, subject, what: "`like`")
            let matched = Functions.mapText(value, rows: rows) { Pattern.matches($0, pattern: patternText) }
            return negated ? Operators.not(matched) : matched
        case .call(let name, let nameSpan, let arguments):
            if Aggregates.isAggregate(name) {
                return try aggregate(name, nameSpan: nameSpan, arguments: arguments, span: expr.span)
            }
            return try Functions.call(name, nameSpan: nameSpan, arguments: arguments, span: expr.span, evaluator: self)
        }
    }

    /// A column by name, with "did you mean" when there is none.
    func column(_ name: String, span: SourceSpan) throws(Diagnostic) -> Column {
        if let c = table.column(named: name) { return c }
        throw unknownColumn(name, span: span, in: table)
    }

    func unknownColumn(_ name: String, span: SourceSpan, in table: Table) -> Diagnostic {
        Resolver.unknownColumn(name, span: span, columns: table.columnNames)
    }

    // MARK: - Aggregates inside expressions

    func aggregate(_ name: String, nameSpan: SourceSpan, arguments: [Expr], span: SourceSpan) throws(Diagnostic)
        -> Vector
    {
        guard !insideAggregate else {
            throw Diagnostic(
                id: .nestedAggregate, message: "an aggregate cannot be inside another aggregate", span: span)
        }
        var argumentEvaluator = ExprEvaluator(table: table, source: source, context: context, mode: .rows(nil))
        argumentEvaluator.insideAggregate = true
        // The same table and groups: what this stage learnt of its columns holds.
        argumentEvaluator.placesMemo = placesMemo
        argumentEvaluator.streamMemo = streamMemo
        switch mode {
        case .groups(let groups, _):
            let result = try Aggregates.compute(
                name, nameSpan: nameSpan, arguments: arguments, span: span, groups: groups,
                evaluator: argumentEvaluator)
            return .column(result)
        case .rows(let grouping):
            let groups = grouping ?? Grouping.single(rows: table.rowCount)
            let result = try Aggregates.compute(
                name, nameSpan: nameSpan, arguments: arguments, span: span, groups: groups,
                evaluator: argumentEvaluator)
            // Spread each group's result back over its rows (derive, where).
            if grouping == nil {
                return .scalar(groups.groupCount == 1 ? result.value(at: 0) : .missing(.noMatch))
            }
            return .column(result.gather(groups.groupOfRow))
        }
    }

    // MARK: - Type checks

    func describe(_ expr: Expr) -> String {
        if let name = expr.columnName { return "`\(name)`" }
        let text = source.slice(expr.span)
        return text.count <= 30 ? "`\(text)`" : "this expression"
    }

    func requireBoolean(_ v: Vector, _ expr: Expr, what: String) throws(Diagnostic) {
        guard let t = v.type, t != .boolean else { return }
        throw .needsCondition(
            what, describe(expr), holds: t.plural, at: expr.span,
            help: t.isNumeric ? "compare it, e.g. `\(source.slice(expr.span)) > 0`" : nil)
    }

    func requireText(_ v: Vector, _ expr: Expr, what: String) throws(Diagnostic) {
        guard let t = v.type, t != .text else { return }
        throw .worksOn("text", what, describe(expr), holds: t.plural, at: expr.span)
    }

    func requireNumber(_ v: Vector, _ expr: Expr, what: String) throws(Diagnostic) {
        guard let t = v.type, !t.isNumeric else { return }
        throw .worksOn("numbers", what, describe(expr), holds: t.plural, at: expr.span)
    }
}

/// Case-insensitive wildcard patterns for `like`: `*` or `%` any run of
/// characters, `?` any one character.
enum Pattern {
    static func matches(_ text: String, pattern: String) -> Bool {
        let t = Array(text.lowercased().unicodeScalars)
        let p = Array(pattern.lowercased().unicodeScalars)
        var ti = 0, pi = 0
        var starP = -1, starT = 0
        while ti < t.count {
            if pi < p.count, p[pi] == "?" || (p[pi] != "*" && p[pi] != "%" && p[pi] == t[ti]) {
                ti += 1
                pi += 1
            } else if pi < p.count, p[pi] == "*" || p[pi] == "%" {
                starP = pi
                starT = ti
                pi += 1
            } else if starP >= 0 {
                pi = starP + 1
                starT += 1
                ti = starT
            } else {
                return false
            }
        }
        while pi < p.count, p[pi] == "*" || p[pi] == "%" { pi += 1 }
        return pi == p.count
    }
}
