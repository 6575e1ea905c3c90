// Native Excel charts: a session statement that drew a chart gets, on its
// result's sheet, a chart libxlsxwriter drew from that sheet's own cells;
// `save chart "f.xlsx"` writes one too. Read back from the package (openpyxl
// does not keep charts): each series' name, categories and values point at
// the cells that hold them, and the alternative text is the chart in words.

import Testing

@Suite("Workbook charts")
struct WorkbookChartTests {
    /// `'Sheet'!$B$4:$B$15` → the sheet and its first cell, `B4`.
    static func firstCell(_ formula: String) -> (sheet: String, cell: String)? {
        guard let bang = formula.lastIndex(of: "!") else { return nil }
        var sheet = String(formula[..<bang])
        if sheet.hasPrefix("'") && sheet.hasSuffix("'") { sheet = String(sheet.dropFirst().dropLast()).replacing("''", with: "'") }
        let cell = formula[formula.index(after: bang)...].split(separator: ":").first.map { String($0).replacing("$", with: "") } ?? ""
        return (sheet, cell)
    }

    static func cell(_ book: ReadWorkbook, _ formula: String) -> ReadWorkbook.Cell? {
        guard let (sheet, cell) = firstCell(formula) else { return nil }
        return book[sheet, cell]
    }

    @Test("every chart of a shipped session is a native chart on its sheet, drawn from that sheet's cells")
    func sessionCharts() throws {
        let sandbox = try Sandbox()
        let expected = ["reading-2016": "lineChart", "reading-after-2016": "lineChart", "south-east-2024": "barChart"]
        for (name, kind) in expected {
            let out = sandbox.work + "/" + name + ".xlsx"
            let run = try sandbox.run(["export", Checkout.root + "/sessions/\(name).cb", "--xlsx", "-o", out])
            #expect(run.status == 0, "\(name): \(run.stderr)")
            let book = try ReadWorkbook.read(out)
            let charted = book.charts.filter { !$0.value.isEmpty }
            try #require(charted.count == 1, "\(name): one statement draws a chart: \(book.charts)")
            let (sheet, charts) = charted.first!
            let chart = charts[0]
            #expect(charts.count == 1)
            #expect(chart.kind == kind, "\(name): \(chart)")
            #expect(!chart.title.isEmpty)
            #expect(chart.description.hasPrefix(kind == "lineChart" ? "Line chart: " : "Bar chart: "), "\(chart.description)")
            #expect(!chart.series.isEmpty)
            for series in chart.series {
                for formula in [series.name, series.categories, series.values] {
                    #expect(Self.firstCell(formula)?.sheet == sheet, "\(name): \(formula) is not on \(sheet)")
                }
                // The name is a header cell; the first category a label; the first value a number (or a marker).
                #expect(Self.cell(book, series.name)?.kind == "s", "\(name): \(series)")
                #expect(Self.cell(book, series.categories)?.kind == "s", "\(name): \(series)")
                #expect(Self.cell(book, series.values) != nil, "\(name): \(series)")
            }
            if kind == "lineChart" {
                // Reading first and solid; England and the neighbours' mean dashed, for reference.
                #expect(chart.series.map { Self.cell(book, $0.name)?.value } == ["Reading", "neighbours' mean", "England"])
                #expect(chart.series.map(\.dash) == ["-", "dash", "dash"])
                #expect(chart.description.contains("dashed reference lines for neighbours' mean and England"))
            }
        }
        // A session without charts gets none.
        let plain = sandbox.work + "/plain.xlsx"
        _ = try sandbox.run(["export", Checkout.root + "/sessions/workforce-and-judgements.cb", "--xlsx", "-o", plain])
        #expect(try ReadWorkbook.read(plain).charts.values.allSatisfy(\.isEmpty))
    }

    @Test("the figures a line chart is drawn from are the session's: Reading's 2016 referral rate")
    func lineChartValues() throws {
        let sandbox = try Sandbox()
        let out = sandbox.work + "/r.xlsx"
        let run = try sandbox.run(["export", Checkout.root + "/sessions/reading-2016.cb", "--xlsx", "-o", out])
        #expect(run.status == 0, "\(run.stderr)")
        let book = try ReadWorkbook.read(out)
        let (sheet, charts) = try #require(book.charts.first { !$0.value.isEmpty })
        let reading = charts[0].series[0]
        let (_, first) = try #require(Self.firstCell(reading.values))
        let (_, year) = try #require(Self.firstCell(reading.categories))
        // The first category is 2013; four rows down is 2016, 839.6.
        #expect(book[sheet, year]?.value == "2013")
        let column = first.prefix { $0.isLetter }, row = Int(first.drop { $0.isLetter })!
        #expect(book[sheet, "\(column)\(row + 3)"]?.value == "839.6", "\(book.cells[sheet] ?? [:])")
    }

    @Test("`save chart \"f.xlsx\"` and `chart … to \"f.xlsx\"` write the figures and a native chart of each kind")
    func saveChart() throws {
        let sandbox = try Sandbox()
        let script = """
            referrals | for "Reading" | where year <= 2024 | chart line year referrals_rate
            save chart "line.xlsx"
            referrals | where year = 2024 and region = "South East" and level = "Local authority" | chart bar la_name referrals_rate to "bar.xlsx"
            referrals | where year = 2024 and level = "Local authority" | chart hist referrals_rate to "hist.xlsx"
            referrals | where year = 2024 and level = "Local authority" | chart scatter referrals nfa_pct to "scatter.xlsx"

            """
        try sandbox.write("charts.cb", script)
        let run = try sandbox.run(["charts.cb"])
        #expect(run.status == 0, "\(run.stderr)")
        for (file, kind) in [("line", "lineChart"), ("bar", "barChart"), ("hist", "barChart"), ("scatter", "scatterChart")] {
            let book = try ReadWorkbook.read(sandbox.work + "/\(file).xlsx")
            #expect(book.sheets == [file, "Sources"], "\(file): \(book.sheets)")
            let charts = book.charts[file] ?? []
            #expect(charts.map(\.kind) == [kind], "\(file): \(charts)")
            #expect(charts.first?.series.count == 1)
            if let series = charts.first?.series.first {
                #expect(Self.cell(book, series.values) != nil, "\(file): \(series)")
            }
            #expect((book.cells["Sources"] ?? [:]).values.contains { $0.value == "Department for Education" }, "\(file)")
        }
        // Any other extension is still refused, with the choices.
        try sandbox.write("bad.cb", "referrals | for \"Reading\" | chart line year referrals_rate\nsave chart \"c.docx\"\n")
        let bad = try sandbox.run(["bad.cb"])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("a chart is saved as .svg, .png or .xlsx, not as c.docx"), "\(bad.stderr)")
    }
}
