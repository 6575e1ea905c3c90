// Bytes to tokens, for parsing, for the prompt's "is this statement finished?"
// and for Tab completion — one lexer, so the three cannot disagree.
// Never fails: problems become error tokens that the parser reports.

public struct Lexer {
    private let bytes: [UInt8]
    private var index = 0
    private let keepComments: Bool

    public init(_ source: SourceText, keepComments: Bool = false) {
        self.bytes = source.bytes
        self.keepComments = keepComments
    }

    public init(text: String, keepComments: Bool = false) {
        self.bytes = Array(text.utf8)
        self.keepComments = keepComments
    }

    /// All tokens, ending with one `.endOfInput`.
    public static func tokenize(_ source: SourceText, keepComments: Bool = false) -> [Token] {
        var lexer = Lexer(source, keepComments: keepComments)
        return lexer.all()
    }

    public mutating func all() -> [Token] {
        var tokens: [Token] = []
        while true {
            let t = next()
            tokens.append(t)
            if t.kind == .endOfInput { return tokens }
        }
    }

    public mutating func next() -> Token {
        while true {
            skipSpaces()
            guard index < bytes.count else {
                return Token(kind: .endOfInput, span: .at(bytes.count), text: "")
            }
            if bytes[index] == UInt8(ascii: "#") {
                let start = index
                while index < bytes.count, bytes[index] != UInt8(ascii: "\n") { index += 1 }
                if keepComments { return make(.comment, from: start) }
                continue
            }
            return scanToken()
        }
    }

    private mutating func skipSpaces() {
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), 0x0C:
                index += 1
            default:
                return
            }
        }
    }

    private func make(_ kind: TokenKind, from start: Int) -> Token {
        Token(kind: kind, span: SourceSpan(start, index), text: String(decoding: bytes[start..<index], as: UTF8.self))
    }

    private func peek(_ ahead: Int = 0) -> UInt8? {
        index + ahead < bytes.count ? bytes[index + ahead] : nil
    }

    private mutating func scanToken() -> Token {
        let start = index
        let c = bytes[index]
        index += 1
        switch c {
        case UInt8(ascii: "\n"): return make(.newline, from: start)
        case UInt8(ascii: "|"): return make(.pipe, from: start)
        case UInt8(ascii: ","): return make(.comma, from: start)
        case UInt8(ascii: ";"): return make(.semicolon, from: start)
        case UInt8(ascii: "("): return make(.leftParen, from: start)
        case UInt8(ascii: ")"): return make(.rightParen, from: start)
        case UInt8(ascii: "["): return make(.leftBracket, from: start)
        case UInt8(ascii: "]"): return make(.rightBracket, from: start)
        case UInt8(ascii: "+"): return make(.plus, from: start)
        case UInt8(ascii: "-"): return make(.minus, from: start)
        case UInt8(ascii: "*"): return make(.star, from: start)
        case UInt8(ascii: "/"): return make(.slash, from: start)
        case UInt8(ascii: "%"): return make(.percent, from: start)
        case UInt8(ascii: "="):
            if peek() == UInt8(ascii: "=") { index += 1; return make(.equalEqual, from: start) }
            return make(.equal, from: start)
        case UInt8(ascii: "!"):
            if peek() == UInt8(ascii: "=") { index += 1; return make(.notEqual, from: start) }
            return make(.unexpectedCharacter, from: start)
        case UInt8(ascii: "<"):
            if peek() == UInt8(ascii: "=") { index += 1; return make(.lessEqual, from: start) }
            if peek() == UInt8(ascii: ">") { index += 1; return make(.notEqual, from: start) }
            return make(.less, from: start)
        case UInt8(ascii: ">"):
            if peek() == UInt8(ascii: "=") { index += 1; return make(.greaterEqual, from: start) }
            return make(.greater, from: start)
        case UInt8(ascii: "\""), UInt8(ascii: "'"):
            return scanQuoted(closing: c, from: start, complete: .string, incomplete: .unterminatedString)
        case UInt8(ascii: "`"):
            return scanQuoted(
                closing: c, from: start, complete: .quotedIdentifier, incomplete: .unterminatedQuotedIdentifier)
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            return scanNumber(from: start)
        case UInt8(ascii: "."):
            if let d = peek(), (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(d) {
                return scanNumber(from: start)
            }
            return make(.unexpectedCharacter, from: start)
        default:
            if Self.isIdentifierStart(c) {
                return scanIdentifier(from: start)
            }
            // Consume the whole UTF-8 sequence so the error covers one character.
            while index < bytes.count, bytes[index] & 0xC0 == 0x80 { index += 1 }
            if c >= 0x80, let scalar = String(decoding: bytes[start..<index], as: UTF8.self).unicodeScalars.first,
                scalar.properties.isAlphabetic
            {
                return scanIdentifier(from: start)
            }
            return make(.unexpectedCharacter, from: start)
        }
    }

    static func isIdentifierStart(_ c: UInt8) -> Bool {
        (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
            || c == UInt8(ascii: "_")
    }

    static func isIdentifierContinue(_ c: UInt8) -> Bool {
        isIdentifierStart(c) || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9"))
    }

    private mutating func scanIdentifier(from start: Int) -> Token {
        while index < bytes.count {
            let c = bytes[index]
            if Self.isIdentifierContinue(c) {
                index += 1
            } else if c >= 0x80 {
                // Letters outside ASCII (names in other scripts) continue an identifier.
                var end = index + 1
                while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
                let s = String(decoding: bytes[index..<end], as: UTF8.self)
                guard let scalar = s.unicodeScalars.first,
                    scalar.properties.isAlphabetic || scalar.properties.numericType != nil
                else { break }
                index = end
            } else {
                break
            }
        }
        var token = make(.identifier, from: start)
        if let keyword = Keyword(rawValue: token.text.lowercased()) {
            token.kind = .keyword(keyword)
        }
        return token
    }

    private mutating func scanNumber(from start: Int) -> Token {
        index = start
        var isDecimal = false
        func digits() { while let d = peek(), d >= UInt8(ascii: "0") && d <= UInt8(ascii: "9") { index += 1 } }
        digits()
        if peek() == UInt8(ascii: "."), let d = peek(1), d >= UInt8(ascii: "0") && d <= UInt8(ascii: "9") {
            isDecimal = true
            index += 1
            digits()
        } else if peek() == UInt8(ascii: "."), index == start {
            index += 1
            digits()
            isDecimal = true
        }
        if let e = peek(), e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            var look = 1
            if let s = peek(1), s == UInt8(ascii: "+") || s == UInt8(ascii: "-") { look = 2 }
            if let d = peek(look), d >= UInt8(ascii: "0") && d <= UInt8(ascii: "9") {
                isDecimal = true
                index += look
                digits()
            }
        }
        // "12abc" is one bad token, not a number followed by a name.
        if let c = peek(), Self.isIdentifierStart(c) {
            while let c = peek(), Self.isIdentifierContinue(c) { index += 1 }
            return make(.unexpectedCharacter, from: start)
        }
        return make(isDecimal ? .decimal : .integer, from: start)
    }

    private mutating func scanQuoted(closing: UInt8, from start: Int, complete: TokenKind, incomplete: TokenKind)
        -> Token
    {
        while index < bytes.count {
            let c = bytes[index]
            // A string may run over several lines, but not into a blank line or a
            // line that starts with `#` (a comment, or a session file's recorded
            // output): an unclosed quote then ends at its line, and the statements
            // after it still parse.
            if c == UInt8(ascii: "\n"), blankOrCommentLineFollows(index) {
                return make(incomplete, from: start)
            }
            // A backslash escapes the next character, but not a line break: it
            // must not carry the string past the check above.
            if c == UInt8(ascii: "\\"), index + 1 < bytes.count, bytes[index + 1] != UInt8(ascii: "\n") {
                index += 2
                continue
            }
            index += 1
            if c == closing {
                // A doubled quote inside is an escaped quote ("say ""hi""").
                if peek() == closing {
                    index += 1
                    continue
                }
                return make(complete, from: start)
            }
        }
        return make(incomplete, from: start)
    }

    /// True when the line after the line break at `newline` is empty (or only
    /// spaces), starts with `#`, or there is no more input.
    private func blankOrCommentLineFollows(_ newline: Int) -> Bool {
        var i = newline + 1
        while i < bytes.count {
            switch bytes[i] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"): i += 1
            case UInt8(ascii: "\n"), UInt8(ascii: "#"): return true
            default: return false
            }
        }
        return true
    }

    /// The content of a quoted token: quotes removed, `\"`, `\\`, `\n`, `\t` and
    /// doubled quotes resolved.
    static func unescape(_ text: String) -> String {
        var scalars = Array(text.unicodeScalars)
        guard let quote = scalars.first else { return text }
        scalars.removeFirst()
        if scalars.last == quote { scalars.removeLast() }
        var out = String.UnicodeScalarView()
        var i = 0
        while i < scalars.count {
            let c = scalars[i]
            if c == "\\", i + 1 < scalars.count {
                let n = scalars[i + 1]
                switch n {
                case "n": out.append("\n")
                case "t": out.append("\t")
                case "r": out.append("\r")
                default: out.append(n)
                }
                i += 2
            } else if c == quote, i + 1 < scalars.count, scalars[i + 1] == quote {
                out.append(c)
                i += 2
            } else {
                out.append(c)
                i += 1
            }
        }
        return String(out)
    }
}
