// The analysis stages' arguments: compare, chart.

extension Parser {
    /// `AUTHORITY on MEASURE [in DATASET] [year Y | years A to B | years all] [neighbours MODEL]`
    mutating func parseCompare(after context: String, allowDataset: Bool) throws(Diagnostic) -> CompareSpec {
        guard !atEnd, !check(.pipe) else {
            throw expected("an authority, e.g. `\"Reading\"` or `870`", after: context)
        }
        let authority = try parseComparisonOperand(after: "`compare`")
        guard matchWord("on") else {
            throw expected("`on` and the measure, e.g. `on referrals_rate`", after: "the authority")
        }
        let measure = try parseName("the measure to compare", after: "`on`")
        var spec = CompareSpec(authority: authority, measure: measure, dataset: nil, years: .latest, yearsSpan: nil, model: nil)
        while !atEnd && !check(.pipe) && !check(.rightParen) {
            if checkWord("in") || check(.keyword(.in)) {
                let word = advance()
                guard allowDataset else {
                    throw Diagnostic(
                        id: .unexpectedToken, message: "`in` names a dataset only in the statement form of compare",
                        span: word.span, help: "the stage compares the table before it")
                }
                spec.dataset = try parseName("a dataset name", after: "`in`")
            } else if matchWord("year") {
                let start = previous.span
                let y = try parseCount(after: "`year`")
                spec.years = .single(y)
                spec.yearsSpan = start.union(previous.span)
            } else if matchWord("years") {
                let start = previous.span
                if matchWord("all") {
                    spec.years = .all
                } else {
                    let from = try parseCount(after: "`years`")
                    guard matchWord("to") else { throw expected("`to` and the last year", after: "`years \(from)`") }
                    let to = try parseCount(after: "`to`")
                    guard to >= from else {
                        throw Diagnostic(
                            id: .badArgument, message: "the years run backwards (\(from) to \(to))",
                            span: start.union(previous.span), help: "write `years \(to) to \(from)`")
                    }
                    spec.years = .range(from, to)
                }
                spec.yearsSpan = start.union(previous.span)
            } else if matchWord("neighbours") || matchWord("neighbors") {
                guard let t = current.kind == .integer || current.kind == .identifier ? advance() : nil else {
                    throw expected("a neighbour model, e.g. `2025` or `2021`", after: "`neighbours`")
                }
                spec.model = NameRef(t.text, t.span)
            } else {
                if let bad = lexicalError(current) { throw bad }
                throw Diagnostic(
                    id: .unexpectedToken, message: "unexpected \(Messages.describe(current)) in `compare`",
                    span: current.span,
                    help: "the form is `compare AUTHORITY on MEASURE [in DATASET] [year Y | years A to B] [neighbours 2021]`")
            }
        }
        return spec
    }

    /// `AUTHORITY [topic "TOPIC" | measures M, M…] [year Y] [neighbours MODEL]`
    mutating func parseScorecard() throws(Diagnostic) -> ScorecardSpec {
        guard !atEnd, !check(.pipe) else {
            throw expected("an authority, e.g. `\"Reading\"` or `870`", after: "`scorecard`")
        }
        let authority = try parseComparisonOperand(after: "`scorecard`")
        var spec = ScorecardSpec(authority: authority, topic: nil, measures: [], year: nil, yearSpan: nil, model: nil)
        let form = "the form is `scorecard AUTHORITY [topic \"TOPIC\" | measures M, M…] [year Y] [neighbours 2021]`"
        while !atEnd && !check(.pipe) && !check(.rightParen) {
            if matchWord("topic") {
                let word = previous.span
                guard spec.topic == nil, spec.measures.isEmpty else {
                    throw Diagnostic(
                        id: .badArgument, message: "a scorecard takes one topic or one list of measures", span: word,
                        help: form)
                }
                let (text, span) = try parseString("a topic in quotes, e.g. `\"Child Protection\"`", after: "`topic`")
                spec.topic = NameRef(text, span)
            } else if matchWord("measures") || matchWord("measure") {
                let word = previous.span
                guard spec.topic == nil, spec.measures.isEmpty else {
                    throw Diagnostic(
                        id: .badArgument, message: "a scorecard takes one topic or one list of measures", span: word,
                        help: form)
                }
                repeat {
                    // LAIT's codes may start with a digit or hold `%` and spaces: those go in quotes.
                    if current.kind == .string {
                        let t = advance()
                        spec.measures.append(NameRef(t.unquoted, t.span))
                    } else {
                        spec.measures.append(try parseName("a LAIT measure, e.g. `CPP_rate` or `\"10_ICPC\"`", after: "`measures`"))
                    }
                } while match(.comma)
            } else if matchWord("year") {
                let start = previous.span
                spec.year = try parseCount(after: "`year`")
                spec.yearSpan = start.union(previous.span)
            } else if matchWord("neighbours") || matchWord("neighbors") {
                guard let t = current.kind == .integer || current.kind == .identifier ? advance() : nil else {
                    throw expected("a neighbour model, e.g. `2025` or `2021`", after: "`neighbours`")
                }
                spec.model = NameRef(t.text, t.span)
            } else {
                if let bad = lexicalError(current) { throw bad }
                var help = form
                if current.kind == .identifier,
                    let near = Suggestions.didYouMean(current.text, in: ["topic", "measures", "year", "neighbours"])
                {
                    help = near
                }
                throw Diagnostic(
                    id: .unexpectedToken, message: "unexpected \(Messages.describe(current)) in `scorecard`",
                    span: current.span, help: help)
            }
        }
        return spec
    }

    /// An authority: a string, a code, or a bracketed expression (not a full
    /// expression, so `on` is not swallowed).
    private mutating func parseComparisonOperand(after context: String) throws(Diagnostic) -> Expr {
        if current.kind == .string || current.kind == .integer {
            let t = advance()
            if t.kind == .integer { return Expr(.integer(Int64(t.text) ?? 0), t.span) }
            return Expr(.string(t.unquoted), t.span)
        }
        if current.kind == .identifier {
            let t = advance()
            throw Diagnostic(
                id: .unquotedAuthority, message: "an authority's name goes in quotes", span: t.span,
                help: "write `\"\(t.text)\"`")
        }
        throw expected("an authority name in quotes or a DfE code", after: context)
    }

    /// `bar LABEL VALUE` · `line [X Y [by SERIES]]` · `hist VALUE [bins N]` · `scatter X Y`, then `[to "file.svg"]`.
    mutating func parseChart(after context: String) throws(Diagnostic) -> ChartSpec {
        guard current.kind == .identifier else { throw expected("a chart kind: bar, line, hist or scatter", after: context) }
        let word = advance()
        let kindText = word.text.lowercased()
        let kind: Chart.Kind
        switch kindText {
        case "bar", "bars": kind = .bar
        case "line", "lines": kind = .line
        case "hist", "histogram": kind = .histogram
        case "scatter": kind = .scatter
        default:
            throw Diagnostic(
                id: .unknownChart, message: "no chart called `\(word.text)`", span: word.span,
                help: Suggestions.didYouMean(word.text, in: ["bar", "line", "hist", "scatter"])
                    ?? "the charts are bar, line, hist and scatter")
        }
        var spec = ChartSpec(kind: kind, kindSpan: word.span)
        func endsHere() -> Bool {
            atEnd || check(.pipe) || checkWord("to") || checkWord("by") || checkWord("bins") || checkWord("title")
                || checkWord("highlight")
        }
        switch kind {
        case .bar:
            spec.x = try parseName("the column of labels", after: "`chart bar`")
            spec.y = try parseName("the column of values", after: "`\(spec.x!.name)`")
        case .line:
            if !endsHere() {
                spec.x = try parseName("the column along the bottom, e.g. `year`", after: "`chart line`")
                spec.y = try parseName("the column of values", after: "`\(spec.x!.name)`")
                if matchWord("by") { spec.series = try parseName("the column that names each line", after: "`by`") }
            }
        case .histogram:
            spec.y = try parseName("the column of values", after: "`chart hist`")
            if matchWord("bins") { spec.bins = try parseCount(after: "`bins`") }
        case .scatter:
            spec.x = try parseName("the column along the bottom", after: "`chart scatter`")
            spec.y = try parseName("the column up the side", after: "`\(spec.x!.name)`")
        }
        // The title and the highlighted bars, in either order.
        while checkWord("title") || checkWord("highlight") {
            if matchWord("title") {
                spec.title = try parseString("the chart's title in quotes", after: "`title`").0
            } else {
                _ = advance()
                repeat {
                    let (label, span) = try parseString("the label of a bar in quotes, e.g. \"Reading\"", after: "`highlight`")
                    spec.highlight.append(label)
                    spec.highlightSpan = spec.highlightSpan.map { $0.union(span) } ?? span
                } while match(.comma)
            }
        }
        if matchWord("to") {
            let (path, span) = try parseString("a file path in quotes, ending .svg or .png", after: "`to`")
            spec.path = path
            spec.pathSpan = span
        }
        return spec
    }
}

extension ChartSpec {
    init(kind: Chart.Kind, kindSpan: SourceSpan) {
        self.init(kind: kind, kindSpan: kindSpan, x: nil, y: nil, series: nil, bins: nil, path: nil, pathSpan: nil)
        self.title = nil
        self.highlight = []
        self.highlightSpan = nil
    }
}
