// Tables for a screen reader: no box drawing and no meaning carried by colour or
// position. Each row is read with its headers ("Row 1 of 3: la_name Reading;
// referrals 3,078"), and markers are spelled out ("suppressed (c)").

struct AccessibleRenderer {
    public var maxRows: Int?

    public init(maxRows: Int?) {
        self.maxRows = maxRows
    }

    public func render(_ table: Table) -> String {
        let n = table.rowCount
        var out = "Table with \(Messages.plural(n, "row")) and \(Messages.plural(table.columns.count, "column")): "
        // Names and cells come from files: their control characters are shown, not sent.
        out += table.columns.map { TerminalText.singleLine($0.name) }.joined(separator: ", ") + ".\n"
        let limit = maxRows ?? n
        let shown = Array(0..<min(n, limit))
        let formats = table.columns.map { ColumnFormat($0, rows: shown) }
        for r in shown {
            let parts = table.columns.indices.map { c in
                TerminalText.singleLine("\(table.columns[c].name) \(formats[c].text(table.columns[c], r, spellMarkers: true))")
            }
            out += "Row \(r + 1) of \(NumberText.grouped(n)): " + parts.joined(separator: "; ") + ".\n"
        }
        if shown.count < n {
            out += "\(NumberText.grouped(n - shown.count)) more rows not read out; `set rows all` reads every row.\n"
        }
        return out
    }
}
