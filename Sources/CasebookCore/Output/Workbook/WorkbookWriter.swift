// Tables as an Excel workbook: one sheet per result, numbers as numbers in
// the number format their column shows, markers as text with a note giving
// their meaning, the header row frozen, and a Sources sheet that cites every
// source once (publisher, release, licence, caveats) and says what each marker
// means; a chart's figures get the chart itself beside them, as a native
// Excel chart drawn from those cells. `write "r.xlsx"`, `save chart "c.xlsx"`
// and `casebook export --xlsx` all come here.

public struct WorkbookSheet: Sendable {
    /// The name wanted for the sheet; made valid and unique when written.
    public var name: String
    /// Lines above the table: the statement, the result's header.
    public var title: [String]
    public var table: Table
    /// Lines below the table (notes).
    public var notes: [String]
    /// The chart whose figures the table holds (`ChartTable`): drawn beside
    /// them as a native Excel chart.
    public var chart: Chart?

    public init(name: String, title: [String] = [], table: Table, notes: [String] = [], chart: Chart? = nil) {
        self.name = name
        self.title = title
        self.table = table
        self.notes = notes
        self.chart = chart
    }
}

public enum WorkbookWriter {
    /// Notes on marker cells stop here for a sheet; the Sources sheet's list
    /// of markers still says what every one means (thousands of notes make a
    /// workbook slow to open and help nobody).
    static let maxNotesPerSheet = 5_000
    /// Past this many cells, rows go to disk as they are written.
    static let constantMemoryCells = 200_000

    /// Writes `sheets` and a Sources sheet to `path` (replaced whole, never half-written).
    public static func write(_ sheets: [WorkbookSheet], title: String, to path: String) throws(Diagnostic) {
        for sheet in sheets {
            let rows = sheet.title.count + 1 + sheet.table.rowCount + (sheet.notes.isEmpty ? 0 : 1 + sheet.notes.count)
            if rows > XLSXFile.maxRows || sheet.table.columns.count > XLSXFile.maxColumns {
                throw Diagnostic(
                    id: .workbookTooLarge,
                    message: "\(Messages.plural(sheet.table.rowCount, "row")) and \(Messages.plural(sheet.table.columns.count, "column")) do not fit on an Excel sheet (at most 1,048,576 rows and 16,384 columns)",
                    span: nil, help: "filter or summarise first, or write a .csv file")
            }
        }
        let cells = sheets.reduce(0) { $0 + $1.table.rowCount * max(1, $1.table.columns.count) }
        try FileWriter.writeFile(to: path) { (temporary: String) throws(Diagnostic) in
            let file = try XLSXFile(path: temporary, constantMemory: cells > constantMemoryCells)
            file.setProperties(title: title, comments: "Written by Casebook")
            var names = SheetNames()
            var markers: [MissingReason: Int] = [:]
            var sources: [SourceNote] = []
            for sheet in sheets {
                let name = names.make(sheet.name)
                let ws = try file.addSheet(name)
                writeSheet(sheet, ws, file, markers: &markers)
                if let chart = sheet.chart, let plan = XLSXChart.plan(chart, table: sheet.table, headerRow: sheet.title.count) {
                    // To the right of the figures, level with their header.
                    file.insertChart(plan, on: ws, named: name, row: sheet.title.count, column: sheet.table.columns.count + 1)
                }
                sources = sources.merged(with: sheet.table.sources)
            }
            let ws = try file.addSheet(names.make("Sources"))
            writeSources(sources, markers: markers, ws, file)
            try file.close()
        }
    }

    /// The Excel number format for what a column shows: its decimals, and
    /// thousands separators except for years and codes.
    static func numberFormat(_ format: ColumnFormat) -> String {
        let whole = format.grouping ? "#,##0" : "0"
        return format.decimals > 0 ? whole + "." + String(repeating: "0", count: format.decimals) : whole
    }

    private static func writeSheet(_ sheet: WorkbookSheet, _ ws: XLSXFile.Sheet, _ file: XLSXFile, markers: inout [MissingReason: Int]) {
        let table = sheet.table
        var row = 0
        for line in sheet.title {
            ws.text(row, 0, line, file.format(bold: row == 0))
            row += 1
        }
        let header = file.format(bold: true, border: true)
        for (c, column) in table.columns.enumerated() { ws.text(row, c, column.name, header) }
        row += 1
        ws.freeze(rows: row)
        let all = Array(0..<table.rowCount)
        let formats = table.columns.map { ColumnFormat($0, rows: all) }
        let numberFormats = formats.map { file.format(number: numberFormat($0)) }
        var notes = 0
        for r in 0..<table.rowCount {
            for (c, column) in table.columns.enumerated() {
                if column.isMissing(at: r) {
                    let reason = column.reason(at: r)
                    // An empty source cell stays empty; every other reason is
                    // shown as published and explained in a note.
                    guard reason != .empty else { continue }
                    if !reason.marker.isEmpty { ws.text(row, c, reason.marker) }
                    markers[reason, default: 0] += 1
                    if notes < maxNotesPerSheet {
                        ws.note(row, c, noteText(reason))
                        notes += 1
                    }
                    continue
                }
                switch column.data {
                case .integer(let v): ws.number(row, c, Double(v[r]), numberFormats[c])
                case .decimal(let v): ws.number(row, c, v[r], numberFormats[c])
                case .text(let codes, let dict): ws.text(row, c, dict[codes[r]])
                case .boolean(let v): ws.boolean(row, c, v[r])
                }
            }
            row += 1
        }
        if !sheet.notes.isEmpty {
            row += 1
            let italic = file.format(italic: true)
            for note in sheet.notes {
                ws.text(row, 0, "Note: " + note, italic)
                row += 1
            }
        }
        // Widths from what the cells show (the first thousand rows are enough to judge).
        let sample = Array(all.prefix(1000))
        for (c, column) in table.columns.enumerated() {
            var widest = DisplayWidth.of(column.name)
            for r in sample { widest = max(widest, DisplayWidth.of(formats[c].text(column, r))) }
            ws.width(c, Double(min(60, max(6, widest + 2))))
        }
    }

    static func noteText(_ reason: MissingReason) -> String {
        reason.marker.isEmpty ? reason.meaning.prefix(1).uppercased() + reason.meaning.dropFirst()
            : "\(reason.marker): \(reason.meaning)"
    }

    private static func writeSources(_ sources: [SourceNote], markers: [MissingReason: Int], _ ws: XLSXFile.Sheet, _ file: XLSXFile) {
        let header = file.format(bold: true, border: true)
        let wrap = file.format(wrap: true)
        let columns = ["dataset", "title", "publisher", "release", "licence", "link", "caveats"]
        for (c, name) in columns.enumerated() { ws.text(0, c, name, header) }
        ws.freeze(rows: 1)
        var row = 1
        for s in sources {
            let cells: [String?] = [s.dataset, s.title, s.publisher, s.release, s.licence, s.link, s.caveats.joined(separator: "\n")]
            for (c, cell) in cells.enumerated() {
                if let cell, !cell.isEmpty { ws.text(row, c, cell, c == 6 ? wrap : nil) }
            }
            row += 1
        }
        if sources.isEmpty {
            ws.text(row, 0, "No source is recorded for these results (a table typed in, or made by a statement).")
            row += 1
        }
        if !markers.isEmpty {
            row += 1
            ws.text(row, 0, "marker", header)
            ws.text(row, 1, "meaning", header)
            ws.text(row, 2, "cells", header)
            row += 1
            for reason in markers.keys.sorted() {
                ws.text(row, 0, reason.marker.isEmpty ? "(blank)" : reason.marker)
                ws.text(row, 1, reason.meaning)
                ws.number(row, 2, Double(markers[reason] ?? 0), file.format(number: "#,##0"))
                row += 1
            }
        }
        let widths: [Double] = [22, 40, 28, 20, 28, 30, 80]
        for (c, w) in widths.enumerated() { ws.width(c, w) }
    }
}
