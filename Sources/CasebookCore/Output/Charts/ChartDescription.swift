// A chart in plain English for a screen reader (and the SVG's <desc>): what it
// shows, the notable values by kind, and what was left out. Short sentences.

enum ChartDescription {
    public static func describe(_ chart: Chart) -> String {
        var sentences = [intro(chart)]
        let hasValues = chart.series.contains { $0.points.contains { $0.y?.isFinite ?? false } }
        if !hasValues {
            sentences.append("It has no values to show.")
        } else {
            switch chart.kind {
            case .line: sentences += lineSentences(chart)
            case .bar: sentences += barSentences(chart)
            case .histogram: sentences += histogramSentences(chart)
            case .scatter: sentences += scatterSentences(chart)
            }
        }
        let left = ChartText.skippedTotal(chart.skipped)
        if left > 0 {
            let noun = chart.kind == .scatter ? "point" : "value"
            sentences.append(
                "\(Messages.plural(left, noun)) \(left == 1 ? "was" : "were") left out: \(ChartText.reasons(chart.skipped))."
            )
        }
        // Names and labels come from files: shown, never sent (TerminalText.swift).
        return TerminalText.singleLine(sentences.joined(separator: " "))
    }

    static func intro(_ chart: Chart) -> String {
        let kind: String
        switch chart.kind {
        case .bar: kind = "Bar chart"
        case .line: kind = "Line chart"
        case .histogram: kind = "Histogram"
        case .scatter: kind = "Scatter chart"
        }
        let title = TableRenderer.singleLine(chart.title)
        guard !title.isEmpty else { return "\(kind) of \(chart.yLabel) by \(chart.xLabel)." }
        return "\(kind): \(title)" + (title.last.map { ".!?".contains($0) } == true ? "" : ".")
    }

    /// How a description writes a value of `chart`: its own decimals, within the
    /// chart's cap (see `ChartNumberFormat`), with thousands separators unless
    /// the measure is a year or code.
    static func number(_ v: Double, in chart: Chart) -> String {
        ChartNumberFormat.single(v, cap: ChartNumberFormat.cap(for: chart), grouping: chart.yGrouping)
    }

    /// "Windsor (c)", "2021 and 2022 (x); 2023 (c)": labels of missing points by reason.
    static func gaps(_ points: [Chart.Point]) -> String? {
        var order: [MissingReason] = []
        var labels: [MissingReason: [String]] = [:]
        for p in points where !(p.y?.isFinite ?? false) {
            let reason = p.y == nil ? p.reason : .undefined
            if labels[reason] == nil { order.append(reason) }
            labels[reason, default: []].append(p.label)
        }
        guard !order.isEmpty else { return nil }
        return order.map { r in
            ChartText.list(labels[r]!) + (r.name.isEmpty ? "" : " (\(r.name))")
        }.joined(separator: "; ")
    }
}
