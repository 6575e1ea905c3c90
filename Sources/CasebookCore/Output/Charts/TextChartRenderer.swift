// Charts as text for the terminal: the title line, the chart drawn by kind, then
// a note of the values left out. No line is wider than `width` display columns.

struct TextChartRenderer {
    public var width: Int
    /// Rows of the plot area for line and scatter charts.
    var height: Int
    /// Block and braille characters; off: plain ASCII only.
    public var unicode: Bool
    /// A colour per series (and for highlighted bars), for a colour terminal;
    /// markers still tell the series apart without it.
    public var colour: Bool

    public init(width: Int, height: Int = 16, unicode: Bool, colour: Bool = false) {
        self.width = max(width, 1)
        self.height = max(height, 3)
        self.unicode = unicode
        self.colour = colour
    }

    public func render(_ chart: Chart) -> String {
        var lines = [title(chart)]
        let hasPoints = chart.series.contains { !$0.points.isEmpty }
        if !hasPoints {
            lines.append("(nothing to chart)")
        } else {
            switch chart.kind {
            case .bar: lines += barLines(chart)
            case .line: lines += lineLines(chart)
            case .histogram: lines += histogramLines(chart)
            case .scatter: lines += scatterLines(chart)
            }
        }
        // The scatter footer already counts what was left out.
        if chart.kind != .scatter || !hasPoints, ChartText.skippedTotal(chart.skipped) > 0 {
            lines += ChartText.wrap("left out: " + ChartText.reasons(chart.skipped), width)
        }
        // Data is escaped where it enters a line (`text`, `fitted`); the whole
        // line is escaped again as a backstop, keeping only the series colours.
        return lines.map { line in
            let shown = ChartText.glyphs(TerminalText.visible(line, keepingStyles: colour), unicode: unicode)
            return ChartText.clip(shown.trimmingTrailingSpaces(), width)
        }.joined(separator: "\n") + "\n"
    }

    /// The first line: the chart's title, or what it shows when it has none.
    func title(_ chart: Chart) -> String {
        let t = chart.title.isEmpty ? "\(chart.yLabel) by \(chart.xLabel)" : chart.title
        return ChartText.fit(text(TableRenderer.singleLine(t)), width, unicode: unicode)
    }

    /// Data text as this renderer may show it (ASCII when asked).
    /// Data text as drawn: its control characters shown (TerminalText.swift).
    func text(_ s: String) -> String { ChartText.glyphs(TerminalText.visible(s), unicode: unicode) }

    /// Data text cut to `w` columns.
    func fitted(_ s: String, _ w: Int) -> String {
        ChartText.fit(text(TableRenderer.singleLine(s)), w, unicode: unicode)
    }

    /// Marker glyphs, one per series in turn.
    var seriesMarkers: [Character] {
        unicode ? ["●", "○", "■", "□", "▲", "△", "◆", "◇"] : ["*", "o", "#", "+", "x", "@", "%", "&"]
    }

    func marker(forSeries i: Int) -> Character { seriesMarkers[i % seriesMarkers.count] }

    /// "● Reading  ○ England", wrapped to the width.
    func legendLines(_ chart: Chart) -> [String] {
        var lines: [String] = []
        var line = ""
        for (i, s) in chart.series.enumerated() {
            let mark = String(marker(forSeries: i))
            // The first reference line's entry says what the dashed lines are.
            let heading = s.isReference && !(i > 0 && chart.series[i - 1].isReference) ? "dashed, for reference: " : ""
            let entry =
                heading + (colour ? TerminalColour.paint(mark, series: i) : mark) + " "
                + fitted(ChartText.seriesName(s, in: chart), max(width - 2 - heading.count, 1))
            if line.isEmpty {
                line = entry
            } else if TerminalColour.visibleWidth(line) + 2 + TerminalColour.visibleWidth(entry) <= width {
                line += "  " + entry
            } else {
                lines.append(line)
                line = entry
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }
}
