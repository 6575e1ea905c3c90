// Charts from the engine's point of view: drawn for the terminal (or described
// in words in the accessible mode), written as SVG when asked, and recorded in
// a session at the session width.

extension Engine {
    /// `save chart "f.svg"`: the chart drawn last, written without running its statement again.
    func saveChart(path: String, span: SourceSpan) throws(Diagnostic) -> Outcome {
        _ = try ChartFile.kind(path, span: span)
        guard let chart = lastChart else {
            throw Diagnostic(
                id: "no-chart", message: "no chart has been drawn yet", span: span,
                help: "draw one first, e.g. `referrals | for \"Reading\" | chart line year referrals_rate`")
        }
        let resolved = try writablePath(path, span: span)
        do throws(Diagnostic) {
            try ChartFile.write(chart, to: resolved, shown: path, span: span, png: pngRenderer)
        } catch {
            var e = error
            if e.span == nil { e.span = span }
            throw e
        }
        return .info("wrote the chart to \(path)")
    }

    /// Height of a terminal chart in rows.
    static let chartHeight = 16
    /// Charts wider than this are drawn at the session width instead.
    static let widestChart = 200

    func deliver(_ chart: Chart, notes: [String], path: String?) -> String {
        let noteText = notes.map { "note: \($0)\n" }.joined()
        lastChart = chart
        if let path {
            do {
                try ChartFile.write(chart, to: path, shown: path, span: nil, png: pngRenderer)
                sink.info("wrote the chart to \(path)\n")
            } catch {
                deliveryFailure = error
            }
        }
        let shown: String
        if settings.accessible {
            shown = ChartDescription.describe(chart) + "\n"
        } else {
            // A pipe has no width (tables keep every column there); a chart still needs one.
            let width = settings.width > Self.widestChart ? SessionFormat.width : settings.width
            shown = TextChartRenderer(width: width, height: Self.chartHeight, unicode: settings.unicode, colour: settings.colour)
                .render(chart)
        }
        if settings.format == .table {
            sink.output(shown + noteText)
        } else if settings.format == .markdown {
            // In a Markdown document the chart is a text block, then its notes.
            sink.output("```text\n" + shown + "```\n" + MarkdownAsides.notes(notes))
        } else {
            sink.diagnostic(shown + noteText)
        }
        let recorded = settings.sessionAccessible
            ? ChartDescription.describe(chart) + "\n"
            : TextChartRenderer(width: SessionFormat.width, height: Self.chartHeight, unicode: settings.sessionUnicode)
                .render(chart)
        if recordsMarkdown {
            pendingMarkdown = "\n```text\n" + recorded + "```\n\n" + ChartDescription.describe(chart) + "\n"
            pendingResult = .chart(chart, notes: notes)
        }
        return recorded + noteText
    }
}
