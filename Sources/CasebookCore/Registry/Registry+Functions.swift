// Functions: one value per row.

extension FunctionWord: DeclaredWord {
    var declaration: Declaration { Self.table[self]! }

    private static let table: [FunctionWord: Declaration] = Dictionary(
        uniqueKeysWithValues: allCases.map { ($0, declare($0).named($0.rawValue).taking($0.firstArgument)) })

    private static func declare(_ word: FunctionWord) -> Declaration {
        switch word {
        case .round:
            return Declaration(
                .function, synopsis: "round(x) · round(x, places)",
                summary: "Rounds half away from zero, on the decimal digits you see (1.005 → 1.01).",
                examples: ["referrals | for \"Reading\" | select year, r = round(referrals_rate)"], arity: 1...2)
        case .abs:
            return Declaration(
                .function, synopsis: "abs(x)", summary: "The value without its sign.", examples: ["authorities | select la_name, a = abs(-la_code) | take 2"], arity: 1...1)
        case .floor:
            return Declaration(
                .function, synopsis: "floor(x)", summary: "The whole number at or below x.", examples: ["referrals | for \"Reading\" | select year, f = floor(referrals_rate) | take 2"], arity: 1...1)
        case .ceil:
            return Declaration(
                .function, synopsis: "ceil(x)", summary: "The whole number at or above x.", examples: ["referrals | for \"Reading\" | select year, c = ceil(referrals_rate) | take 2"], arity: 1...1)
        case .sqrt:
            return Declaration(
                .function, synopsis: "sqrt(x)", summary: "The square root (missing for negative numbers).", examples: ["authorities | select la_name, s = round(sqrt(la_code), 2) | take 2"], arity: 1...1)
        case .lower:
            return Declaration(
                .function, synopsis: "lower(text)", summary: "Text in lower case.", examples: ["authorities | select l = lower(la_name) | take 2"], arity: 1...1)
        case .upper:
            return Declaration(
                .function, synopsis: "upper(text)", summary: "Text in upper case.", examples: ["authorities | select u = upper(la_name) | take 2"], arity: 1...1)
        case .trim:
            return Declaration(
                .function, synopsis: "trim(text)", summary: "Text without leading and trailing spaces.", examples: ["authorities | select t = trim(la_name) | take 2"], arity: 1...1)
        case .length:
            return Declaration(
                .function, synopsis: "length(text)", summary: "The number of characters.", examples: ["authorities | sort length(la_name) desc | select la_name | take 1"], arity: 1...1)
        case .contains:
            return Declaration(
                .function, synopsis: "contains(text, part)", summary: "True when the text holds the part, ignoring case.",
                examples: ["authorities | where contains(la_name, \"shire\") | count"], arity: 2...2)
        case .starts_with:
            return Declaration(
                .function, synopsis: "starts_with(text, prefix)", summary: "True when the text starts with the prefix, ignoring case.",
                examples: ["authorities | where starts_with(la_name, \"north\") | select la_name"], arity: 2...2)
        case .ends_with:
            return Declaration(
                .function, synopsis: "ends_with(text, suffix)", summary: "True when the text ends with the suffix, ignoring case.",
                examples: ["authorities | where ends_with(la_name, \"city of\") | select la_name"], arity: 2...2)
        case .concat:
            return Declaration(
                .function, synopsis: "concat(a, b, …)", summary: "Joins values as text; missing values are left out.",
                examples: ["authorities | select label = concat(la_name, \" (\", la_code, \")\") | take 2"], arity: 1...32)
        case .coalesce:
            return Declaration(
                .function, synopsis: "coalesce(a, b, …)", summary: "The first value that is not missing.",
                examples: ["referrals | where year = 2016 | select la_name, r = coalesce(referrals_rate, 0) | take 2"], arity: 1...32)
        case .is_missing:
            return Declaration(
                .function, synopsis: "is_missing(x)", summary: "True when x is missing, for any reason.",
                examples: ["workforce | where is_missing(agency_pct) | count by year"], arity: 1...1)
        case .reason:
            return Declaration(
                .function, synopsis: "reason(x)",
                summary: "Why x is missing: its marker (c, x, z, u, low, k, .., -) or \"empty\", \"no match\", \"division by zero\"; empty text when x is present.",
                examples: ["workforce | where is_missing(caseload) | select la_name, year, why = reason(caseload) | take 5"], arity: 1...1)
        case .`if`:
            return Declaration(
                .function, synopsis: "if(condition, then, else)", summary: "One value or the other; missing when the condition is.",
                examples: ["referrals | where year = 2016 | select la_name, band = if(referrals_rate > 600, \"high\", \"other\") | take 3"], arity: 3...3)
        case .number:
            return Declaration(
                .function, synopsis: "number(text)", summary: "A number read from text; markers become missing values with their reason.",
                examples: ["authorities | select n = number(\"1,234\") | take 1"], arity: 1...1)
        case .text:
            return Declaration(
                .function, synopsis: "text(x)", summary: "A value as text.",
                examples: ["authorities | select t = concat(text(la_code), \"!\") | take 1"], arity: 1...1)
        case .la:
            return Declaration(
                .function, synopsis: "la(\"name or code\")", summary: "The DfE code of an authority, found by any name.",
                examples: ["referrals | where la_code = la(\"bristol\") and year = 2016 | select la_name, referrals"], arity: 1...1)
        }
    }

    /// What the first argument must hold.
    private var firstArgument: ArgumentKind {
        switch self {
        case .round, .abs, .floor, .ceil, .sqrt: return .number
        case .lower, .upper, .trim, .length, .contains, .starts_with, .ends_with, .number: return .text
        case .if: return .condition
        case .concat, .coalesce, .is_missing, .reason, .text, .la: return .any
        }
    }
}
