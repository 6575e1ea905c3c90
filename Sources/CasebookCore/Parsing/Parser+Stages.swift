// One parse rule per stage. The stage's name is recognised through the
// registry (StageWord, which also holds its help), so aliases such as `filter`
// for `where` are resolved before the rule is chosen.

extension Parser {
    mutating func parseStage(_ diagnostics: inout [Diagnostic]) throws(Diagnostic) -> Stage {
        if let bad = lexicalError(current) { throw bad }
        guard current.kind == .identifier || current.kind == .keyword(.not) else {
            if current.kind == .pipe || atEnd {
                throw Diagnostic(
                    id: .missingStage, message: "expected a stage after `|`",
                    span: atEnd ? .at(previous.span.end) : current.span,
                    help: "stages include where, select, derive, sort, take, summarise, join; `help stages` lists them")
            }
            throw expected("a stage name such as `where` or `sort`", after: "`|`")
        }
        let nameToken = advance()
        guard let word = StageWord(spelled: nameToken.text) else {
            throw Diagnostic(
                id: .unknownStage, message: "unknown stage `\(nameToken.text)`", span: nameToken.span,
                help: Suggestions.didYouMean(nameToken.text, in: StageWord.spellings)
                    ?? "`help stages` lists the stages")
        }
        let context = "`\(nameToken.text)`"
        // `join` is the one stage that holds a pipeline, so parseStage recurses
        // through it once per nested join. The other stages are parsed in a
        // function of their own, so that their locals do not swell every
        // level's stack frame: 200 nested joins stay far inside any thread's stack.
        let kind = word == .join ? try parseJoin(&diagnostics) : try parseStageKind(word, context: context)
        try checkStageEnd(kind, word: word, context: context)
        return Stage(kind, span: nameToken.span.union(previous.span), nameSpan: nameToken.span)
    }

    @inline(never)
    mutating func parseJoin(_ diagnostics: inout [Diagnostic]) throws(Diagnostic) -> Stage.Kind {
        var joinKind = JoinKind.inner
        if matchWord("left") { joinKind = .left } else if matchWord("inner") { joinKind = .inner }
        let right: Pipeline
        let source = try parseSource(&diagnostics)
        switch source {
        case .named(let n): right = Pipeline(source: source, stages: [], span: n.span)
        case .nested(let p): right = p
        case .compare(_, let span), .scorecard(_, let span): right = Pipeline(source: source, stages: [], span: span)
        }
        guard matchWord("on") else {
            throw expected("`on` and the key columns (e.g. `on la_code`)", after: "the dataset to join")
        }
        return .join(joinKind, right, on: try parseJoinKeys())
    }

    @inline(never)
    mutating func parseJoinKeys() throws(Diagnostic) -> [JoinKey] {
        var keys: [JoinKey] = []
        repeat {
            let left = try parseName("a key column", after: keys.isEmpty ? "`on`" : "`,`")
            var rightName = left
            if match(.equal) { rightName = try parseName("the key column of the joined dataset", after: "`=`") }
            keys.append(JoinKey(left: left, right: rightName))
        } while match(.comma)
        return keys
    }

    @inline(never)
    mutating func parseStageKind(_ word: StageWord, context: String) throws(Diagnostic) -> Stage.Kind {
        let kind: Stage.Kind
        switch word {
        case .`where`:
            guard !atEnd, current.kind != .pipe else { throw expected("a condition", after: context) }
            kind = .filter(try parseExpression())
        case .select:
            kind = .select(try parseBindings(after: context, allowUnnamed: true, allowPatterns: true))
        case .drop:
            kind = .drop(try parseColumnList("a column name or pattern", after: context))
        case .rename:
            var pairs: [(to: NameRef, from: NameRef)] = []
            repeat {
                let to = try parseName("the new name", after: pairs.isEmpty ? context : "`,`")
                guard match(.equal) else { throw expected("`=` and the old name (`new = old`)", after: "`\(to.name)`") }
                let from = try parseName("the old column name", after: "`=`")
                pairs.append((to, from))
            } while match(.comma)
            kind = .rename(pairs)
        case .derive:
            kind = .derive(try parseBindings(after: context, allowUnnamed: false))
        case .sort:
            var keys: [SortKey] = []
            repeat {
                keys.append(try parseSortKey(after: keys.isEmpty ? context : "`,`", defaultDescending: false))
            } while match(.comma)
            kind = .sort(keys)
        case .take:
            kind = .take(try parseCount(after: context))
        case .skip:
            kind = .skip(try parseCount(after: context))
        case .distinct:
            kind = .distinct(atEnd || check(.pipe) ? [] : try parseNameList("a column name", after: context))
        case .group:
            kind = .group(try parseKeyList("a column to group by", after: context))
        case .ungroup:
            kind = .ungroup
        case .summarise:
            let bindings = try parseBindings(after: context, allowUnnamed: true)
            let (by, computing) = try parseGroupKeys()
            kind = .summarise(bindings, by: by, computing: computing)
        case .count:
            let (by, computing) = try parseGroupKeys()
            var within: [NameRef] = []
            if matchWord("within") {
                within = try parseNameList("a key column of this count", after: "`within`")
                try checkWithin(within, by: by)
            }
            kind = .count(by: by, computing: computing, within: within)
        case .join:
            preconditionFailure("`join` is parsed by parseJoin")
        case .rank:
            var name: NameRef? = nil
            if current.name != nil, peek().kind == .equal {
                name = try parseName("a column name", after: context)
                _ = advance()
            }
            let key = try parseSortKey(after: context, defaultDescending: true)
            kind = .rank(key, by: try parseByClause(), as: name)
        case .change:
            let column = try parseName("the column whose change to work out", after: context)
            guard matchWord("over") else {
                throw expected("`over` and the ordering column (e.g. `over year`)", after: "`\(column.name)`")
            }
            let over = try parseName("the ordering column, such as `year`", after: "`over`")
            kind = .change(column, over: over, by: try parseByClause())
        case .wider:
            let names = try parseName("the column whose values become column names", after: context)
            _ = match(.comma)
            let values = try parseName("the column holding the values", after: "`\(names.name)`")
            kind = .wider(names: names, values: values)
        case .longer:
            let columns = try parseColumnList("a column (or pattern) to turn into rows", after: context)
            guard matchWord("into") else {
                throw expected("`into` and two names (e.g. `into measure, value`)", after: "the columns")
            }
            let names = try parseName("a name for the column of former column names", after: "`into`")
            guard match(.comma) else { throw expected("`,` and a name for the values column", after: "`\(names.name)`") }
            let values = try parseName("a name for the values column", after: "`,`")
            try refuseRepeated(columns, "among the columns to turn into rows")
            try refuseRepeated([names, values], "after `into`")
            kind = .longer(columns, names: names, values: values)
        case .top:
            let n = try parseCount(after: context)
            let key = try parseSortKey(after: "`top \(n)`", defaultDescending: true)
            kind = .top(n, key, by: try parseByClause())
        case .`for`:
            var items: [Expr] = []
            repeat {
                guard !atEnd, !check(.pipe) else {
                    throw expected("an authority name or code, e.g. `\"Reading\"` or `870`", after: context)
                }
                items.append(try parseExpression())
            } while match(.comma)
            kind = .authorities(items)
        case .as_at:
            guard !atEnd, !check(.pipe) else {
                throw expected("a date, e.g. `\"2025-03-31\"` (or a year, for 31 March of it)", after: context)
            }
            let date = try parseExpression()
            // Which date counts: publication (the judgement in force, the
            // default) or the inspection itself (Ofsted's "as at" tables).
            var inspected = false
            if matchWord("inspected") { inspected = true } else { _ = matchWord("published") }
            kind = .asAt(date, inspected: inspected)
        case .describe:
            kind = .describe
        case .profile:
            kind = .profile
        case .write:
            let (path, span) = try parseString("a file path in quotes", after: context)
            kind = .write(path: path, pathSpan: span)
        case .sources:
            kind = .sources
        case .schema:
            kind = .schema
        case .compare:
            kind = .compare(try parseCompare(after: context, allowDataset: false))
        case .chart:
            kind = .chart(try parseChart(after: context))
        case .correlate:
            let x = try parseName("the first measure", after: context)
            _ = match(.comma)
            let y = try parseName("the second measure", after: "`\(x.name)`")
            kind = .correlate(x, y)
        }
        return kind
    }

    /// A stage ends at `|`, at the end, or at the `)` closing a nested pipeline.
    @inline(never)
    mutating func checkStageEnd(_ kind: Stage.Kind, word: StageWord, context: String) throws(Diagnostic) {
        if !atEnd, !check(.pipe), !(depth > 0 && check(.rightParen)) {
            if let bad = lexicalError(current) { throw bad }
            var help: String? = nil
            if current.isWord("as") { help = "to name a column, write `name = expression`" }
            if case .filter = kind, current.kind == .equal { help = "compare with `=` once" }
            throw Diagnostic(
                id: .unexpectedToken,
                message: "unexpected \(Messages.describe(current)) in \(context)", span: current.span,
                help: help ?? (word.declaration.synopsis.isEmpty ? nil : "the form is `\(word.declaration.synopsis)`"))
        }
    }

    /// `expr [asc|desc]`
    mutating func parseSortKey(after context: String, defaultDescending: Bool) throws(Diagnostic) -> SortKey {
        guard !atEnd, !check(.pipe) else { throw expected("a column or expression to order by", after: context) }
        let expr = try parseExpression()
        var descending = defaultDescending
        var written = true
        if matchWord("desc") || matchWord("descending") {
            descending = true
        } else if matchWord("asc") || matchWord("ascending") {
            descending = false
        } else {
            written = false
        }
        return SortKey(expr: expr, descending: descending, directionWritten: written)
    }

    /// `name = expr, …`; with `allowUnnamed`, a bare expression names itself.
    mutating func parseBindings(after context: String, allowUnnamed: Bool, allowPatterns: Bool = false) throws(Diagnostic)
        -> [Binding]
    {
        var bindings: [Binding] = []
        repeat {
            let ctx = bindings.isEmpty ? context : "`,`"
            guard !atEnd, !check(.pipe), !checkWord("by") || peek().kind == .equal else {
                throw expected(allowUnnamed ? "a column or expression" : "`name = expression`", after: ctx)
            }
            if allowPatterns, let p = parsePattern() {
                bindings.append(Binding(name: nil, expr: Expr(.column(p.name), p.span), pattern: p))
            } else if current.name != nil, peek().kind == .equal {
                let name = try parseName("a column name", after: ctx)
                _ = advance()
                guard !atEnd, !check(.pipe), !check(.comma) else { throw expected("an expression", after: "`=`") }
                bindings.append(Binding(name: name, expr: try parseExpression()))
            } else if case .keyword = current.kind, peek().kind == .equal {
                // `missing = count()` names a column: read as a comparison it would
                // never be true, which no one means at the start of a binding.
                let t = advance()
                let name = NameRef(t.text, t.span)
                _ = advance()
                guard !atEnd, !check(.pipe), !check(.comma) else { throw expected("an expression", after: "`=`") }
                bindings.append(Binding(name: name, expr: try parseExpression()))
            } else {
                let expr = try parseExpression()
                if !allowUnnamed {
                    throw Diagnostic(
                        id: .unnamedDerive, message: "a derived column needs a name", span: expr.span,
                        help: "write `name = \(source.slice(expr.span))`")
                }
                bindings.append(Binding(name: nil, expr: expr))
            }
        } while match(.comma)
        return bindings
    }
}
