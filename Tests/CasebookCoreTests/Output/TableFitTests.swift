// Fitting a table to the width: long text is cut before a column is hidden,
// columns are left out from the middle keeping keys, years and the last ones,
// the footer counts what is hidden, and a few rows too wide become records.

@testable import CasebookCore
import Testing

@Suite("Table fitting")
struct TableFitTests {
    func text(_ name: String, _ values: [String]) -> Column {
        var b = TextColumnBuilder()
        for v in values { b.append(v) }
        return Column(name: name, data: b.finish())
    }

    /// A wide table in the shape of a DfE one: code, name, a long text, a year, twelve measures, a derived column.
    func wide(rows: Int = 6) -> Table {
        var columns = [
            Column(name: "la_code", data: .integer(Array(repeating: 870, count: rows))),
            text("la_name", Array(repeating: "Bournemouth, Christchurch and Poole", count: rows)),
            text("description", Array(repeating: String(repeating: "referrals resulting in no further action ", count: 3), count: rows)),
            Column(name: "year", data: .integer((0..<rows).map { 2013 + Int64($0) })),
        ]
        for m in 1...12 { columns.append(Column(name: "measure_\(m)", data: .decimal(Array(repeating: 123.4, count: rows)))) }
        columns.append(Column(name: "derived", data: .integer(Array(repeating: 7, count: rows))))
        return Table(columns: columns)
    }

    func render(_ t: Table, width: Int, cells: TextWidth = .auto, view: TableView = .auto) -> String {
        var r = TableRenderer(width: width, maxRows: 40, colour: false, unicode: true)
        r.textWidth = cells
        r.view = view
        return r.render(t)
    }

    @Test("no line is wider than the width, and the keys, the year and the last column stay", arguments: [40, 60, 80, 120, 200])
    func keysStay(width: Int) {
        let out = render(wide(), width: width)
        for line in out.split(separator: "\n") where !line.contains("not shown") {
            #expect(DisplayWidth.of(String(line)) <= width, "\(String(line))")
        }
        let header = String(out.split(separator: "\n")[0])
        for name in ["la_code", "year", "derived"] { #expect(header.contains(name), "\(name) at \(width): \(header)") }
        #expect(out.contains("2018"))
        let hidden = out.split(separator: "\n")[0].contains("…")
        #expect(hidden == out.contains("17 columns ("), "the footer counts the columns when some are hidden")
    }

    @Test("the footer names the hidden columns and says how to see them; a gap marks where they were")
    func footer() {
        // The footer is wrapped at spaces: read it as one line.
        let out = render(wide(), width: 80).replacing("\n    ", with: " ")
        #expect(out.contains("17 columns ("))
        #expect(out.contains("not shown: "))
        #expect(out.contains("`set view records`"))
        #expect(out.split(separator: "\n")[0].contains("…"))
    }

    @Test("long text is cut to fit before any column is hidden, and shown whole where there is room")
    func textFits() {
        let t = Table(columns: [text("description", [String(repeating: "word ", count: 20) + "end"]), Column(name: "n", data: .integer([1]))])
        let wideOut = render(t, width: 200)
        #expect(wideOut.contains("word end"), "whole at 200: no 40-character cap")
        let narrow = render(t, width: 60, view: .table)
        #expect(narrow.contains("…"))
        #expect(narrow.split(separator: "\n")[0].hasSuffix("n"), "the number column is kept")
        for line in narrow.split(separator: "\n") { #expect(DisplayWidth.of(String(line)) <= 60) }
        #expect(render(t, width: 200, cells: .at(10)).contains("word word…"))
        // `full` never cuts: a column too wide for the terminal is left out of the table, and whole in records.
        #expect(!render(t, width: 60, cells: .full, view: .table).contains("word…"))
        #expect(render(t, width: 60, cells: .full, view: .records).contains("word end"))
    }

    @Test("a table that fits is drawn as before: every column, nothing cut")
    func fitsUnchanged() {
        let t = Table(columns: [text("la_name", ["Reading", "Slough"]), Column(name: "year", data: .integer([2016, 2017]))])
        #expect(render(t, width: 40) == "la_name  year\n───────  ────\nReading  2016\nSlough   2017\n")
    }

    @Test("auto draws a few rows that do not fit as records; more rows stay a table; `records` always")
    func records() {
        let few = render(wide(rows: 2), width: 80)
        #expect(few.contains("── row 1 "))
        #expect(few.contains("\nmeasure_7    123.4\n"), "\(few)")
        #expect(few.contains("\nyear         2014\n"))
        #expect(!render(wide(rows: 6), width: 80).contains("── row"))
        #expect(!render(wide(rows: 2), width: 80, view: .table).contains("── row"))
        #expect(render(wide(rows: 6), width: 400, view: .records).contains("── row 6 "))
    }
}
