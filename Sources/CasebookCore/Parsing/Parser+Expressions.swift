// Expressions by precedence, lowest first:
//   or  <  and  <  not  <  comparison (= != < <= > >= in between like)
//   <  + -  <  * / %  <  unary -  <  literals, names, calls, ( … )

extension Parser {
    mutating func parseExpression() throws(Diagnostic) -> Expr {
        try enterNesting(at: current.span, "this expression is nested too deeply (more than \(Self.maximumDepth) levels)")
        defer { depth -= 1 }
        return try parseOr()
    }

    /// One level deeper; refused beyond `maximumDepth`, so that no input can
    /// exhaust the stack. The caller undoes it with `depth -= 1`.
    mutating func enterNesting(at span: SourceSpan, _ message: String, weight: Int = 1) throws(Diagnostic) {
        depth += weight
        guard depth < Self.maximumDepth else {
            depth -= weight
            throw Diagnostic(id: .tooDeep, message: message, span: span)
        }
    }

    private mutating func parseOr() throws(Diagnostic) -> Expr {
        var left = try parseAnd()
        var links = 0
        defer { depth -= links }
        while match(.keyword(.or)) {
            try chainLink(&links, at: previous.span)
            let right = try operand(after: "`or`") { (p) throws(Diagnostic) in try p.parseAnd() }
            left = Expr(.binary(.or, left, right), left.span.union(right.span))
        }
        return left
    }

    private mutating func parseAnd() throws(Diagnostic) -> Expr {
        var left = try parseNot()
        var links = 0
        defer { depth -= links }
        while match(.keyword(.and)) {
            try chainLink(&links, at: previous.span)
            let right = try operand(after: "`and`") { (p) throws(Diagnostic) in try p.parseNot() }
            left = Expr(.binary(.and, left, right), left.span.union(right.span))
        }
        return left
    }

    private mutating func parseNot() throws(Diagnostic) -> Expr {
        if check(.keyword(.not)) {
            let op = advance()
            try enterNesting(at: op.span, "this expression is nested too deeply")
            defer { depth -= 1 }
            let inner = try operand(after: "`not`") { (p) throws(Diagnostic) in try p.parseNot() }
            return Expr(.unary(.not, inner), op.span.union(inner.span))
        }
        return try parseComparison()
    }

    private mutating func parseComparison() throws(Diagnostic) -> Expr {
        let left = try parseAdditive()
        let negated: Bool
        if check(.keyword(.not)),
            [.keyword(.in), .keyword(.between), .keyword(.like)].contains(peek().kind)
        {
            _ = advance()
            negated = true
        } else {
            negated = false
        }
        switch current.kind {
        case .equal, .equalEqual, .notEqual, .less, .lessEqual, .greater, .greaterEqual:
            let op = advance()
            let binary: BinaryOperator
            switch op.kind {
            case .equal, .equalEqual: binary = .equal
            case .notEqual: binary = .notEqual
            case .less: binary = .less
            case .lessEqual: binary = .lessEqual
            case .greater: binary = .greater
            default: binary = .greaterEqual
            }
            let right = try operand(after: "`\(op.text)`") { (p) throws(Diagnostic) in try p.parseAdditive() }
            let expr = Expr(.binary(binary, left, right), left.span.union(right.span))
            if [.equal, .equalEqual, .notEqual, .less, .lessEqual, .greater, .greaterEqual].contains(current.kind) {
                throw Diagnostic(
                    id: .chainedComparison, message: "comparisons cannot be chained", span: current.span,
                    help: "join two comparisons with `and`, or use `between`")
            }
            return expr
        case .keyword(.in):
            _ = advance()
            guard match(.leftBracket) else { throw expected("`[` and a list of values", after: "`in`") }
            var items: [Expr] = []
            if !check(.rightBracket) {
                repeat {
                    if check(.rightBracket) { break }  // a trailing comma is harmless
                    items.append(try parseExpression())
                } while match(.comma)
            }
            guard match(.rightBracket) else { throw expected("`,` or `]`", after: "the list item") }
            return Expr(.inList(left, items, negated: negated), left.span.union(previous.span))
        case .keyword(.between):
            _ = advance()
            let low = try operand(after: "`between`") { (p) throws(Diagnostic) in try p.parseAdditive() }
            guard match(.keyword(.and)) else { throw expected("`and` and the upper bound", after: "the lower bound") }
            let high = try operand(after: "`and`") { (p) throws(Diagnostic) in try p.parseAdditive() }
            return Expr(.between(left, low: low, high: high, negated: negated), left.span.union(high.span))
        case .keyword(.like):
            _ = advance()
            let pattern = try operand(after: "`like`") { (p) throws(Diagnostic) in try p.parseAdditive() }
            return Expr(.like(left, pattern: pattern, negated: negated), left.span.union(pattern.span))
        default:
            if negated { throw expected("`in`, `between` or `like`", after: "`not`") }
            return left
        }
    }

    private mutating func parseAdditive() throws(Diagnostic) -> Expr {
        var left = try parseMultiplicative()
        var links = 0
        defer { depth -= links }
        while check(.plus) || check(.minus) {
            let op = advance()
            try chainLink(&links, at: op.span)
            let right = try operand(after: "`\(op.text)`") { (p) throws(Diagnostic) in try p.parseMultiplicative() }
            left = Expr(.binary(op.kind == .plus ? .add : .subtract, left, right), left.span.union(right.span))
        }
        return left
    }

    private mutating func parseMultiplicative() throws(Diagnostic) -> Expr {
        var left = try parseUnary()
        var links = 0
        defer { depth -= links }
        while check(.star) || check(.slash) || check(.percent) {
            let op = advance()
            try chainLink(&links, at: op.span)
            let binary: BinaryOperator = op.kind == .star ? .multiply : op.kind == .slash ? .divide : .remainder
            let right = try operand(after: "`\(op.text)`") { (p) throws(Diagnostic) in try p.parseUnary() }
            left = Expr(.binary(binary, left, right), left.span.union(right.span))
        }
        return left
    }

    /// Each operator of a chain (`a or b or c`, `1 + 2 + 3`) puts the tree one
    /// level deeper, and evaluating it takes as much stack as a bracket: count it.
    private mutating func chainLink(_ links: inout Int, at span: SourceSpan) throws(Diagnostic) {
        links += 1
        depth += 1
        guard depth < Self.maximumDepth else {
            throw Diagnostic(
                id: .tooDeep, message: "this expression is too long (more than \(Self.maximumDepth) operators and brackets deep)",
                span: span, help: "split it over several `derive` steps; for a list of values, write `x in [a, b, c]`")
        }
    }

    private mutating func parseUnary() throws(Diagnostic) -> Expr {
        if check(.minus) {
            let op = advance()
            try enterNesting(at: op.span, "this expression is nested too deeply")
            defer { depth -= 1 }
            let inner = try operand(after: "`-`") { (p) throws(Diagnostic) in try p.parseUnary() }
            // Fold `-5` into a literal so that the smallest integer can be written.
            switch inner.kind {
            case .integer(let v) where inner.span.start == op.span.end:
                return Expr(.integer(-v), op.span.union(inner.span))
            case .decimal(let v) where inner.span.start == op.span.end:
                return Expr(.decimal(-v), op.span.union(inner.span))
            default:
                return Expr(.unary(.negate, inner), op.span.union(inner.span))
            }
        }
        if check(.plus) {
            let op = advance()
            throw Diagnostic(id: .unaryPlus, message: "a value cannot start with `+`", span: op.span,
                             help: "leave the `+` out")
        }
        return try parsePrimary()
    }

    /// The right-hand side of an operator; a clear message when it is missing.
    private mutating func operand(
        after context: String, _ parse: (inout Parser) throws(Diagnostic) -> Expr
    ) throws(Diagnostic) -> Expr {
        if atEnd || check(.pipe) || check(.comma) || check(.rightParen) || check(.rightBracket) {
            throw expected("a value", after: context)
        }
        return try parse(&self)
    }

    private mutating func parsePrimary() throws(Diagnostic) -> Expr {
        if let bad = lexicalError(current) { throw bad }
        let t = current
        switch t.kind {
        case .integer:
            _ = advance()
            if let v = Int64(t.text) { return Expr(.integer(v), t.span) }
            // Too large for a whole number: keep it as a decimal rather than fail.
            // Past 1.8e308 (310 digits and more) it is refused as `1e309` is.
            if let d = Double(t.text), d.isFinite { return Expr(.decimal(d), t.span) }
            throw Diagnostic.numberTooLarge(at: t.span)
        case .decimal:
            _ = advance()
            guard let d = Double(t.text), d.isFinite else {
                throw Diagnostic.numberTooLarge(at: t.span)
            }
            return Expr(.decimal(d), t.span)
        case .string:
            _ = advance()
            return Expr(.string(t.unquoted), t.span)
        case .keyword(.true), .keyword(.false):
            _ = advance()
            return Expr(.boolean(t.kind == .keyword(.true)), t.span)
        case .keyword(.missing):
            _ = advance()
            if match(.leftParen) {
                var reason: String? = nil
                if current.kind == .string {
                    reason = advance().unquoted
                }
                guard match(.rightParen) else {
                    throw expected("a marker in quotes and `)`, e.g. `missing(\"c\")`", after: "`missing(`")
                }
                return Expr(.missing(reason), t.span.union(previous.span))
            }
            return Expr(.missing(nil), t.span)
        case .identifier:
            _ = advance()
            if check(.leftParen) {
                return try parseCall(name: t)
            }
            return Expr(.column(t.text), t.span)
        case .quotedIdentifier:
            _ = advance()
            return Expr(.column(t.unquoted), t.span)
        case .leftParen:
            _ = advance()
            let inner = try parseExpression()
            guard match(.rightParen) else { throw expected("`)`", after: "the expression") }
            var grouped = inner
            grouped.span = t.span.union(previous.span)
            return grouped
        case .leftBracket:
            throw Diagnostic(
                id: .listOutsideIn, message: "a list can only follow `in`", span: t.span,
                help: "write `column in [\"a\", \"b\"]`")
        default:
            throw expected("a value: a number, a string in quotes, a column or a function call")
        }
    }

    private mutating func parseCall(name: Token) throws(Diagnostic) -> Expr {
        _ = advance()  // (
        var arguments: [Expr] = []
        if !check(.rightParen) {
            repeat {
                if check(.star), peek().kind == .rightParen {
                    // count(*) as SQL writes it: the same as count().
                    _ = advance()
                    break
                }
                arguments.append(try parseExpression())
            } while match(.comma)
        }
        guard match(.rightParen) else {
            throw expected("`,` or `)`", after: arguments.isEmpty ? "`\(name.text)(`" : "the argument")
        }
        return Expr(
            .call(name: name.text.lowercased(), nameSpan: name.span, arguments: arguments),
            name.span.union(previous.span))
    }
}
