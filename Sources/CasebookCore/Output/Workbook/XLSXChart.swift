// A native Excel chart on a sheet, drawn by libxlsxwriter from the sheet's own
// cells (so it stays live if a figure is corrected in Excel): what kind, which
// ranges hold each series, the titles, and the words that describe it as the
// chart's alternative text. `WorkbookWriter` plans one from a `Chart` and the
// cells `ChartTable` laid out; `XLSXFile` hands it to the library.

struct XLSXChart {
    enum Kind { case bar, line, column, scatter }

    struct Series {
        /// The header cell naming the series.
        var nameRow: Int
        /// Columns of the categories (or x values) and of the values.
        var categoryColumn: Int
        var valueColumn: Int
        /// Rows of the figures, inclusive.
        var firstRow: Int
        var lastRow: Int
        /// A reference line (England, the neighbours' mean): dashed.
        var dashed: Bool
    }

    var kind: Kind
    var title: String
    var xName: String
    var yName: String
    var series: [Series]
    /// The chart in words, for screen readers (Excel's alt text).
    var description: String

    /// The native chart for `chart`, whose figures `ChartTable.make(chart)`
    /// put on a sheet with its header row at `headerRow`.
    static func plan(_ chart: Chart, table: Table, headerRow: Int) -> XLSXChart? {
        let first = headerRow + 1
        let last = headerRow + table.rowCount
        guard table.rowCount > 0 else { return nil }
        func series(_ category: Int, _ value: Int, dashed: Bool = false) -> Series {
            Series(nameRow: headerRow, categoryColumn: category, valueColumn: value, firstRow: first, lastRow: last, dashed: dashed)
        }
        let kind: Kind
        let drawn: [Series]
        switch chart.kind {
        case .bar, .line:
            // Column 0 holds the labels; a column per series follows.
            kind = chart.kind == .bar ? .bar : .line
            drawn = chart.series.indices.map { series(0, $0 + 1, dashed: chart.series[$0].isReference) }
        case .histogram:
            // from, to, count: bars over the bins' lower edges.
            kind = .column
            drawn = [series(0, 2)]
        case .scatter:
            // label, x, y.
            kind = .scatter
            drawn = [series(1, 2)]
        }
        return XLSXChart(
            kind: kind, title: chart.title.isEmpty ? "\(chart.yLabel) by \(chart.xLabel)" : chart.title,
            xName: chart.xLabel, yName: chart.yLabel, series: drawn, description: ChartDescription.describe(chart))
    }
}
