// A session as an Excel workbook: a Contents sheet (the session's
// introduction and, for each result, its sheet and statement), a sheet per
// table or chart with the statement above it, and the Sources sheet that
// `WorkbookWriter` adds. Failed statements and those without a result
// (let, set, help) have no sheet.

public enum SessionWorkbook {
    public static func sheets(source: SourceText, statements: [SessionStatement], transcript: [Engine.TranscriptEntry])
        -> [WorkbookSheet]
    {
        var names = SheetNames()
        _ = names.make("Contents")
        _ = names.make("Sources")
        var results: [WorkbookSheet] = []
        var contentsSheet = TextColumnBuilder()
        var contentsStatement = TextColumnBuilder()
        for (i, statement) in statements.enumerated() where i < transcript.count {
            guard let result = transcript[i].result else { continue }
            let oneLine = statement.text.split(whereSeparator: \.isNewline)
                .map { $0.drop(while: { $0 == " " }) }.joined(separator: " ")
            let name = names.make("\(results.count + 1) \(oneLine)")
            switch result {
            case .table(let table, let header, let notes, let total):
                var below = notes
                if table.rowCount < total {
                    below.insert("\(Messages.plural(total, "row")), the first \(table.rowCount) shown (as the session records them)", at: 0)
                }
                results.append(WorkbookSheet(name: name, title: [oneLine] + header, table: table, notes: below))
            case .chart(let chart, let notes):
                let title = chart.title.isEmpty ? [oneLine] : [oneLine, chart.title]
                results.append(
                    WorkbookSheet(
                        name: name, title: title, table: ChartTable.make(chart),
                        notes: ["the figures of a chart: " + ChartDescription.describe(chart)] + notes, chart: chart))
            }
            contentsSheet.append(name)
            contentsStatement.append(oneLine)
        }
        let contents = Table(columns: [
            Column(name: "sheet", data: contentsSheet.finish()), Column(name: "statement", data: contentsStatement.finish()),
        ])
        return [WorkbookSheet(name: "Contents", title: introduction(source), table: contents)] + results
    }

    /// The comment lines at the top of the session file.
    public static func introduction(_ source: SourceText) -> [String] {
        var lines: [String] = []
        for line in source.text.split(separator: "\n", omittingEmptySubsequences: false) {
            guard line.hasPrefix("#"), !line.hasPrefix(SessionFormat.outputPrefix) else { break }
            let text = line.dropFirst().drop(while: { $0 == " " })
            if !text.isEmpty { lines.append(String(text)) }
        }
        return lines
    }
}
