// Rows of horizontal bars, shared by bar charts and histograms: label columns,
// bars scaled to the largest magnitude (eighth blocks), a zero axis for negatives.

extension TextChartRenderer {
    struct BarRow {
        /// Shown in the first column (blank on a group's later rows).
        var label: String
        /// The series name column, when several series share the chart.
        var series: String?
        var value: Double?
        var reason: MissingReason
        /// The value as printed after the bar.
        var valueText: String
        /// Picked out with `highlight`: marked before its label.
        var highlighted = false
        /// Which series the bar belongs to, for its colour.
        var seriesIndex = 0
    }

    /// Bars are at most this many columns long: a wide terminal gives more
    /// room, not longer bars, so a chart keeps the shape of its figures.
    static let longestBar = 72

    /// Glyphs of the reference lines drawn across bars (England, the neighbours' mean).
    func referenceGlyph(_ i: Int) -> Character { unicode ? (i == 0 ? "┃" : "┆") : (i == 0 ? "|" : ":") }

    func barRowLines(_ rows: [BarRow], references: [Chart.Reference] = []) -> [String] {
        let present = rows.compactMap(\.value).filter(\.isFinite) + references.map(\.value)
        let maxPos = max(0, present.max() ?? 0)
        let maxNeg = max(0, -(present.min() ?? 0))
        let hasNegative = maxNeg > 0
        let hasSeries = rows.contains { $0.series != nil }
        let valueW = rows.filter { $0.value != nil }.map { DisplayWidth.of(text($0.valueText)) }.max() ?? 0
        // The label columns take at most a third of the width, or half with series names.
        var labelW = min(rows.map { DisplayWidth.of(text($0.label)) }.max() ?? 0, max(4, width / 3))
        let subW =
            hasSeries
            ? min(rows.map { DisplayWidth.of(text($0.series ?? "")) }.max() ?? 0, max(4, width / 2 - labelW - 1)) : 0
        func fixed() -> Int { labelW + 1 + (hasSeries ? subW + 1 : 0) + (hasNegative ? 1 : 0) + 1 + valueW }
        // Keep at least eight columns of bar: narrow the labels before the bars.
        if width - fixed() < 8 { labelW = max(4, labelW - (8 - (width - fixed()))) }
        let marks = rows.contains { $0.highlighted }
        if marks { labelW = max(1, labelW - 2) }
        let barW = min(max(width - fixed() - (marks ? 2 : 0), 1), Self.longestBar)
        let total = maxPos + maxNeg
        // A bar's length is its share of the total times the width, in that
        // order: width / total overflows when the total is tiny (5e-324).
        func length(_ v: Double) -> Double { total > 0 ? v / total * Double(barW) : 0 }
        let negW = hasNegative ? (maxPos == 0 ? barW : min(barW, Int((Double(barW) * maxNeg / total).rounded()))) : 0
        let posW = barW - negW
        let axis = unicode ? "│" : "|"

        return rows.map { row in
            var line = marks ? (row.highlighted ? (unicode ? "▶ " : "> ") : "  ") : ""
            line += DisplayWidth.pad(fitted(row.label, labelW), to: labelW, right: false) + " "
            if hasSeries { line += DisplayWidth.pad(fitted(row.series ?? "", subW), to: subW, right: false) + " " }
            guard let v = row.value, v.isFinite else {
                let shown = row.value == nil ? ChartText.marker(row.reason, unicode: unicode) : text(row.valueText)
                return line + (hasNegative ? String(repeating: " ", count: negW) + axis + " " : "") + shown
            }
            if !hasNegative {
                var bar = Array(rightBar(length(v)))
                var solid = bar.count
                for (i, reference) in references.enumerated() where reference.value.isFinite {
                    let column = max(0, min(barW - 1, Int(length(reference.value).rounded())))
                    while bar.count <= column { bar.append(" ") }
                    bar[column] = referenceGlyph(i)
                    solid = min(solid, column)
                }
                // Only the bar's own cells are coloured, up to the first reference line.
                let head = String(bar[..<solid])
                return line + paint(head, row) + String(bar[solid...]) + " " + text(row.valueText)
            }
            if v < 0 {
                let bar = leftBar(min(length(-v), Double(negW)))
                return line + String(repeating: " ", count: max(0, negW - DisplayWidth.of(bar))) + paint(bar, row) + axis + " "
                    + text(row.valueText)
            }
            let bar = rightBar(min(length(v), Double(posW)))
            return line + String(repeating: " ", count: negW) + axis + paint(bar, row) + " " + text(row.valueText)
        }
    }

    /// A bar in its series' colour (a highlighted one in its own), on a colour terminal.
    func paint(_ bar: String, _ row: BarRow) -> String {
        guard colour else { return bar }
        return row.highlighted
            ? TerminalColour.paint(bar, code: TerminalColour.highlight) : TerminalColour.paint(bar, series: row.seriesIndex)
    }

    /// A bar growing right, `length` cells long, its end in eighths (ASCII: "#"
    /// per whole cell). A value that is not zero always shows at least a sliver.
    func rightBar(_ length: Double) -> String {
        guard length > 0, length.isFinite else { return "" }
        guard unicode else { return String(repeating: "#", count: max(1, Int(length.rounded()))) }
        let eighths = max(1, Int((length * 8).rounded()))
        let partial = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"][eighths % 8]
        return String(repeating: "█", count: eighths / 8) + partial
    }

    /// A bar growing left. Block characters have no right-aligned eighths, so the
    /// end is drawn in halves with "▐".
    func leftBar(_ length: Double) -> String {
        guard length > 0, length.isFinite else { return "" }
        guard unicode else { return String(repeating: "#", count: max(1, Int(length.rounded()))) }
        let halves = max(1, Int((length * 2).rounded()))
        return (halves % 2 == 1 ? "▐" : "") + String(repeating: "█", count: halves / 2)
    }
}
