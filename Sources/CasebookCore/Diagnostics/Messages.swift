// Helpers that give every message the same voice: how a token is described,
// how names are quoted, how a list of alternatives reads. Message texts that
// are used in several places live here too, so a change of wording is one edit.

public enum Messages {
    /// A name as it appears in messages: in backticks, the language's own quoting.
    public static func code(_ name: String) -> String { "`\(name)`" }

    /// "`a`", "`a` or `b`", "`a`, `b` or `c`".
    static func orList(_ items: [String]) -> String { joined(items, with: "or") }
    static func andList(_ items: [String]) -> String { joined(items, with: "and") }

    private static func joined(_ items: [String], with word: String) -> String {
        switch items.count {
        case 0: return ""
        case 1: return items[0]
        default: return items.dropLast().joined(separator: ", ") + " \(word) " + items.last!
        }
    }

    static func quoteChar(_ text: String) -> String {
        if text.unicodeScalars.count == 1, let s = text.unicodeScalars.first {
            let code = "U+\(String(s.value, radix: 16, uppercase: true).leftPadded(to: 4, with: "0"))"
            if s.value < 0x20 || s.value == 0x7F { return "control character \(code)" }
            // Shown as itself it would be nothing, a space, or (a direction override) scramble the line.
            if (0x80..<0xA0).contains(s.value) || s.properties.generalCategory == .format
                || s.properties.generalCategory == .spaceSeparator || s.properties.generalCategory == .lineSeparator
                || s.properties.generalCategory == .paragraphSeparator
            {
                return "invisible character \(code)"
            }
        }
        return "`\(text)`"
    }

    /// How a token is named in "expected X, found Y".
    static func describe(_ token: Token) -> String {
        switch token.kind {
        case .identifier: return "`\(token.text)`"
        case .quotedIdentifier: return "the name \(token.text)"
        case .string: return "the string \(token.text.count > 30 ? String(token.text.prefix(27)) + "…" : token.text)"
        case .integer, .decimal: return "the number \(token.text)"
        case .keyword(let k): return "`\(k.rawValue)`"
        case .newline: return "the end of the line"
        case .endOfInput: return "the end of the statement"
        case .comment: return "a comment"
        default: return quoteChar(token.text)
        }
    }

    /// "1 row", "2 rows".
    public static func plural(_ n: Int, _ singular: String, _ pluralForm: String? = nil) -> String {
        "\(NumberText.grouped(n)) \(n == 1 ? singular : (pluralForm ?? singular + "s"))"
    }
}

extension String {
    func leftPadded(to width: Int, with pad: Character = " ") -> String {
        let n = count
        return n >= width ? self : String(repeating: pad, count: width - n) + self
    }

    func rightPadded(to width: Int, with pad: Character = " ") -> String {
        let n = count
        return n >= width ? self : self + String(repeating: pad, count: width - n)
    }
}
