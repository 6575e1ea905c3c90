// Recursive descent over the tokens of one source: statements, pipelines and
// stages here; expressions in Parser+Expressions.swift. The parser never throws
// past a statement: each statement either parses or carries its diagnostics,
// and parsing goes on with the next statement (and, inside a statement, with the
// next `|`) so that one run reports every syntax error.

/// A statement as parsed, or the diagnostics that stopped it.
public struct ParsedStatement: Sendable {
    public var statement: Statement?
    public var diagnostics: [Diagnostic]
    /// The statement's full extent in the source, separators excluded.
    public var span: SourceSpan
}

public struct Parser {
    /// Nesting deeper than this is refused rather than risking the stack.
    static let maximumDepth = 200
    /// A nested pipeline counts as this many levels: each one costs the parser,
    /// resolver and evaluator several stack frames where an expression costs one,
    /// so pipelines nest at most 50 deep (far beyond any real statement).
    static let pipelineWeight = 4

    let source: SourceText
    var tokens: [Token]
    var position: Int
    let end: Int
    var depth = 0

    /// Parses every statement in a source.
    public static func parse(_ source: SourceText) -> [ParsedStatement] {
        let tokens = Lexer.tokenize(source)
        return StatementSplitter.split(tokens).map { range in
            var parser = Parser(source: source, tokens: tokens, range: range)
            return parser.parseStatement()
        }
    }

    init(source: SourceText, tokens: [Token], range: Range<Int>) {
        self.source = source
        // Newlines and comments inside a statement carry no meaning once it is cut out.
        var kept = tokens[range].filter { $0.kind != .newline && $0.kind != .comment }
        let endOffset = kept.last?.span.end ?? (range.lowerBound < tokens.count ? tokens[range.lowerBound].span.start : 0)
        kept.append(Token(kind: .endOfInput, span: .at(endOffset), text: ""))
        self.tokens = kept
        self.position = 0
        self.end = kept.count - 1
    }

    // MARK: - Cursor

    var current: Token { tokens[position] }
    var previous: Token { tokens[max(0, position - 1)] }
    func peek(_ ahead: Int = 1) -> Token { tokens[min(position + ahead, end)] }
    var atEnd: Bool { current.kind == .endOfInput }

    mutating func advance() -> Token {
        let t = tokens[position]
        if position < end { position += 1 }
        return t
    }

    func check(_ kind: TokenKind) -> Bool { current.kind == kind }

    mutating func match(_ kind: TokenKind) -> Bool {
        if check(kind) {
            _ = advance()
            return true
        }
        return false
    }

    /// A contextual keyword (`by`, `desc`, `on`…): an identifier with that text.
    func checkWord(_ word: String) -> Bool { current.isWord(word) }

    mutating func matchWord(_ word: String) -> Bool {
        if checkWord(word) {
            _ = advance()
            return true
        }
        return false
    }

    /// Fails with "expected X" at the current token, or at the end of the
    /// previous one when the input ran out.
    func expected(_ what: String, after context: String? = nil) -> Diagnostic {
        if let bad = lexicalError(current) { return bad }
        let found = atEnd ? "the end of the statement" : Messages.describe(current)
        let span = atEnd ? SourceSpan.at(previous.span.end) : current.span
        var message = "expected \(what)"
        if let context { message += " after \(context)" }
        message += ", found \(found)"
        return Diagnostic(id: .expected, message: message, span: span)
    }

    /// Lexer problems surface as the parser reaches them.
    func lexicalError(_ token: Token) -> Diagnostic? {
        switch token.kind {
        case .unterminatedString:
            return Diagnostic(
                id: .unterminatedString, message: "this string has no closing quote",
                span: SourceSpan(token.span.start, token.span.start + 1),
                help: "end it with \(token.text.first.map { String($0) } ?? "\"")")
        case .unterminatedQuotedIdentifier:
            return Diagnostic(
                id: .unterminatedName, message: "this quoted name has no closing backtick",
                span: SourceSpan(token.span.start, token.span.start + 1), help: "end it with `")
        case .unexpectedCharacter:
            let text = token.text
            var help: String? = nil
            if text == "!" { help = "write `not` for negation, or `!=` for not equal" }
            if text.first?.isNumber == true { help = "a name cannot start with a digit; quote it with backticks: `\(text)`" }
            if text == "&&" || text == "&" { help = "write `and`" }
            return Diagnostic(
                id: .unexpectedCharacter, message: "unexpected \(Messages.quoteChar(text)) here", span: token.span,
                help: help)
        default:
            return nil
        }
    }

    /// Skips to the next `|` at bracket depth 0 (or the end), for recovery.
    mutating func synchronizeToPipe() {
        var level = 0
        while !atEnd {
            switch current.kind {
            case .leftParen, .leftBracket: level += 1
            case .rightParen, .rightBracket: level -= 1
            case .pipe where level <= 0: return
            default: break
            }
            _ = advance()
        }
    }

    // MARK: - Names

    /// A column or dataset name: an identifier or a backtick-quoted name.
    mutating func parseName(_ what: String, after context: String? = nil) throws(Diagnostic) -> NameRef {
        if let name = current.name {
            let t = advance()
            // `` `` `` names nothing: refused where it is typed, not when a column or
            // binding of no name turns up later.
            if name.allSatisfy(\.isWhitespace) {
                throw Diagnostic(
                    id: .emptyName, message: "a name cannot be empty", span: t.span,
                    help: "write a name between the backticks, e.g. `my result`")
            }
            return NameRef(name, t.span)
        }
        if case .keyword(let k) = current.kind {
            let t = advance()
            throw Diagnostic(
                id: .keywordAsName, message: "`\(t.text)` is a word of the language, not a name", span: t.span,
                help: "if it is a column, quote it with backticks: `\(k.rawValue)`")
        }
        throw expected(what, after: context)
    }

    /// name, name, … (at least one).
    mutating func parseNameList(_ what: String, after context: String) throws(Diagnostic) -> [NameRef] {
        var names = [try parseName(what, after: context)]
        while match(.comma) {
            names.append(try parseName(what, after: "`,`"))
        }
        return names
    }

    /// A column pattern at the cursor (`*_rate`, `referrals*`, `*`): tokens
    /// written together (no space between) of names, numbers and `*`, that
    /// begin or end with `*` and end the item (`,`, `|`, `)`, `into`, the
    /// end). A `*` at one end is what makes it a pattern: `rate*2`, with
    /// neither, is a product, and `*` cannot begin an expression nor end one.
    mutating func parsePattern() -> NameRef? {
        func wordlike(_ t: Token) -> Bool {
            switch t.kind {
            case .identifier, .integer, .star, .keyword: return true
            default: return false
            }
        }
        guard wordlike(current) else { return nil }
        var last = position
        while last + 1 < end, wordlike(tokens[last + 1]), tokens[last + 1].span.start == tokens[last].span.end { last += 1 }
        let run = tokens[position...last]
        guard run.first!.kind == .star || run.last!.kind == .star else { return nil }
        let after = tokens[min(last + 1, end)]
        guard after.kind == .endOfInput || after.kind == .comma || after.kind == .pipe || after.kind == .rightParen
            || after.isWord("into")
        else { return nil }
        let span = run.first!.span.union(run.last!.span)
        position = last + 1
        return NameRef(run.map(\.text).joined(), span, isPattern: true)
    }

    /// Column names or patterns (drop, longer).
    mutating func parseColumnList(_ what: String, after context: String) throws(Diagnostic) -> [NameRef] {
        var names: [NameRef] = []
        repeat {
            if let p = parsePattern() { names.append(p) } else { names.append(try parseName(what, after: names.isEmpty ? context : "`,`")) }
        } while match(.comma)
        return names
    }

    /// A name given twice where each makes or keys one column (`count by
    /// region, region`, `longer … into x, x`): an error at the second.
    func refuseRepeated(_ names: [NameRef], _ what: String) throws(Diagnostic) {
        var seen: [String: NameRef] = [:]
        for n in names {
            if seen[n.name] != nil {
                throw Diagnostic(
                    id: .duplicateName, message: "`\(n.name)` is named twice \(what)", span: n.span,
                    help: "each column can appear once; remove the second")
            }
            seen[n.name] = n
        }
    }

    /// An optional `by name, name`.
    mutating func parseByClause() throws(Diagnostic) -> [NameRef] {
        guard matchWord("by") else { return [] }
        let keys = try parseKeyList("a column name", after: "`by`")
        try refuseRepeated(keys, "after `by`")
        return keys
    }

    /// `by` in summarise and count: keys that are column names, `name =
    /// expression`, or an expression named by its text (`by year >= 2020`).
    /// The expressions come back apart, to be worked out before grouping.
    mutating func parseGroupKeys() throws(Diagnostic) -> ([NameRef], [Binding]) {
        guard matchWord("by") else { return ([], []) }
        var names: [NameRef] = []
        var computing: [Binding] = []
        repeat {
            let context = names.isEmpty ? "`by`" : "`,`"
            guard !atEnd, !check(.pipe) else { throw expected("a column or expression to group by", after: context) }
            let next = peek().kind
            let endsKey = next == .comma || next == .pipe || next == .endOfInput || next == .rightParen || peek().isWord("within")
            if current.name != nil, next == .equal {
                let name = try parseName("a name for the key", after: context)
                _ = advance()
                guard !atEnd, !check(.pipe), !check(.comma) else { throw expected("an expression", after: "`=`") }
                computing.append(Binding(name: name, expr: try parseExpression()))
                names.append(name)
            } else if current.name != nil, endsKey {
                names.append(try parseName("a column name", after: context))
            } else {
                // Named by its text, as an unnamed select column is.
                let expr = try parseExpression()
                let name = NameRef(Binding(name: nil, expr: expr).outputName(in: source), expr.span)
                computing.append(Binding(name: name, expr: expr))
                names.append(name)
            }
        } while match(.comma)
        try refuseRepeated(names, "after `by`")
        return (names, computing)
    }

    /// `within` names keys of the count, the first ones (a share of what each region holds, say).
    func checkWithin(_ within: [NameRef], by: [NameRef]) throws(Diagnostic) {
        for (i, w) in within.enumerated() where i >= by.count || by[i].name != w.name {
            let keys = by.map { Messages.code($0.name) }
            throw Diagnostic(
                id: .badWithin, message: "`within` takes the first keys of the count, in order, but `\(w.name)` is not one",
                span: w.span,
                help: by.count > 1
                    ? "the keys are \(Messages.andList(keys)): e.g. `count by \(by.map(\.name).joined(separator: ", ")) within \(by[0].name)`"
                    : "`within` needs two keys or more: `count by region, type within region`")
        }
        if within.count >= by.count, !by.isEmpty {
            throw Diagnostic(
                id: .badWithin, message: "`within` all the keys leaves nothing to share out: every percent would be 100",
                span: within.last!.span,
                help: by.count > 1
                    ? "name the first keys only, e.g. `within \(by[0].name)`"
                    : "`within` needs two keys or more: `count by \(by[0].name), KEY within \(by[0].name)`")
        }
    }

    /// Group keys: column names. An operator or a bracket after one means an
    /// expression was meant (`by year >= 2020`, `by floor(year / 5)`), which
    /// a key cannot be: say how to make it a column first.
    mutating func parseKeyList(_ what: String, after context: String) throws(Diagnostic) -> [NameRef] {
        var names: [NameRef] = []
        repeat {
            let atName = self
            names.append(try parseName(what, after: names.isEmpty ? context : "`,`"))
            if !atEnd, current.kind.expectsContinuation, current.kind != .pipe, current.kind != .comma {
                var probe = atName
                let expression = (try? probe.parseExpression()).map { source.slice($0.span) } ?? names[names.count - 1].name
                throw Diagnostic(
                    id: .keyExpression, message: "group keys are column names, not expressions", span: current.span,
                    help: "make the key a column first: `derive key = \(expression) | … by key`")
            }
        } while match(.comma)
        return names
    }

    mutating func parseCount(after context: String) throws(Diagnostic) -> Int64 {
        guard current.kind == .integer else { throw expected("a whole number", after: context) }
        let t = advance()
        guard let n = Int64(t.text) else {
            throw Diagnostic.numberTooLarge(at: t.span)
        }
        return n
    }

    mutating func parseString(_ what: String, after context: String) throws(Diagnostic) -> (String, SourceSpan) {
        guard current.kind == .string else { throw expected(what, after: context) }
        let t = advance()
        return (t.unquoted, t.span)
    }

    /// Anything left after a statement parsed completely is an error.
    func expectEnd(after context: String) throws(Diagnostic) {
        guard atEnd else {
            if let bad = lexicalError(current) { throw bad }
            var help: String? = nil
            if current.kind == .pipe, context.hasPrefix("`") { help = nil }
            if current.isWord("as") { help = "to name a result, write `name = expression`" }
            throw Diagnostic(
                id: .unexpectedToken,
                message: "unexpected \(Messages.describe(current)) after \(context)", span: current.span, help: help)
        }
    }
}
