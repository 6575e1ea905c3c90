// LAIT's measures by their short codes, wherever a measure is named: `compare
// "Reading" on CP_conf_15days` finds the measure in the long `indicators`
// dataset, `help CP_conf_15days` (or `help measure "10_ICPC"`) describes it
// from LAIT's dictionary (`measures`), and a comparison of a table that holds
// one LAIT measure ranks by that measure's polarity.

enum LAITMeasures {
    /// The dictionary's row for a measure code (exact, else the only
    /// case-insensitive match), or nil when LAIT has no such measure.
    static func entry(_ code: String, workspace: Workspace, cancellation: Cancellation) -> (table: Table, row: Int)? {
        guard workspace.binding("measures") == nil,
            let dictionary = try? workspace.table("measures", cancellation: cancellation),
            let codes = dictionary.column(named: "measure"), case .text(let keys, let names) = codes.data
        else { return nil }
        let lower = code.lowercased()
        var loose: [Int] = []
        for r in 0..<dictionary.rowCount {
            let name = names[keys[r]]
            if name == code { return (dictionary, r) }
            if name.lowercased() == lower { loose.append(r) }
        }
        return loose.count == 1 ? (dictionary, loose[0]) : nil
    }

    static func text(_ table: Table, _ column: String, _ row: Int) -> String? {
        guard let c = table.column(named: column), !c.isMissing(at: row) else { return nil }
        let t = c.value(at: row).plainText
        return t.isEmpty || t == "-" ? nil : t
    }

    /// Every measure code, for suggestions and completion.
    static func codes(workspace: Workspace, cancellation: Cancellation) -> [String] {
        guard workspace.binding("measures") == nil,
            let dictionary = try? workspace.table("measures", cancellation: cancellation),
            let codes = dictionary.column(named: "measure")
        else { return [] }
        return (0..<dictionary.rowCount).map { codes.value(at: $0).plainText }
    }

    /// The `indicators` rows of one measure, its `value` column named by the
    /// measure's code, ready for `compare`.
    static func table(for code: String, workspace: Workspace, cancellation: Cancellation) throws(Diagnostic) -> Table? {
        guard workspace.binding("indicators") == nil,
            let indicators = try workspace.table("indicators", cancellation: cancellation),
            let measures = indicators.column(named: "measure"), case .text(let keys, let names) = measures.data,
            let valueIndex = indicators.index(of: "value")
        else { return nil }
        let wanted = names.values.map { $0 == code }
        var rows: [Int32] = []
        for r in 0..<indicators.rowCount where wanted[Int(keys[r])] { rows.append(Int32(r)) }
        var table = indicators.gather(rows)
        table.columns[valueIndex] = table.columns[valueIndex].renamed(code)
        return table
    }

    /// The help text for a measure: what LAIT's dictionary says of it.
    static func help(_ code: String, workspace: Workspace, cancellation: Cancellation) -> String? {
        guard let (table, r) = entry(code, workspace: workspace, cancellation: cancellation) else { return nil }
        func field(_ name: String) -> String? { text(table, name, r) }
        var lines: [String] = []
        let name = field("measure") ?? code
        lines.append("\(name) — \(field("name") ?? "a LAIT measure")")
        lines.append("")
        var facts: [(String, String)] = []
        if let t = field("topic") { facts.append(("topic", t + (field("other_topic").map { "; also \($0)" } ?? ""))) }
        for (label, column) in [
            ("units", "units"), ("polarity", "polarity"), ("year type", "year_type"), ("quartiles", "quartiles"),
            ("years", "first_year"), ("owner", "data_owner"), ("source", "source_table"), ("updated", "last_update"),
            ("next update", "next_update"),
        ] {
            guard var value = field(column) else { continue }
            if column == "first_year", let last = field("last_year") { value += "–" + last }
            if column == "quartiles" { value = value == "no" ? "none (LAIT does not band this measure)" : "banded A–D" }
            facts.append((label, value))
        }
        let width = facts.map(\.0.count).max() ?? 0
        for (label, value) in facts {
            lines.append("  " + label + String(repeating: " ", count: width - label.count) + "  " + value)
        }
        for (title, column) in [("Description", "description"), ("Methodology", "methodology"), ("Links", "links")] {
            guard let text = field(column) else { continue }
            lines.append("")
            lines.append(title + ":")
            for paragraph in text.split(separator: "\n", omittingEmptySubsequences: true) {
                lines.append("  " + String(paragraph).trimmedSpaces)
            }
        }
        lines.append("")
        lines.append("Try: compare \"Reading\" on \(Self.quoted(name)) · indicators | where measure = \"\(name)\" | for \"Reading\"")
        return lines.joined(separator: "\n")
    }

    /// A code as the language reads it: bare when it is a name, else in backticks.
    static func quoted(_ code: String) -> String {
        let simple = code.first.map { $0.isLetter || $0 == "_" } == true
            && code.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
        return simple ? code : "`\(code)`"
    }
}

/// The direction LAIT gives a table's measure, when the table holds one LAIT
/// measure (`indicators | where measure = "CP_conf_15days"`).
enum LAITPolarity {
    static func of(_ table: Table, workspace: Workspace, cancellation: Cancellation) -> String? {
        guard let column = table.column(named: "measure"), case .text(let keys, let names) = column.data else { return nil }
        var only: UInt32? = nil
        for r in 0..<table.rowCount where !column.isMissing(at: r) {
            if only == nil { only = keys[r] } else if only != keys[r] { return nil }
        }
        guard let only, let (dictionary, row) = LAITMeasures.entry(names[only], workspace: workspace, cancellation: cancellation)
        else { return nil }
        return LAITMeasures.text(dictionary, "polarity", row)
    }
}

/// What `describe` says of the LAIT measures a table holds — the codes in the
/// `measure` column of an `indicators` table, or columns named by a code (after
/// `wider measure, value`): each one's name, units, polarity and year type,
/// from LAIT's dictionary, so that what a figure means and which way is better
/// is one command away.
enum LAITDescription {
    /// At most this many measures are described in the header; the rest are counted.
    static let shown = 8

    struct Result {
        /// Description and unit for a column named by a measure code.
        var columns: [String: (description: String, unit: String)] = [:]
        var lines: [String] = []
    }

    static func of(_ table: Table, workspace: Workspace, cancellation: Cancellation) -> Result {
        var codes: [String] = []
        // An `indicators`-shaped table: its measures are the values of `measure`.
        if table.column(named: "value") != nil, let column = table.column(named: "measure"),
            case .text(let keys, let names) = column.data
        {
            var seen = Set<UInt32>()
            for r in 0..<table.rowCount where !column.isMissing(at: r) && seen.insert(keys[r]).inserted {
                codes.append(names[keys[r]])
            }
        }
        var result = Result()
        var entries: [(code: String, dictionary: Table, row: Int)] = []
        for code in codes {
            if let (dictionary, row) = LAITMeasures.entry(code, workspace: workspace, cancellation: cancellation) {
                entries.append((code, dictionary, row))
            }
        }
        // A wide table: columns named exactly by a code.
        for column in table.columns where column.name != "measure" {
            guard let (dictionary, row) = LAITMeasures.entry(column.name, workspace: workspace, cancellation: cancellation),
                LAITMeasures.text(dictionary, "measure", row) == column.name
            else { continue }
            result.columns[column.name] = (
                LAITMeasures.text(dictionary, "name", row) ?? "a LAIT measure",
                LAITMeasures.text(dictionary, "units", row) ?? ""
            )
            entries.append((column.name, dictionary, row))
        }
        for (code, dictionary, row) in entries.prefix(shown) {
            func field(_ name: String) -> String? { LAITMeasures.text(dictionary, name, row) }
            var facts: [String] = []
            if let units = field("units") { facts.append("units: \(units)") }
            if let polarity = field("polarity") { facts.append("polarity: \(polarity)") }
            if let yearType = field("year_type") { facts.append("year type: \(yearType)") }
            result.lines.append(
                "Measure \(code): \(field("name") ?? "a LAIT measure")"
                    + (facts.isEmpty ? "" : " (" + facts.joined(separator: "; ") + ")")
                    + "; `help \(LAITMeasures.quoted(code))` for its description and source")
        }
        if entries.count > shown {
            result.lines.append(
                "…and \(Messages.plural(entries.count - shown, "more measure")): `measures` has each one's units, polarity and description")
        }
        return result
    }
}
