// Expressions without figures: every column and call bound, the argument count
// of each call checked against its declaration, and the type worked out where
// the types of its parts say it (nil where only the figures could).

extension Resolver {
    func type(of e: Expr, in schema: Schema, _ problems: inout [Diagnostic]) -> ColumnType? {
        switch e.kind {
        case .column(let name):
            require(NameRef(name, e.span), in: schema, &problems)
            return schema.column(name)?.type
        case .integer: return .integer
        case .decimal: return .decimal
        case .string: return .text
        case .boolean: return .boolean
        case .missing: return nil
        case .unary(let op, let x):
            let t = type(of: x, in: schema, &problems)
            return op == .not ? .boolean : t
        case .binary(let op, let a, let b):
            let ta = type(of: a, in: schema, &problems)
            let tb = type(of: b, in: schema, &problems)
            if op.isComparison || op == .and || op == .or { return .boolean }
            guard let ta, let tb, ta.isNumeric, tb.isNumeric else { return nil }
            return ta == .integer && tb == .integer && op != .divide ? .integer : .decimal
        case .inList(let x, let items, _):
            _ = type(of: x, in: schema, &problems)
            for i in items { _ = type(of: i, in: schema, &problems) }
            return .boolean
        case .between(let x, let low, let high, _):
            for part in [x, low, high] { _ = type(of: part, in: schema, &problems) }
            return .boolean
        case .like(let x, let pattern, _):
            _ = type(of: x, in: schema, &problems)
            _ = type(of: pattern, in: schema, &problems)
            return .boolean
        case .call(let name, let nameSpan, let arguments):
            let types = arguments.map { type(of: $0, in: schema, &problems) }
            if let word = AggregateWord(spelled: name) {
                checkCount(word.declaration, arguments.count, name, e.span, &problems)
                // Text is never a number; a condition is one only to `sum` and `mean` (1 where it holds).
                if word.declaration.firstArgument == .number, let t = types.first ?? nil,
                    t == .text || (t == .boolean && !Self.takesConditions(word))
                {
                    problems.append(mismatch("`\(name)`", .number, arguments[0], t))
                }
                if word == .list, arguments.count == 2, !Self.isTextLiteral(arguments[1]) {
                    problems.append(Self.badListSeparator(arguments[1].span))
                }
                return Self.result(of: word, types)
            }
            if let word = FunctionWord(spelled: name) {
                checkCount(word.declaration, arguments.count, name, e.span, &problems)
                if let first = arguments.first, let t = types.first ?? nil,
                    !Self.fits(t, word.declaration.firstArgument)
                {
                    let what = word == .if ? "the first argument of `\(name)`" : "`\(name)`"
                    problems.append(mismatch(what, word.declaration.firstArgument, first, t))
                }
                return Self.result(of: word, types, arguments)
            }
            problems.append(Self.unknownFunction(name, span: nameSpan))
            return nil
        }
    }

    static func fits(_ t: ColumnType, _ kind: ArgumentKind) -> Bool {
        switch kind {
        case .any: return true
        case .number: return t.isNumeric
        case .text: return t == .text
        case .condition: return t == .boolean
        }
    }

    /// The evaluator's words for the same mistake (ExprEvaluator.require…), so a
    /// message reads the same whether the type was known before or during the run.
    func mismatch(_ what: String, _ kind: ArgumentKind, _ expr: Expr, _ t: ColumnType) -> Diagnostic {
        let subject: String
        if let name = expr.columnName {
            subject = "`\(name)`"
        } else {
            let text = source.slice(expr.span)
            subject = text.count <= 30 ? "`\(text)`" : "this expression"
        }
        switch kind {
        case .condition:
            return .needsCondition(
                what, subject, holds: t.plural, at: expr.span, help: t.isNumeric ? "compare it, e.g. `\(source.slice(expr.span)) > 0`" : nil)
        case .text:
            return .worksOn("text", what, subject, holds: t.plural, at: expr.span)
        case .number, .any:
            return .worksOn("numbers", what, subject, holds: t.plural, at: expr.span)
        }
    }

    private func checkCount(_ d: Declaration, _ given: Int, _ written: String, _ span: SourceSpan, _ problems: inout [Diagnostic]) {
        do throws(Diagnostic) {
            try CallSignature(d).checkArguments(given, calledAs: written, span: span)
        } catch {
            problems.append(error)
        }
    }

    private static func isTextLiteral(_ e: Expr) -> Bool {
        if case .string = e.kind { return true }
        return false
    }

    /// The evaluator's words (Aggregates.listSeparator) for a separator that is not a text.
    static func badListSeparator(_ span: SourceSpan) -> Diagnostic {
        Diagnostic(
            id: .badArgument, message: "the second argument of `list` must be a text in quotes", span: span,
            help: "e.g. `list(la_name, \"; \")`")
    }

    /// The number aggregates that take a condition as 1 or 0 (`sum` counts
    /// where it holds, `mean` gives the share); the others refuse true/false.
    static func takesConditions(_ word: AggregateWord) -> Bool { word == .sum || word == .mean }

    /// What an aggregate gives, from what it is given.
    static func result(of word: AggregateWord, _ args: [ColumnType?]) -> ColumnType? {
        switch word {
        case .count, .count_missing, .count_distinct: return .integer
        case .mean, .median, .stddev, .variance, .quantile, .corr, .spearman: return .decimal
        case .sum: return args.first == .boolean ? .integer : (args.first ?? nil)
        case .min, .max, .first, .last: return args.first ?? nil
        case .sparkline, .list: return .text
        }
    }

    /// What a function gives, from what it is given.
    static func result(of word: FunctionWord, _ args: [ColumnType?], _ exprs: [Expr]) -> ColumnType? {
        let first = args.first ?? nil
        switch word {
        case .round:
            guard let first else { return nil }
            var places: Int64 = 0
            if exprs.count == 2 {
                guard case .integer(let p) = exprs[1].kind else { return nil }
                places = p
            }
            return first == .integer && places >= 0 ? .integer : .decimal
        case .abs: return first
        case .floor, .ceil: return first == nil ? nil : .integer
        case .sqrt: return .decimal
        case .lower, .upper, .trim, .concat, .reason, .text: return .text
        case .length, .la: return .integer
        case .contains, .starts_with, .ends_with, .is_missing: return .boolean
        case .coalesce: return args.compactMap { $0 }.first
        case .if: return args.count == 3 ? (args[1] ?? args[2]) : nil
        case .number: return nil
        }
    }
}
