// The frame around a text plot: the y axis with its tick labels on the left, the
// x axis with tick marks and labels below, and the two axis names.

extension TextChartRenderer {
    struct Tick {
        /// Row (y axis) or column (x axis) of the plot, in cells.
        var position: Int
        var label: String
    }

    /// Columns the y tick labels take, before the axis.
    func yLabelWidth(_ labels: [String]) -> Int {
        min(labels.map { DisplayWidth.of(text($0)) }.max() ?? 0, max(width / 3, 1))
    }

    /// Plot columns left by y labels of `labelWidth`.
    func plotColumns(yLabelWidth labelWidth: Int) -> Int {
        max(width - labelWidth - 2, 4)
    }

    func framedPlot(
        _ canvas: BrailleCanvas, yTicks: [Tick], xTicks: [Tick], yLabelWidth labelW: Int, yName: String, xName: String
    ) -> [String] {
        var lines: [String] = []
        if !yName.isEmpty { lines.append(fitted(yName, width)) }
        let shownY = Self.spacedYTicks(yTicks)
        let byRow = Dictionary(shownY.map { ($0.position, $0.label) }, uniquingKeysWith: { a, _ in a })
        for r in 0..<canvas.rows {
            let label = byRow[r].map { fitted($0, labelW) } ?? ""
            let axis = byRow[r] == nil ? (unicode ? "│" : "|") : (unicode ? "┤" : "+")
            lines.append(
                DisplayWidth.pad(label, to: labelW, right: true) + " " + axis + canvas.row(r, unicode: unicode, colour: colour))
        }
        let placed = placeXLabels(xTicks, columns: canvas.columns)
        // Every x tick gets a mark, labelled or not.
        let tickColumns = Set(xTicks.map(\.position))
        var axis = String(repeating: " ", count: labelW + 1) + (unicode ? "└" : "+")
        for c in 0..<canvas.columns {
            axis += tickColumns.contains(c) ? (unicode ? "┬" : "+") : (unicode ? "─" : "-")
        }
        lines.append(axis)
        var labelLine = ""
        for p in placed {
            let start = labelW + 2 + p.start
            labelLine += String(repeating: " ", count: max(0, start - DisplayWidth.of(labelLine))) + p.label
        }
        if !labelLine.isEmpty { lines.append(labelLine) }
        if !xName.isEmpty {
            let name = fitted(xName, width)
            lines.append(DisplayWidth.pad(name, to: width, right: true))
        }
        return lines
    }

    /// The y ticks that get a label: the top and bottom always, and those between
    /// that keep a free row from every other; at least one middle tick stays.
    static func spacedYTicks(_ ticks: [Tick]) -> [Tick] {
        let sorted = ticks.sorted { $0.position < $1.position }
        guard sorted.count > 2, let top = sorted.first, let bottom = sorted.last else { return sorted }
        var kept = [top]
        let middle = sorted.dropFirst().dropLast()
        for t in middle where t.position - kept.last!.position >= 2 && bottom.position - t.position >= 2 {
            kept.append(t)
        }
        if kept.count == 1 {
            // Squeezed: keep the middle tick nearest the centre on a row of its own.
            let centre = (top.position + bottom.position) / 2
            if let m = middle.filter({ $0.position != top.position && $0.position != bottom.position })
                .min(by: { abs($0.position - centre) < abs($1.position - centre) })
            {
                kept.append(m)
            }
        }
        kept.append(bottom)
        return kept
    }

    /// Where the x labels go: the first, the last, and every k-th between for the
    /// smallest k at which none overlaps (a space between each).
    func placeXLabels(_ ticks: [Tick], columns: Int) -> [(tick: Int, start: Int, label: String)] {
        let all = ticks.sorted { $0.position < $1.position }.map { t -> (tick: Int, start: Int, label: String) in
            let label = fitted(t.label, columns)
            let w = DisplayWidth.of(label)
            let start = min(max(0, t.position - (w - 1) / 2), max(0, columns - w))
            return (t.position, start, label)
        }
        guard all.count > 1 else { return all }
        func fits(_ chosen: [(tick: Int, start: Int, label: String)]) -> Bool {
            zip(chosen, chosen.dropFirst()).allSatisfy { a, b in b.start >= a.start + DisplayWidth.of(a.label) + 1 }
        }
        for k in 1..<all.count {
            var chosen = stride(from: 0, to: all.count - 1, by: k).map { all[$0] }
            let last = all[all.count - 1]
            // Drop a label that crowds the last one.
            while chosen.count > 1, last.start < chosen.last!.start + DisplayWidth.of(chosen.last!.label) + 1 {
                chosen.removeLast()
            }
            chosen.append(last)
            if fits(chosen) && (chosen.count > 2 || k == all.count - 1 || all.count == 2) { return chosen }
        }
        return fits([all[0], all[all.count - 1]]) ? [all[0], all[all.count - 1]] : [all[0]]
    }
}
