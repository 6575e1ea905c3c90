// The tokens of the Casebook language. Keywords proper are few; stage names,
// `by`, `as`, `desc` and the like are ordinary identifiers given meaning by
// their position, so a column may be called `count` or `year`.

public enum TokenKind: Equatable, Sendable {
    case identifier  // region, referrals_rate
    case quotedIdentifier  // `Duration 0-10 days`
    case string  // "South East"
    case integer  // 2016
    case decimal  // 12.5, 1e6
    case keyword(Keyword)

    case pipe  // |
    case comma
    case semicolon
    case leftParen, rightParen
    case leftBracket, rightBracket
    case plus, minus, star, slash, percent
    case equal  // =  (comparison, or binding in derive/let)
    case equalEqual  // ==
    case notEqual  // != or <>
    case less, lessEqual, greater, greaterEqual

    case newline
    case comment  // # to end of line; only produced when trivia is kept
    case endOfInput

    /// Lexing problems become tokens, so that the parser reports them in order
    /// and completion can still work on the rest of the line.
    case unterminatedString
    case unterminatedQuotedIdentifier
    case unexpectedCharacter
}

public enum Keyword: String, CaseIterable, Sendable {
    case and, or, not, `in`, between, like, `true`, `false`, missing, `let`
}

public struct Token: Equatable, Sendable {
    public var kind: TokenKind
    public var span: SourceSpan
    /// The token's text as written (for strings and quoted names: with the quotes).
    public var text: String

    init(kind: TokenKind, span: SourceSpan, text: String) {
        self.kind = kind
        self.span = span
        self.text = text
    }

    /// The value of a string token or the name of a quoted identifier, with
    /// escapes resolved.
    var unquoted: String {
        switch kind {
        case .string, .quotedIdentifier, .unterminatedString, .unterminatedQuotedIdentifier:
            return Lexer.unescape(text)
        default:
            return text
        }
    }

    /// The name this token gives, for identifiers and quoted identifiers.
    public var name: String? {
        switch kind {
        case .identifier: return text
        case .quotedIdentifier: return unquoted
        default: return nil
        }
    }

    func isWord(_ word: String) -> Bool {
        kind == .identifier && text.lowercased() == word
    }
}

extension TokenKind {
    /// Tokens after which a statement cannot end: a line that ends with one of
    /// these continues on the next line.
    var expectsContinuation: Bool {
        switch self {
        case .pipe, .comma, .leftParen, .leftBracket, .plus, .minus, .star, .slash, .percent,
            .equal, .equalEqual, .notEqual, .less, .lessEqual, .greater, .greaterEqual,
            .keyword(.and), .keyword(.or), .keyword(.not), .keyword(.in), .keyword(.between),
            .keyword(.like), .keyword(.let):
            return true
        default:
            return false
        }
    }

    var isError: Bool {
        switch self {
        case .unterminatedString, .unterminatedQuotedIdentifier, .unexpectedCharacter: return true
        default: return false
        }
    }
}
