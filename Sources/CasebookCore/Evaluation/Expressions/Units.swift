// The unit of an expression's result, worked out from the expression and the
// units of the columns it reads, before any value is computed: a column keeps
// its unit; min(year) is a year and round(rate, 1) a rate; a year plus or minus
// a number is a year. Anything else has no unit and prints by its name. The
// unit decides how numbers print (years and codes without thousands separators).

enum Units {
    /// Aggregates and functions whose result measures what their first argument does.
    static let keepingAggregates: Set<AggregateWord> = [.min, .max, .first, .last, .median, .quantile, .mean]
    static let keepingFunctions: Set<FunctionWord> = [.round, .floor, .ceil, .abs, .coalesce]

    static func unit(of expr: Expr, in table: Table) -> String? {
        unit(of: expr) { table.column(named: $0)?.unit }
    }

    /// The unit from the units of the columns alone (`unitOf` gives a column's),
    /// so that the resolver predicts what the stage will make.
    static func unit(of expr: Expr, columnUnit unitOf: (String) -> String?) -> String? {
        switch expr.kind {
        case .column(let name):
            return unitOf(name)
        case .call(let name, _, let arguments):
            if let a = AggregateWord(spelled: name) {
                if a == .count || a == .count_missing { return "count" }
                guard keepingAggregates.contains(a), let first = arguments.first else { return nil }
                return unit(of: first, columnUnit: unitOf)
            }
            guard let f = FunctionWord(spelled: name), keepingFunctions.contains(f), let first = arguments.first else {
                return nil
            }
            return unit(of: first, columnUnit: unitOf)
        case .binary(let op, let a, let b) where op == .add || op == .subtract:
            // A year moved by a number is still a year (year - 1); two years
            // apart are a number of years, not a year.
            let ua = unit(of: a, columnUnit: unitOf), ub = unit(of: b, columnUnit: unitOf)
            if ua == "year", ub == nil, b.isNumberLiteral { return "year" }
            if ub == "year", ua == nil, a.isNumberLiteral, op == .add { return "year" }
            return nil
        default:
            return nil
        }
    }

    /// The unit a column of a loaded file has by its name alone: years and codes.
    static func guessed(forName name: String) -> String? {
        guard ColumnFormat.isIdentifierName(name) else { return nil }
        let n = name.lowercased()
        return n.contains("year") || n.contains("period") ? "year" : "code"
    }

    /// The column made for `expr`, with the expression's unit where the
    /// evaluation did not carry one.
    static func applied(_ column: Column, _ expr: Expr, _ table: Table, memo: PlacesMemo? = nil) -> Column {
        var c = column.unit == nil ? column.measuring(unit(of: expr, in: table)) : column
        if c.places == nil, c.type == .decimal { c.places = places(of: expr, in: table, memo: memo) }
        return c
    }

    /// The places of the columns a stage has already looked at: `mean(x)`,
    /// `median(x)` and `max(x)` in one `summarise` read x's values once.
    final class PlacesMemo {
        var places: [String: Int?] = [:]
    }

    /// Decimal places a computed figure is shown with, from what it was
    /// computed from: a mean or median one more than its source (the mean of
    /// counts 15.75 shows 15.8, of rates to one place 17.05), min, max and
    /// sum as their source, `round(x, n)` n. Nil where nothing says: the
    /// figures decide (ColumnFormat).
    static func places(of expr: Expr, in table: Table, memo: PlacesMemo? = nil) -> Int? {
        guard case .call(let name, _, let arguments) = expr.kind, let first = arguments.first else { return nil }
        if let a = AggregateWord(spelled: name) {
            switch a {
            case .mean, .median:
                return sourcePlaces(first, table, memo: memo).map { min($0 + 1, ColumnFormat.maximumDecimals) }
            case .min, .max, .first, .last, .sum, .quantile: return sourcePlaces(first, table, memo: memo)
            default: return nil
            }
        }
        if FunctionWord(spelled: name) == .round {
            guard arguments.count > 1 else { return 0 }
            if case .integer(let n) = arguments[1].kind, n >= 0 { return Int(min(n, 15)) }
        }
        return nil
    }

    /// The places of a column's figures as the source gives them: its own
    /// where a stage set them, none for whole numbers, else as many as its
    /// values need (at most four).
    static func sourcePlaces(_ expr: Expr, _ table: Table, memo: PlacesMemo? = nil) -> Int? {
        guard case .column(let name) = expr.kind, let column = table.column(named: name) else { return nil }
        if let p = column.places { return p }
        return valuePlaces(column, memo: memo)
    }

    /// The places the column's present values need (NumberText.decimalsNeeded,
    /// up to ColumnFormat.maximumDecimals): 0 for whole numbers, from the cache
    /// where it knows them, else one pass over the values; nil for other types.
    static func valuePlaces(_ column: Column, memo: PlacesMemo? = nil) -> Int? {
        if let p = column.knownPlaces { return p }
        // Without reading it: a column of whole numbers, or of no numbers.
        if column.type == .integer { return 0 }
        if column.type != .decimal { return nil }
        if let known = memo?.places[column.name] { return known }
        let (data, missing) = column.parts
        var result: Int? = nil
        switch data {
        case .integer: result = 0
        case .decimal(let v):
            let d = v.withUnsafeBufferPointer { values in
                missing.withOptionalBuffer { m in
                    NumberText.decimalsNeeded(of: values, mask: m, maxDecimals: ColumnFormat.maximumDecimals)
                }
            }
            result = d
        default: result = nil
        }
        memo?.places[column.name] = result
        return result
    }
}

extension Expr {
    var isNumberLiteral: Bool {
        switch kind {
        case .integer, .decimal: return true
        default: return false
        }
    }
}
