// A table drawn one field a line, a block per row (psql's expanded display,
// DuckDB's line mode): for rows too wide for the terminal, where a table would
// hide most of their columns. `set view records` asks for it; the auto view
// uses it for a few rows that do not fit (TableRenderer.recordRows).

struct RecordRenderer {
    var width: Int
    var colour: Bool
    var unicode: Bool
    var textWidth: TextWidth

    func render(_ table: Table, rows: [Int], formats: [ColumnFormat], elided: Bool) -> String {
        let names = table.columns.map { TerminalText.singleLine($0.name) }
        let nameWidth = names.map(DisplayWidth.of).max() ?? 0
        // A value has the line after its name; text is cut to that, unless asked for in full.
        let room = max(width - nameWidth - 2, 12)
        let rule = unicode ? "─" : "-"
        var out = ""
        for (i, r) in rows.enumerated() {
            if elided, i > 0, rows[i - 1] + 1 != r {
                out += (unicode ? "…" : "...") + "\n"
            }
            let title = "\(rule)\(rule) row \(NumberText.grouped(r + 1)) "
            let fill = max(0, min(width, nameWidth + 2 + 24) - DisplayWidth.of(title))
            out += styled(title + String(repeating: rule, count: fill), dimmed: true) + "\n"
            for (c, column) in table.columns.enumerated() {
                var value = formats[c].text(column, r)
                if !formats[c].rightAligned {
                    value = TerminalText.singleLine(value)
                    switch textWidth {
                    case .auto: value = DisplayWidth.truncate(value, to: room)
                    case .at(let cap): value = DisplayWidth.truncate(value, to: cap)
                    case .full: break
                    }
                }
                if column.isMissing(at: r) && colour { value = styled(value, dimmed: true) }
                out += (DisplayWidth.pad(names[c], to: nameWidth, right: false) + "  " + value).trimmingTrailingSpaces() + "\n"
            }
        }
        if rows.isEmpty { out += "(no rows)\n" }
        if elided { out += styled("\(Messages.plural(table.rowCount, "row")) (\(NumberText.grouped(rows.count)) shown)", dimmed: true) + "\n" }
        return out
    }

    private func styled(_ s: String, dimmed: Bool) -> String {
        colour && dimmed ? "\u{1B}[2m" + s + "\u{1B}[0m" : s
    }
}
