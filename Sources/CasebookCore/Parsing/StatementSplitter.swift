// Cuts a token stream into statements. A newline ends a statement unless the
// statement cannot end there: inside brackets, after `|`, `,`, an operator or
// `and`/`or`, or when the next line starts with `|`. `;` always ends one.
// The prompt's continuation decision (InputCompleteness) uses the same rules.

struct StatementSplitter {
    /// Token index ranges, one per non-empty statement (separators excluded).
    static func split(_ tokens: [Token]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start: Int? = nil
        var depth = 0
        var lastSignificant: TokenKind? = nil
        var i = 0
        func close(at end: Int) {
            if let s = start, s < end { ranges.append(s..<end) }
            start = nil
            lastSignificant = nil
            depth = 0
        }
        while i < tokens.count {
            let kind = tokens[i].kind
            switch kind {
            case .endOfInput:
                close(at: i)
                return ranges
            case .semicolon:
                // Inside brackets a `;` is a mistake the parser will report; keep it.
                if depth > 0 {
                    if start == nil { start = i }
                    lastSignificant = kind
                } else {
                    close(at: i)
                }
            case .newline:
                if start == nil { break }
                // A blank line always ends a statement: a trailing `|` or an open
                // bracket before it is reported, not joined to what follows.
                if i + 1 < tokens.count, tokens[i + 1].kind == .newline {
                    close(at: i)
                    break
                }
                if depth > 0 || (lastSignificant?.expectsContinuation ?? false) { break }
                if nextSignificantIsPipe(tokens, after: i) { break }
                close(at: i)
            case .comment:
                break
            default:
                if start == nil { start = i }
                switch kind {
                case .leftParen, .leftBracket: depth += 1
                case .rightParen, .rightBracket: depth = max(0, depth - 1)
                default: break
                }
                lastSignificant = kind
            }
            i += 1
        }
        close(at: tokens.count)
        return ranges
    }

    private static func nextSignificantIsPipe(_ tokens: [Token], after index: Int) -> Bool {
        var j = index + 1
        while j < tokens.count {
            switch tokens[j].kind {
            case .newline, .comment: j += 1
            case .pipe: return true
            default: return false
            }
        }
        return false
    }
}

/// Whether text typed at the prompt is a finished statement or needs another line.
public enum InputCompleteness {
    /// True when the input ends inside a string or brackets, or after a token that
    /// cannot end a statement (`|`, `,`, an operator, `and`…).
    public static func needsMoreInput(_ text: String) -> Bool {
        // An empty line ends whatever was pending (Enter twice).
        if let lastBreak = text.lastIndex(of: "\n"),
            text[text.index(after: lastBreak)...].allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\r" })
        {
            return false
        }
        let tokens = Lexer.tokenize(SourceText(name: "", text: text))
        var depth = 0
        var last: TokenKind? = nil
        for token in tokens {
            switch token.kind {
            case .unterminatedString, .unterminatedQuotedIdentifier:
                return true
            case .leftParen, .leftBracket: depth += 1
            case .rightParen, .rightBracket: depth = max(0, depth - 1)
            case .semicolon: depth = 0
            default: break
            }
            switch token.kind {
            case .newline, .comment, .endOfInput: break
            default: last = token.kind
            }
        }
        if depth > 0 { return true }
        return last?.expectsContinuation ?? false
    }
}

extension InputCompleteness {
    /// A statement typed over several lines as one line, for the shell's Up
    /// key: line breaks (and the comments before them) become one space, and
    /// statements that a line break separated are joined with `; `, so that
    /// the recalled line means what was typed and can be edited as a whole.
    /// Strings keep their own line breaks.
    public static func oneLine(_ text: String) -> String {
        guard text.contains("\n") else { return text }
        let source = SourceText(name: "", text: text)
        let tokens = Lexer.tokenize(source)
        var statements: [String] = []
        for range in StatementSplitter.split(tokens) {
            var line = ""
            var previousEnd: Int? = nil
            for i in range {
                let token = tokens[i]
                switch token.kind {
                case .newline, .comment, .endOfInput: continue
                default: break
                }
                if let end = previousEnd {
                    let gap = source.slice(SourceSpan(end, token.span.start))
                    line += gap.contains("\n") || gap.contains("#") ? " " : gap
                }
                line += source.slice(token.span)
                previousEnd = token.span.end
            }
            if !line.isEmpty { statements.append(line) }
        }
        return statements.isEmpty ? text : statements.joined(separator: "; ")
    }
}
