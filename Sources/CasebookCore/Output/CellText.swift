// How one cell reads in a table: numbers with thousands separators (not for
// years and codes) and a column's decimals aligned, text as is, missing values as
// their published marker.

struct ColumnFormat {
    let type: ColumnType
    /// Decimal places shown for a decimal column (shared by all its cells).
    let decimals: Int
    /// Thousands separators (off for years, codes and identifiers).
    let grouping: Bool

    static let maximumDecimals = 4
    static let significantDigits = 6

    static func decimalsAllowed(_ v: Double) -> Int {
        var digits = 1
        var m = v.magnitude
        while m >= 10 && digits < 16 {
            m /= 10
            digits += 1
        }
        return max(0, min(maximumDecimals, significantDigits - digits))
    }

    init(_ column: Column, rows: [Int]) {
        type = column.type
        grouping = Self.grouping(unit: column.unit, name: column.name)
        var d = 0
        if let places = column.places, column.type == .decimal {
            d = max(0, min(places, 15))
        } else if case .decimal(let v) = column.data {
            // Enough decimals for six significant digits, at most four: 509.8
            // stays 509.8, a mean shows 17.7533, a correlation 0.8734, and a
            // rounded 2.193 keeps its third decimal.
            for r in rows where !column.isMissing(at: r) {
                let cap = Self.decimalsAllowed(v[r])
                d = max(d, NumberText.decimalsNeeded(v[r], maxDecimals: cap))
                if d == Self.maximumDecimals { break }
            }
        }
        decimals = d
    }

    /// Units whose numbers are labels, not quantities: 2016 must not read "2,016".
    static let identifierUnits: Set<String> = ["year", "code", "date", "rank"]

    /// Whether numbers take thousands separators: by the column's unit where the
    /// source gives one, else by its name (a column loaded from a file).
    static func grouping(unit: String?, name: String) -> Bool {
        if let unit { return !identifierUnits.contains(unit) }
        return !isIdentifierName(name)
    }

    /// Names of columns that hold identifiers or years, for columns without a unit.
    static func isIdentifierName(_ name: String) -> Bool {
        let n = name.lowercased()
        if ["year", "time_period", "period", "urn", "id", "code", "position", "model"].contains(n) { return true }
        return n.hasSuffix("_year") || n.hasSuffix("_code") || n.hasSuffix("_id") || n.hasSuffix("_urn")
            || n.hasPrefix("year_") || n.hasSuffix("code")
    }

    func text(_ column: Column, _ row: Int, spellMarkers: Bool = false) -> String {
        if column.isMissing(at: row) {
            let reason = column.reason(at: row)
            if spellMarkers { return reason.marker.isEmpty ? reason.meaning : "\(reason.meaning) (\(reason.marker))" }
            return reason.marker
        }
        switch column.data {
        case .integer(let v): return grouping ? NumberText.grouped(v[row]) : String(v[row])
        case .decimal(let v): return NumberText.fixed(v[row], decimals: decimals, grouping: grouping)
        case .text(let codes, let dict): return dict[codes[row]]
        case .boolean(let v): return v[row] ? "true" : "false"
        }
    }

    var rightAligned: Bool { type.isNumeric }
}

enum DisplayWidth {
    /// Terminal columns a string takes: wide East Asian characters and emoji count
    /// two, combining marks none.
    static func of(_ s: String) -> Int {
        // Printable ASCII, nearly every cell and source line, is one column a byte.
        var ascii = true
        for byte in s.utf8 where byte < 0x20 || byte >= 0x7F {
            ascii = false
            break
        }
        if ascii { return s.utf8.count }
        var w = 0
        for scalar in s.unicodeScalars {
            let v = scalar.value
            if v < 0x20 || (v >= 0x7F && v < 0xA0) { continue }
            // No combining or enclosing mark comes before U+0300.
            if v < 0x300 {
                w += 1
                continue
            }
            if scalar.properties.generalCategory == .nonspacingMark || scalar.properties.generalCategory == .enclosingMark
                || v == 0x200B || v == 0x200D || (v >= 0xFE00 && v <= 0xFE0F)
            {
                continue
            }
            if (v >= 0x1100 && v <= 0x115F) || (v >= 0x2E80 && v <= 0xA4CF) || (v >= 0xAC00 && v <= 0xD7A3)
                || (v >= 0xF900 && v <= 0xFAFF) || (v >= 0xFE30 && v <= 0xFE4F) || (v >= 0xFF00 && v <= 0xFF60)
                || (v >= 0xFFE0 && v <= 0xFFE6) || (v >= 0x1F300 && v <= 0x1FAFF) || (v >= 0x20000 && v <= 0x3FFFD)
            {
                w += 2
            } else {
                w += 1
            }
        }
        return w
    }

    /// Cuts `s` to at most `width` columns, ending with "…" when cut.
    static func truncate(_ s: String, to width: Int) -> String {
        guard of(s) > width else { return s }
        var out = ""
        var w = 0
        for ch in s {
            let cw = of(String(ch))
            if w + cw > width - 1 { break }
            out.append(ch)
            w += cw
        }
        return out + "…"
    }

    static func pad(_ s: String, to width: Int, right: Bool) -> String {
        let w = of(s)
        guard w < width else { return s }
        let fill = String(repeating: " ", count: width - w)
        return right ? fill + s : s + fill
    }
}
