// The typed identifiers of the language's words: every statement, stage,
// function, aggregate and setting. The parser, the evaluator, completion and
// help switch on these, never on spellings; a word's spelling, aliases and help
// are in its declaration (Registry+*.swift), and only there.

enum StatementWord: String, CaseIterable, Sendable {
    case pipeline, `let`, datasets, describe, profile, load, set, output, once, save, compare, scorecard, forget, help
    case quit
}

enum StageWord: String, CaseIterable, Sendable {
    case `where`, select, drop, rename, derive, sort, take, skip, distinct, group, ungroup, summarise, count, join
    case rank, change, wider, longer, top, `for`, as_at, compare, chart, correlate, sources, describe, profile
    case schema, write
}

enum FunctionWord: String, CaseIterable, Sendable {
    case round, abs, floor, ceil, sqrt, lower, upper, trim, length, contains, starts_with, ends_with, concat
    case coalesce, is_missing, reason, `if`, number, text, la
}

enum AggregateWord: String, CaseIterable, Sendable {
    case count, count_missing, count_distinct, sum, mean, median, min, max, stddev, variance, quantile, corr
    case spearman, sparkline, first, last, list
}

public enum SettingWord: String, CaseIterable, Sendable {
    case format, rows, timer, width, cells, view, colour, accessible, sources, neighbours, limit, chars
}

/// A word found by its name or an alias, in any case.
protocol SpelledWord: RawRepresentable, CaseIterable, Sendable, Hashable where RawValue == String {
    var aliases: [String] { get }
}

/// A word with help: a statement, stage, function or aggregate.
protocol DeclaredWord: SpelledWord {
    var declaration: Declaration { get }
}

extension DeclaredWord {
    var aliases: [String] { declaration.aliases }
    static var declarations: [Declaration] { allCases.map(\.declaration) }
}

extension SpelledWord {
    public var name: String { rawValue }

    /// The word `text` spells (its name or an alias, any case), if any.
    public init?(spelled text: String) {
        let w = text.lowercased()
        guard let word = Self.allCases.first(where: { $0.name == w || $0.aliases.contains(w) }) else { return nil }
        self = word
    }

    /// Every spelling, names then aliases, in declaration order.
    static var spellings: [String] { allCases.flatMap { [$0.name] + $0.aliases } }

    /// Names only, in declaration order (for lists and completion).
    public static var names: [String] { allCases.map(\.name) }
}
