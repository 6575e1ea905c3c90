// The SVG renderer: well-formed XML (checked by a small tag-balance parser),
// the expected elements per kind, escaping, and series told apart without colour.

import Testing

@testable import CasebookCore

@Suite struct SVGChartRendererTests {
    @Test func checkerCatchesBadXML() {
        #expect(throws: XMLCheck.Failure.self) { try XMLCheck.check("<svg><g></svg></g>") }
        #expect(throws: XMLCheck.Failure.self) { try XMLCheck.check("<svg><text>a & b</text></svg>") }
        #expect(throws: XMLCheck.Failure.self) { try XMLCheck.check("<svg a=b/>") }
        #expect(throws: XMLCheck.Failure.self) { try XMLCheck.check("<svg><text>a < b</text></svg>") }
        #expect(throws: Never.self) {
            try XMLCheck.check("<?xml version=\"1.0\"?>\n<svg a=\"&amp;\"><g/><t>x &lt; y</t></svg>")
        }
    }

    @Test func everyKindIsWellFormed() throws {
        let charts = [
            ChartSamples.bar, ChartSamples.negative, ChartSamples.twoSeriesBar, ChartSamples.line,
            ChartSamples.histogram,
            ChartSamples.scatter, Chart(kind: .line, title: "Empty", xLabel: "x", yLabel: "y", series: []),
        ]
        for chart in charts {
            for size in [(800, 450), (320, 200), (1200, 700)] {
                let svg = SVGChartRenderer(width: size.0, height: size.1).render(chart)
                try XMLCheck.check(svg)
                #expect(svg.contains("<svg xmlns=\"http://www.w3.org/2000/svg\""))
                #expect(svg.contains("<title id=\"cb-title\">"))
                #expect(svg.contains("<desc id=\"cb-desc\">"))
                #expect(!svg.contains("NaN") && !svg.contains("inf"))
            }
        }
    }

    @Test func lineChartBreaksAtGapsAndHasALegend() {
        let svg = SVGChartRenderer().render(ChartSamples.line)
        // Reading: 2015–2020 and 2023–2024; England: one unbroken line.
        #expect(XMLCheck.count("polyline", in: svg) == 3)
        #expect(svg.contains(">Reading</text>") && svg.contains(">England</text>"))
        // Tick labels on both axes.
        for label in ["1,000", "800", "600", "400", "2015", "2024"] {
            #expect(svg.contains(">\(label)</text>"), "\(label)")
        }
        // The second series differs by shape and dash, not only colour.
        #expect(svg.contains("stroke-dasharray=\"8 4\""))
        #expect(XMLCheck.count("circle", in: svg) == 8 + 1)  // Reading's points and its legend marker
        #expect(svg.contains("<title>England, 2021: 494.3</title>"))
        #expect(svg.contains(">left out: 2 x</text>"))
    }

    @Test func barsAreRects() {
        let svg = SVGChartRenderer().render(ChartSamples.bar)
        // Background plus three present bars.
        #expect(XMLCheck.count("rect", in: svg) == 1 + 3)
        #expect(svg.contains(">Windsor and Maidenhead</text>"))
        #expect(svg.contains(">c</text>"))
        #expect(svg.contains(">791.7</text>"))
        let two = SVGChartRenderer().render(ChartSamples.twoSeriesBar)
        #expect(two.contains("<pattern id=\"cb-fill-1\""))
        #expect(two.contains("fill=\"url(#cb-fill-1)\""))
    }

    @Test func histogramAndScatter() {
        let hist = SVGChartRenderer().render(ChartSamples.histogram)
        #expect(hist.contains("<title>20–25: 80</title>"))
        #expect(hist.contains(">35</text>"))
        let scatter = SVGChartRenderer().render(ChartSamples.scatter)
        #expect(XMLCheck.count("circle", in: scatter) == 40)
        #expect(scatter.contains(">40 points; 3 left out: 2 c, 1 x</text>"))
        #expect(scatter.contains(">caseload</text>") && scatter.contains(">turnover_pct</text>"))
    }

    @Test func textIsEscaped() throws {
        var chart = ChartSamples.bar
        chart.title = "Tom & Jerry's <\"best\"> rates"
        chart.series[0].points[0].label = "A&B <C>"
        chart.series[0].name = "it's"
        let svg = SVGChartRenderer().render(chart)
        try XMLCheck.check(svg)
        #expect(svg.contains("<title id=\"cb-title\">Tom &amp; Jerry&apos;s &lt;&quot;best&quot;&gt; rates</title>"))
        #expect(svg.contains(">A&amp;B &lt;C&gt;</text>"))
        #expect(!svg.contains("A&B"))
        #expect(SVGDocument.escape("a\u{1}b\nc") == "ab c")
    }
}

@Suite struct SVGLayoutTests {
    @Test func narrowBarChartsKeepAPositivePlot() {
        var chart = ChartSamples.bar
        chart.series[0].points[0].label = String(repeating: "Long authority name ", count: 4)
        let svg = SVGChartRenderer(width: 240, height: 180).render(chart)
        #expect(!svg.contains("width=\"-"))
        #expect(svg.contains(">Long aut…</text>"))
    }
}
