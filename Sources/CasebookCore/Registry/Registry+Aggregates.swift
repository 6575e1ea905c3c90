// Aggregates: one value per group, in summarise (or derive after group).

extension AggregateWord: DeclaredWord {
    var declaration: Declaration { Self.table[self]! }

    private static let table: [AggregateWord: Declaration] = Dictionary(
        uniqueKeysWithValues: allCases.map { ($0, declare($0).named($0.rawValue).taking($0.firstArgument)) })

    private static func declare(_ word: AggregateWord) -> Declaration {
        switch word {
        case .count:
            return Declaration(
                .aggregate, aliases: ["n"], synopsis: "count() · count(x) · count(condition)",
                summary: "Rows in the group; the values of x that are present; or the rows where a condition is true.",
                details: [
                    "A true/false argument counts the rows where it is true: `count(referrals_rate > 1000)` is the number of rows over 1000, not the number with a rate. A row where the condition is missing (its column is) is left out and the note says so.",
                    "`sum(condition)` gives the same count and `mean(condition)` the share of rows where it is true (0 to 1).",
                ],
                examples: [
                    "workforce | summarise count(), count(caseload) by year",
                    "referrals | where level = \"Local authority\" and year >= 2022 | summarise authorities = count(), over_1000 = count(referrals_rate > 1000) by year",
                ], arity: 0...1)
        case .count_missing:
            return Declaration(
                .aggregate, synopsis: "count_missing(x)", summary: "Values of x that are missing.",
                examples: ["workforce | summarise count_missing(caseload) by year"], arity: 1...1)
        case .count_distinct:
            return Declaration(
                .aggregate, synopsis: "count_distinct(x)", summary: "Distinct present values of x.",
                examples: ["authorities | summarise count_distinct(region)"], arity: 1...1)
        case .sum:
            return Declaration(
                .aggregate, synopsis: "sum(x) · sum(condition)", summary: "The total; of a condition, the rows where it is true (as `count(condition)`).",
                examples: ["referrals | where level = \"Local authority\" | summarise sum(referrals) by year"], arity: 1...1)
        case .mean:
            return Declaration(
                .aggregate, aliases: ["avg"], synopsis: "mean(x) · mean(condition)",
                summary: "The arithmetic mean; of a condition, the share of rows where it is true (0 to 1).",
                examples: [
                    "workforce | where level = \"Local authority\" | summarise mean(caseload) by year",
                    "workforce | where level = \"Local authority\" and year = 2024 | summarise share_over_20 = round(mean(agency_pct > 20), 3)",
                ], arity: 1...1)
        case .median:
            return Declaration(
                .aggregate, synopsis: "median(x)", summary: "The middle value (the mean of the two middle values for an even count).",
                examples: ["workforce | where level = \"Local authority\" | summarise median(caseload) by region, year | take 5"], arity: 1...1)
        case .min:
            return Declaration(
                .aggregate, synopsis: "min(x)", summary: "The smallest value (text: first in byte order).", examples: ["referrals | summarise min(year), max(year)"], arity: 1...1)
        case .max:
            return Declaration(
                .aggregate, synopsis: "max(x)", summary: "The largest value.", examples: ["referrals | where level = \"Local authority\" | summarise max(referrals_rate) by year"], arity: 1...1)
        case .stddev:
            return Declaration(
                .aggregate, aliases: ["std"], synopsis: "stddev(x)", summary: "The sample standard deviation (missing for fewer than two values).",
                examples: ["workforce | where level = \"Local authority\" | summarise stddev(caseload) by year"], arity: 1...1)
        case .variance:
            return Declaration(
                .aggregate, aliases: ["var"], synopsis: "variance(x)", summary: "The sample variance.",
                examples: ["workforce | where level = \"Local authority\" | summarise variance(caseload) by year"], arity: 1...1)
        case .quantile:
            return Declaration(
                .aggregate, synopsis: "quantile(x, p)", summary: "The value below which a share p (0 to 1) of values falls, interpolated between neighbours.",
                examples: ["workforce | where level = \"Local authority\" | summarise q1 = quantile(caseload, 0.25), q3 = quantile(caseload, 0.75) by year"], arity: 2...2)
        case .corr:
            return Declaration(
                .aggregate, synopsis: "corr(x, y)", summary: "Pearson's correlation over the rows where both are present.",
                examples: ["workforce | where level = \"Local authority\" | summarise corr(caseload, turnover_pct) by year"], arity: 2...2)
        case .spearman:
            return Declaration(
                .aggregate, synopsis: "spearman(x, y)", summary: "Spearman's rank correlation over the rows where both are present.",
                examples: ["workforce | where level = \"Local authority\" | summarise s = round(spearman(caseload, turnover_pct), 3) by year"], arity: 2...2)
        case .sparkline:
            return Declaration(
                .aggregate, synopsis: "sparkline(x)",
                summary: "The values in row order as a small chart in one cell (▁▂▃▄▅▆▇█; a space for a missing value), for a trend column.",
                examples: ["referrals | where level = \"Local authority\" and region = \"South East\" | sort year | summarise trend = sparkline(referrals_rate) by la_name | take 5"], arity: 1...1)
        case .first:
            return Declaration(
                .aggregate, synopsis: "first(x)", summary: "The first present value in row order.", examples: ["referrals | for \"Reading\" | summarise first(referrals), last(referrals)"], arity: 1...1)
        case .last:
            return Declaration(
                .aggregate, synopsis: "last(x)", summary: "The last present value in row order.", examples: ["referrals | for \"Reading\" | summarise last(year)"], arity: 1...1)
        case .list:
            return Declaration(
                .aggregate, synopsis: "list(x) · list(x, separator)",
                summary: "The present values of x as one text, each once, in row order, joined by \", \" (or the separator given).",
                details: [
                    "For \"which ones?\" in the same query as \"how many?\": `sort` first for another order. Numbers are written as `text(x)` writes them; a group whose values are all missing gets their reason.",
                ],
                examples: [
                    "referrals | where year = 2016 and level = \"Local authority\" and referrals_rate > 1000 | summarise n = count(), councils = list(la_name)",
                    "authorities | where region = \"North East\" | sort la_name | summarise list(la_name, \"; \")",
                ], arity: 1...2)
        }
    }

    /// What the first argument must hold (min, max, first and last take text too).
    private var firstArgument: ArgumentKind {
        switch self {
        case .sum, .mean, .median, .stddev, .variance, .quantile, .corr, .spearman, .sparkline: return .number
        case .count, .count_missing, .count_distinct, .min, .max, .first, .last, .list: return .any
        }
    }
}
