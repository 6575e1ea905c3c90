// The aligned table shown at the prompt: a header, a rule, numbers on the right,
// text on the left. Fitted to the width there is (ColumnLayout.swift): long text
// is cut to fit before any column is hidden, and columns that still do not fit
// are left out from the middle, keeping the ones that say what a row is and the
// last ones, with a footer naming them. Too many rows show the first and last
// with a count. A row too wide to show whole may be drawn as a record, one field
// a line (RecordRenderer.swift). Colour (bold header, dim markers) only when asked for.

struct TableRenderer {
    public var width: Int
    public var maxRows: Int?
    public var colour: Bool
    public var unicode: Bool
    /// How wide a text cell may be: fitted to the width (auto), never cut (full), or at most N.
    public var textWidth: TextWidth = .auto
    /// Table, records, or records when a few rows do not fit (auto).
    public var view: TableView = .auto

    public init(width: Int, maxRows: Int?, colour: Bool, unicode: Bool) {
        self.width = width
        self.maxRows = maxRows
        self.colour = colour
        self.unicode = unicode
    }

    /// In the auto view, a result of at most this many rows that would show
    /// fewer than half its columns is drawn as records: every field of a few
    /// rows beats a table with most of its columns hidden (a table missing a
    /// few keeps its rows side by side).
    public static let recordRows = 3

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
        if view == .records {
            return RecordRenderer(width: width, colour: colour, unicode: unicode, textWidth: textWidth)
                .render(table, rows: shown, formats: formats, elided: elided)
        }
        var cells: [[String]] = []
        var natural: [Int] = []
        for (c, column) in table.columns.enumerated() {
            var col: [String] = []
            col.reserveCapacity(shown.count)
            var w = DisplayWidth.of(Self.singleLine(column.name))
            for r in shown {
                var t = formats[c].text(column, r)
                if !formats[c].rightAligned {
                    t = Self.singleLine(t)
                    if case .at(let cap) = textWidth { t = DisplayWidth.truncate(t, to: cap) }
                }
                w = max(w, DisplayWidth.of(t))
                col.append(t)
            }
            cells.append(col)
            natural.append(w)
        }
        let layout = ColumnLayout.fit(
            natural: natural,
            shrinkable: formats.map { !$0.rightAligned && textWidth != .full },
            keys: table.columns.map { ColumnLayout.isKey(name: $0.name, unit: $0.unit) },
            years: table.columns.map { ColumnLayout.isYear(name: $0.name, unit: $0.unit) },
            width: width)
        if view == .auto, layout.visible.count * 2 < table.columns.count, shown.count <= Self.recordRows, !elided, n > 0 {
            return RecordRenderer(width: width, colour: colour, unicode: unicode, textWidth: textWidth)
                .render(table, rows: shown, formats: formats, elided: elided)
        }
        let visible = layout.visible, widths = layout.widths
        let gap = unicode ? "…" : "~"
        // One line of the table: the visible columns' pieces, with a gap mark where columns were left out.
        func line(_ piece: (Int) -> String, gapPiece: String) -> String {
            var parts: [String] = layout.leadingGap ? [gapPiece] : []
            for (i, c) in visible.enumerated() {
                parts.append(piece(c))
                if layout.gapsAfter.contains(i) { parts.append(gapPiece) }
            }
            return parts.joined(separator: "  ").trimmingTrailingSpaces()
        }

        var out = ""
        let header = line({ c in
            let name = DisplayWidth.truncate(Self.singleLine(table.columns[c].name), to: widths[c])
            return DisplayWidth.pad(name, to: widths[c], right: formats[c].rightAligned)
        }, gapPiece: gap)
        out += styled(header, bold: true) + "\n"
        let ruleChar = unicode ? "─" : "-"
        out += line({ String(repeating: ruleChar, count: widths[$0]) }, gapPiece: ruleChar) + "\n"
        for (i, r) in shown.enumerated() {
            if elided, i == (maxRows! + 1) / 2 {
                out += line({ c in DisplayWidth.pad(unicode ? "…" : "...", to: widths[c], right: formats[c].rightAligned) },
                    gapPiece: " ") + "\n"
            }
            out += line({ c in
                let t = DisplayWidth.truncate(cells[c][i], to: widths[c])
                let padded = DisplayWidth.pad(t, to: widths[c], right: formats[c].rightAligned)
                return table.columns[c].isMissing(at: r) && colour ? dim(padded) : padded
            }, gapPiece: gap) + "\n"
        }
        var footer: [String] = []
        if n == 0 { footer.append("(no rows)") }
        if elided { footer.append("\(Messages.plural(n, "row")) (\(NumberText.grouped(shown.count)) shown)") }
        let hidden = layout.hidden
        if !hidden.isEmpty {
            let names = hidden.prefix(6).map { Self.singleLine(table.columns[$0].name) }
            footer.append(
                "\(Messages.plural(table.columns.count, "column")) (\(visible.count) shown); not shown: "
                    + names.joined(separator: ", ") + (hidden.count > 6 ? ", …" : "")
                    + " (`set view records` or select shows them)")
        }
        for f in footer { out += styled(String(TextWrap.lines(f, width: width).dropLast()), dimmed: true) + "\n" }
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
