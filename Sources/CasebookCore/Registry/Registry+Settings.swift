// Settings: what `set` changes, the values each takes (checked when the
// statement is parsed, so a bad value is an error where it was typed), and the
// line `help settings` prints.

enum SettingValues: Sendable {
    case onOff
    /// One of these words (the first spelling of each is what `help` shows).
    case choice([String])
    /// A positive whole number, or `orWord` (`all`, `auto`) for "no number",
    /// or one of the words `also` (taken as `.choice`).
    case count(orWord: String?, also: [String] = [])
}

/// A setting's value, checked.
enum SettingValue: Sendable, Equatable {
    case flag(Bool)
    case choice(String)
    /// nil: the `orWord` (rows all, width auto).
    case count(Int?)
}

struct SettingDeclaration: Sendable {
    var aliases: [String]
    public var values: SettingValues
    /// What the setting changes, for `help settings`.
    var summary: String
}

extension SettingWord: SpelledWord {
    var aliases: [String] { declaration.aliases }

    var declaration: SettingDeclaration {
        switch self {
        case .format:
            return SettingDeclaration(
                aliases: [], values: .choice(OutputFormat.allCases.map(\.rawValue) + ["md"]),
                summary: "how results are printed")
        case .rows:
            return SettingDeclaration(
                aliases: [], values: .count(orWord: "all"), summary: "rows shown before the middle is elided")
        case .timer:
            return SettingDeclaration(aliases: [], values: .onOff, summary: "print how long each statement took")
        case .width:
            return SettingDeclaration(
                aliases: [], values: .count(orWord: "auto"), summary: "the width tables and charts fit")
        case .cells:
            return SettingDeclaration(
                aliases: [], values: .count(orWord: "auto", also: ["full"]),
                summary: "how wide a text cell is shown: cut to fit the width (auto; whole into a pipe or file), "
                    + "at most N, or never cut (full)")
        case .view:
            return SettingDeclaration(
                aliases: [], values: .choice(TableView.allCases.map(\.rawValue)),
                summary: "tables, or records (one field a line); auto shows as records a few rows that would hide most columns")
        case .colour:
            return SettingDeclaration(
                aliases: ["color"], values: .onOff, summary: "colour (off when output is not a terminal)")
        case .accessible:
            return SettingDeclaration(
                aliases: [], values: .onOff, summary: "tables read row by row; charts described in words")
        case .sources:
            return SettingDeclaration(aliases: [], values: .onOff, summary: "show each result's sources under it")
        case .neighbours:
            // The models in the shipped `neighbours` dataset.
            return SettingDeclaration(
                aliases: ["neighbors"], values: .choice(["2025", "2021"]),
                summary: "the statistical neighbour model compare uses")
        case .limit:
            return SettingDeclaration(
                aliases: [], values: .count(orWord: nil), summary: "the largest result a join may make")
        case .chars:
            return SettingDeclaration(
                aliases: [], values: .choice(["unicode", "ascii"]),
                summary: "box and block characters, or plain ASCII for tables and charts")
        }
    }

    /// The values as help shows them: "on|off", "N|all", "table|csv|…".
    var valueForm: String {
        switch declaration.values {
        case .onOff: return "on|off"
        case .choice(let words): return words.filter { $0 != "md" }.joined(separator: "|")
        case .count(let word, let also): return (["N"] + (word.map { [$0] } ?? []) + also).joined(separator: "|")
        }
    }

    /// Words a value may be, for completion.
    var valueWords: [String] {
        switch declaration.values {
        case .onOff: return ["on", "off"]
        case .choice(let words): return words.filter { $0 != "md" }
        case .count(let word, let also): return (word.map { [$0] } ?? []) + also
        }
    }

    /// Checks `text` (as typed) against the values this setting takes.
    func value(_ text: String, span: SourceSpan, writtenAs written: String) throws(Diagnostic) -> SettingValue {
        let v = text.lowercased()
        switch declaration.values {
        case .onOff:
            switch v {
            case "on", "true", "yes": return .flag(true)
            case "off", "false", "no": return .flag(false)
            default:
                throw Diagnostic(
                    id: .badSetting, message: "`set \(written)` takes on or off, not `\(text)`", span: span)
            }
        case .choice(let words):
            guard words.contains(v) else {
                let shown = words.filter { $0 != "md" }
                throw Diagnostic(
                    id: .badSetting, message: "`set \(written)` takes \(Messages.orList(shown)), not `\(text)`",
                    span: span, help: Suggestions.didYouMean(text, in: shown))
            }
            return .choice(v)
        case .count(let word, let also):
            // `all` and `auto` both mean "no number", whichever the setting shows.
            if word != nil, v == "all" || v == "auto" { return .count(nil) }
            if also.contains(v) { return .choice(v) }
            guard let n = Int(v), n > 0 else {
                throw Diagnostic(
                    id: .badSetting,
                    message: "`set \(written)` takes \(Messages.orList(["a positive whole number"] + ((word.map { [$0] } ?? []) + also).map { "`\($0)`" })), not `\(text)`",
                    span: span)
            }
            return .count(n)
        }
    }
}
