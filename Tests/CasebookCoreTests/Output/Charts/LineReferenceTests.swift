// England and the neighbours' mean on the lines of a comparison: reference
// lines, drawn dashed after the authorities' lines, and the terminal, the SVG
// and the words (which the HTML report and the accessible mode share) agree.

import Testing

@testable import CasebookCore

@Suite("Reference lines on line charts")
struct LineReferenceTests {
    static func chart(_ statements: String, baseDirectory: String = DataPaths.root) throws -> Chart {
        let sink = CollectingSink()
        let engine = Engine(
            workspace: Workspace(catalog: DatasetCatalog(directory: DataPaths.datasets)), settings: Settings(), sink: sink,
            baseDirectory: baseDirectory, sessionsDirectory: baseDirectory)
        let result = engine.run(SourceText(name: "t.cb", text: statements))
        #expect(!result.failed, "\(sink.stderr)")
        return try #require(engine.lastChart)
    }

    static let compare = #"compare "Reading" on referrals_rate years 2016 to 2020 | where group in ["authority", "England", "neighbours' mean", "neighbour 1"] | chart line"#

    @Test("a comparison over years: England and the neighbours' mean are reference lines, after the authorities")
    func wideComparison() throws {
        let chart = try Self.chart(Self.compare)
        #expect(chart.series.map(\.name) == ["Reading", "Milton Keynes", "neighbours' mean", "England"])
        #expect(chart.series.map(\.isReference) == [false, false, true, true])

        let text = TextChartRenderer(width: 100, height: 16, unicode: true).render(chart)
        #expect(text.contains("● Reading  ○ Milton Keynes  dashed, for reference: ■ neighbours' mean  □ England\n"), "\(text)")
        let ascii = TextChartRenderer(width: 100, height: 16, unicode: false).render(chart)
        #expect(ascii.contains("* Reading  o Milton Keynes  dashed, for reference: # neighbours' mean  + England\n"), "\(ascii)")

        let svg = SVGChartRenderer().render(chart)
        #expect(svg.contains(#"class="series reference" data-series="England""#), "\(svg)")
        #expect(svg.contains(#"class="series reference" data-series="neighbours&apos; mean""#), "\(svg)")
        #expect(svg.contains(#"class="series" data-series="Reading""#))
        #expect(svg.contains(">England (reference)</text>"), "\(svg)")

        let words = ChartDescription.describe(chart)
        #expect(
            words.contains(
                "It shows referrals_rate by year for Reading and Milton Keynes, with dashed reference lines for neighbours' mean and England."),
            "\(words)")
        // The SVG describes itself with the same words the accessible mode says.
        #expect(svg.contains(SVGDocument.escape(words)), "\(svg)")
    }

    @Test("a long table charted by name takes its reference lines from its group column")
    func longTable() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let csv = folder.write(
            "long.csv",
            "name,group,year,value\nReading,authority,2015,1\nReading,authority,2016,2\nEngland,England,2015,3\nEngland,England,2016,4\n")
        let chart = try Self.chart("load \"\(csv)\" as t\nt | chart line year value by name")
        #expect(chart.series.map(\.name) == ["Reading", "England"])
        #expect(chart.series.map(\.isReference) == [false, true])
        // Without a group column, England is a line like any other.
        let plain = try Self.chart("load \"\(csv)\" as u\nu | select name, year, value | chart line year value by name")
        #expect(plain.series.map(\.isReference) == [false, false])
        // Only references: nothing to read against them, so none is marked.
        let alone = try Self.chart("load \"\(csv)\" as v\nv | where group = \"England\" | chart line year value by name")
        #expect(alone.series.map(\.isReference) == [false])
    }

    @Test("a dashed line leaves gaps a solid one fills")
    func dashedCanvasLine() {
        var solid = BrailleCanvas(columns: 20, rows: 1)
        solid.line(from: (0, 0), to: (39, 0))
        var dashed = BrailleCanvas(columns: 20, rows: 1)
        dashed.line(from: (0, 0), to: (39, 0), dashed: true)
        #expect(!solid.row(0, unicode: true).contains(" "))
        #expect(dashed.row(0, unicode: true).filter { $0 == " " }.count == 10, "\(dashed.row(0, unicode: true))")
    }
}
