// The one place a statement's result becomes text. The screen gets it with the
// person's settings (their terminal's width, colour, flags); the session file
// gets it with the settings the session's own statements chose, at a fixed
// width and without colour, so that a session checks the same on any machine.

struct Presenter {
    /// Settings for the screen (flags, the terminal, and `set`).
    let screen: Settings
    /// Settings a session file records with: only `set` changes them, never a flag.
    let record: Settings
    /// Keep each result's Markdown and its table or chart, for `casebook export`.
    let keepsResults: Bool

    /// Height of a terminal chart in rows.
    static let chartHeight = 16
    /// Charts wider than this are drawn at the session width instead.
    static let widestChart = 200

    // MARK: - The screen

    /// Writes `result` for a person, or a pipe: warnings and notes, then the
    /// result, then errors, then the run time.
    func show(_ result: StatementResult, source: SourceText, to sink: OutputSink) {
        if result.cancelled {
            sink.diagnostic("cancelled\n")
            return
        }
        let renderer = DiagnosticRenderer(colour: screen.colour, width: screen.width, accessible: screen.accessible)
        for d in result.asides { sink.diagnostic(renderer.render(d, in: d.span == nil ? nil : source)) }
        switch result.outcome {
        case .table(let table, let header, let notes):
            showTable(table, header: header, notes: notes, sentToFile: result.delivered != nil || result.failed, result, sink)
        case .chart(let chart, let notes, _):
            if let delivered = result.delivered { sink.info(delivered + "\n") }
            showChart(chart, notes: notes, sink)
        case .text(let text):
            sink.output(TextWrap.lines(text, width: screen.width, hanging: 0))
        case .info(let text):
            sink.info(text + "\n")
        case .quit, .nothing, nil:
            break
        }
        let errors = result.errors
        if !errors.isEmpty { sink.diagnostic(errors.map { renderer.render($0, in: source) }.joined()) }
        if let elapsed = result.elapsed, !result.failed {
            aside(
                elapsed < 0.000_05
                    ? "Run time: under 0.1 ms\n"
                    : elapsed < 1
                    ? "Run time: \(NumberText.fixed(elapsed * 1000, decimals: 1)) ms\n"
                    : "Run time: \(NumberText.fixed(elapsed, decimals: 2)) s\n", sink)
        }
    }

    /// Notes and timings: beside a table at the prompt and in Markdown, on stderr beside CSV, TSV or JSON.
    private func aside(_ text: String, _ sink: OutputSink) {
        switch screen.format {
        case .table: sink.output(text)
        case .markdown: sink.output("\n" + text)
        case .csv, .tsv, .json: sink.diagnostic(text)
        }
    }

    private func showTable(
        _ table: Table, header: [String], notes: [String], sentToFile: Bool, _ result: StatementResult, _ sink: OutputSink
    ) {
        var extra = notes.map { "note: \($0)\n" }.joined()
        if screen.showSources, !table.sources.isEmpty {
            extra += SourceCitation.lines(table.sources).map { $0 + "\n" }.joined()
        }
        if sentToFile {
            if let delivered = result.delivered { sink.info(delivered + "\n") }
            if !extra.isEmpty { aside(extra, sink) }
            return
        }
        let top = header.map { $0 + "\n" }.joined()
        let renderer = ResultRenderer(settings: screen)
        switch screen.format {
        case .table:
            var body = renderer.render(table)
            // Rows read out in words wrap at spaces like notes; a drawn table already fits.
            if screen.accessible { body = TextWrap.lines(body, width: screen.width) }
            sink.output(TextWrap.lines(top, width: screen.width) + body + TextWrap.lines(extra, width: screen.width))
        case .markdown:
            // Markdown is a document, not data for a program, so its header and notes
            // are part of it: header, table, notes, then the sources cited.
            sink.output(
                MarkdownAsides.header(header) + MarkdownWriter.write(table) + MarkdownAsides.notes(notes) + renderer.footnote(table))
        case .csv, .tsv, .json:
            if !top.isEmpty { sink.diagnostic(top) }
            sink.output(renderer.render(table))
            if !extra.isEmpty { sink.diagnostic(extra) }
        }
    }

    private func showChart(_ chart: Chart, notes: [String], _ sink: OutputSink) {
        let noteText = notes.map { "note: \($0)\n" }.joined()
        let shown: String
        if screen.accessible {
            shown = ChartDescription.describe(chart) + "\n"
        } else {
            // A pipe has no width (tables keep every column there); a chart still needs one.
            let width = screen.width > Self.widestChart ? SessionFormat.width : screen.width
            shown = TextChartRenderer(width: width, height: Self.chartHeight, unicode: screen.unicode, colour: screen.colour)
                .render(chart)
        }
        // On the screen, words and notes wrap at spaces to its width (a drawn chart already fits).
        let wrapped =
            (screen.accessible ? TextWrap.lines(shown, width: screen.width) : shown) + TextWrap.lines(noteText, width: screen.width)
        if screen.format == .table {
            sink.output(wrapped)
        } else if screen.format == .markdown {
            // In a Markdown document the chart is a text block, then its notes.
            sink.output("```text\n" + shown + "```\n" + MarkdownAsides.notes(notes))
        } else {
            sink.diagnostic(wrapped)
        }
    }

    // MARK: - The session file

    /// What a session file records for `result` (nil for one that was
    /// cancelled or quit: those are not part of the session).
    func entry(_ result: StatementResult, source: SourceText) -> Engine.TranscriptEntry? {
        if result.cancelled || result.quits { return nil }
        let renderer = DiagnosticRenderer(colour: false, width: SessionFormat.width, accessible: record.accessible)
        var output = result.asides.map { renderer.render($0, in: $0.span == nil ? nil : source) }.joined()
        var markdown: String? = nil
        var kept: Engine.RecordedResult? = nil
        switch result.outcome {
        case .table(let table, let header, let notes):
            // A result sent to a file is not shown, so not recorded.
            if result.delivered == nil && !result.failed { output += tableText(table, header: header, notes: notes) }
            if keepsResults {
                let shown = record.maxRows.map { table.rowCount > $0 ? table.slice(0..<$0) : table } ?? table
                // Its sources are cited by the export, once for the whole report.
                markdown = MarkdownAsides.header(header) + MarkdownWriter.write(shown)
                    + (shown.rowCount < table.rowCount ? "\n_\(Messages.plural(table.rowCount, "row")), the first \(shown.rowCount) shown._\n" : "")
                    + MarkdownAsides.notes(notes)
                kept = .table(shown, header: header, notes: notes, total: table.rowCount)
            }
        case .chart(let chart, let notes, _):
            let drawn = chartText(chart)
            output += drawn + notes.map { "note: \($0)\n" }.joined()
            if keepsResults {
                markdown = "\n```text\n" + drawn + "```\n\n" + ChartDescription.describe(chart) + "\n"
                kept = .chart(chart, notes: notes)
            }
        case .text(let text):
            output += TextWrap.lines(text, width: SessionFormat.width, hanging: 0)
        case .info, .quit, .nothing, nil:
            break
        }
        output += result.errors.map { renderer.render($0, in: source) }.joined()
        let failed = result.failed
        return Engine.TranscriptEntry(
            statement: result.text, output: output, failed: failed, markdown: markdown, result: failed ? nil : kept)
    }

    /// The settings a session file's tables are drawn with.
    private var sessionSettings: Settings {
        var s = record
        s.colour = false
        s.width = SessionFormat.width
        s.format = .table
        return s
    }

    /// A table as a session file records it: always the aligned table at a
    /// fixed width, so a session checks the same on any terminal.
    func tableText(_ table: Table, header: [String], notes: [String]) -> String {
        header.map { $0 + "\n" }.joined() + ResultRenderer(settings: sessionSettings).render(table)
            + notes.map { "note: \($0)\n" }.joined()
    }

    /// A chart as a session file records it: drawn at the session width, or in words.
    func chartText(_ chart: Chart) -> String {
        record.accessible
            ? ChartDescription.describe(chart) + "\n"
            : TextChartRenderer(width: SessionFormat.width, height: Self.chartHeight, unicode: record.unicode).render(chart)
    }
}
