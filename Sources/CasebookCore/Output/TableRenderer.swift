// The aligned table shown at the prompt: a header, a rule, numbers on the right,
// text on the left. Fitted to the terminal: too many columns are elided from the
// right and named in a footer; too many rows show the first and last with a
// count. Colour (bold header, dim markers) only when asked for.

struct TableRenderer {
    public var width: Int
    public var maxRows: Int?
    public var colour: Bool
    public var unicode: Bool
    /// Longest text shown in a cell before it is cut with "…".
    var maxCellWidth = 40

    public init(width: Int, maxRows: Int?, colour: Bool, unicode: Bool) {
        self.width = width
        self.maxRows = maxRows
        self.colour = colour
        self.unicode = unicode
    }

    public func render(_ table: Table) -> String {
        if table.columns.isEmpty { return "(no columns)\n" }
        let n = table.rowCount
        // Which rows are shown: all, or the first and last halves of the limit.
        var shown: [Int]
        var elided = false
        if let limit = maxRows, n > limit, limit > 0 {
            let head = (limit + 1) / 2, tail = limit / 2
            shown = Array(0..<head) + Array((n - tail)..<n)
            elided = true
        } else {
            shown = Array(0..<n)
        }
        let formats = table.columns.map { ColumnFormat($0, rows: shown) }
        var cells: [[String]] = []
        var widths: [Int] = []
        for (c, column) in table.columns.enumerated() {
            var col: [String] = []
            col.reserveCapacity(shown.count)
            var w = DisplayWidth.of(Self.singleLine(column.name))
            for r in shown {
                var t = formats[c].text(column, r)
                if !formats[c].rightAligned {
                    t = DisplayWidth.truncate(Self.singleLine(t), to: maxCellWidth)
                }
                w = max(w, DisplayWidth.of(t))
                col.append(t)
            }
            cells.append(col)
            widths.append(min(w, max(maxCellWidth, DisplayWidth.of(Self.singleLine(column.name)))))
        }
        // Keep the columns that fit in the terminal, from the left.
        var visible: [Int] = []
        var used = 0
        for c in table.columns.indices {
            let need = widths[c] + (visible.isEmpty ? 0 : 2)
            if used + need > width && !visible.isEmpty {
                // A text column that almost fits is cut to the room left rather than hidden.
                let room = width - used - 2
                if !formats[c].rightAligned, room >= 12 {
                    widths[c] = room
                    cells[c] = cells[c].map { DisplayWidth.truncate($0, to: room) }
                    visible.append(c)
                }
                break
            }
            visible.append(c)
            used += need
        }
        let hidden = table.columns.indices.filter { !visible.contains($0) }

        var out = ""
        let header = visible.map { c -> String in
            let name = DisplayWidth.truncate(Self.singleLine(table.columns[c].name), to: widths[c])
            return DisplayWidth.pad(name, to: widths[c], right: formats[c].rightAligned)
        }
        out += styled(header.joined(separator: "  ").trimmingTrailingSpaces(), bold: true) + "\n"
        let ruleChar = unicode ? "─" : "-"
        out += visible.map { String(repeating: ruleChar, count: widths[$0]) }.joined(separator: "  ") + "\n"
        for (i, r) in shown.enumerated() {
            if elided, i == (maxRows! + 1) / 2 {
                out += visible.map { c in DisplayWidth.pad(unicode ? "…" : "...", to: widths[c], right: formats[c].rightAligned) }
                    .joined(separator: "  ").trimmingTrailingSpaces() + "\n"
            }
            var line: [String] = []
            for c in visible {
                let t = cells[c][i]
                let padded = DisplayWidth.pad(t, to: widths[c], right: formats[c].rightAligned)
                line.append(table.columns[c].isMissing(at: r) && colour ? dim(padded) : padded)
            }
            out += line.joined(separator: "  ").trimmingTrailingSpaces() + "\n"
        }
        var footer: [String] = []
        if n == 0 { footer.append("(no rows)") }
        if elided { footer.append("\(Messages.plural(n, "row")) (\(NumberText.grouped(shown.count)) shown)") }
        if !hidden.isEmpty {
            let names = hidden.prefix(6).map { Self.singleLine(table.columns[$0].name) }
            footer.append(
                "\(Messages.plural(hidden.count, "more column")) not shown: " + names.joined(separator: ", ")
                    + (hidden.count > 6 ? ", …" : "") + " (use select, or a wider terminal)")
        }
        for f in footer { out += styled(f, dimmed: true) + "\n" }
        return out
    }

    /// A cell or name on one line, its control characters shown (TerminalText.swift).
    static func singleLine(_ s: String) -> String { TerminalText.singleLine(s) }

    private func styled(_ s: String, bold: Bool = false, dimmed: Bool = false) -> String {
        guard colour else { return s }
        if bold { return "\u{1B}[1m" + s + "\u{1B}[0m" }
        if dimmed { return dim(s) }
        return s
    }

    private func dim(_ s: String) -> String { colour ? "\u{1B}[2m" + s + "\u{1B}[0m" : s }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
