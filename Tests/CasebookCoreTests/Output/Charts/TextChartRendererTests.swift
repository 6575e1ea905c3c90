// The text renderer: exact bar charts in Unicode and ASCII, negative and missing
// bars, line and scatter axes, legends, gaps, and the width limit.

import Testing

@testable import CasebookCore

@Suite struct TextChartRendererTests {
    static let small = Chart(
        kind: .bar, title: "Small", xLabel: "name", yLabel: "value",
        series: [
            Chart.Series(
                name: "value",
                points: [
                    Chart.Point(x: 0, y: 10, label: "Alpha"),
                    Chart.Point(x: 1, y: 5, label: "Beta"),
                    Chart.Point(x: 2, y: nil, reason: .confidential, label: "Gamma"),
                ])
        ], skipped: [.confidential: 1])

    static let all = [
        ChartSamples.bar, ChartSamples.negative, ChartSamples.twoSeriesBar, ChartSamples.line, ChartSamples.histogram,
        ChartSamples.scatter, small,
    ]

    func lines(_ s: String) -> [Substring] { s.split(separator: "\n", omittingEmptySubsequences: false).dropLast() }

    @Test func smallBarChartInUnicode() {
        let out = TextChartRenderer(width: 30, unicode: true).render(Self.small)
        #expect(
            out == """
                Small
                Alpha █████████████████████ 10
                Beta  ██████████▌ 5
                Gamma c
                left out: 1 c

                """)
    }

    @Test func smallBarChartInASCII() {
        let out = TextChartRenderer(width: 30, unicode: false).render(Self.small)
        #expect(
            out == """
                Small
                Alpha ##################### 10
                Beta  ########### 5
                Gamma c
                left out: 1 c

                """)
    }

    @Test func negativeBarsExtendLeftOfAZeroAxis() {
        let out = TextChartRenderer(width: 40, unicode: true).render(ChartSamples.negative)
        #expect(
            out == """
                Change in caseload
                Reading            │██████████████▊ 4.0
                Slough    █████████│ -2.5
                Bracknell          │ 0.0
                Wokingham          │ no value

                """)
        let ascii = TextChartRenderer(width: 40, unicode: false).render(ChartSamples.negative)
        #expect(ascii.contains("Slough    #########| -2.5\n"))
        #expect(ascii.contains("Reading            |###############"))
    }

    @Test func missingValuesShowTheirMarkerAndAreCounted() {
        let out = TextChartRenderer(width: 80, unicode: true).render(ChartSamples.bar)
        #expect(out.contains("Windsor and Maidenhead c\n"))
        #expect(out.hasSuffix("left out: 1 c\n"))
        let chart = Chart(
            kind: .bar, title: "t", xLabel: "x", yLabel: "y",
            series: [
                Chart.Series(
                    name: "y",
                    points: [
                        Chart.Point(x: 0, y: 3, label: "a"),
                        Chart.Point(x: 1, y: nil, reason: .divisionByZero, label: "b"),
                        Chart.Point(x: 2, y: nil, reason: .empty, label: "c"),
                    ])
            ], skipped: [.divisionByZero: 1, .empty: 1])
        let u = TextChartRenderer(width: 30, unicode: true).render(chart)
        #expect(u.contains("b ÷0\n"))
        #expect(u.contains("c no value\n"))
        // A long note wraps rather than being cut.
        #expect(u.hasSuffix("left out: 1 empty, 1 division\n  by zero\n"))
        #expect(TextChartRenderer(width: 30, unicode: false).render(chart).contains("b /0\n"))
    }

    @Test func severalSeriesGroupRowsPerCategory() {
        let out = TextChartRenderer(width: 50, unicode: true).render(ChartSamples.twoSeriesBar)
        let rows = lines(out)
        #expect(rows[1].hasPrefix("Reading referrals   █"))
        #expect(rows[1].hasSuffix(" 3,078"))
        #expect(rows[2].hasPrefix("        rereferrals █"))
        #expect(rows[3].hasPrefix("Slough  referrals   █"))
        #expect(rows[4] == "        rereferrals c")
    }

    @Test func histogramRowsAreLabelledByBinEdges() {
        let out = TextChartRenderer(width: 40, unicode: true).render(ChartSamples.histogram)
        let rows = lines(out)
        #expect(rows[1].hasPrefix("10–15 █"))
        #expect(rows[3].hasPrefix("20–25 █") && rows[3].hasSuffix(" 80"))
        #expect(rows.last == "left out: 3 x, 1 c")
        #expect(TextChartRenderer(width: 40, unicode: false).render(ChartSamples.histogram).contains("\n30-35 # 3\n"))
    }

    @Test func lineChartHasYTicksXLabelsAndALegend() {
        let out = TextChartRenderer(width: 60, unicode: true).render(ChartSamples.line)
        let rows = lines(out)
        #expect(rows[0] == "Referrals rate per 10,000 children")
        #expect(rows[1] == "referrals_rate")
        // 16 plot rows; ticks at 1,000 (top), 800, 600 and 400 (bottom).
        let plot = rows[2..<18]
        #expect(plot.first!.hasPrefix("1,000 ┤"))
        #expect(plot.last!.hasPrefix("  400 ┤"))
        #expect(plot.filter { $0.contains("┤") }.count >= 3)
        #expect(plot.contains { $0.hasPrefix("  800 ┤") })
        #expect(rows[18].hasPrefix("      └┬"))
        #expect(rows[19].hasPrefix("       2015 "))
        #expect(rows[19].hasSuffix("2024"))
        #expect(rows[20].hasSuffix("year"))
        #expect(rows[21] == "● Reading  ○ England")
        #expect(rows[22] == "left out: 2 x")
        let ascii = TextChartRenderer(width: 60, unicode: false).render(ChartSamples.line)
        #expect(ascii.contains("\n* Reading  o England\n"))
        #expect(ascii.contains("\n1,000 +"))
    }

    @Test func xLabelsDoNotOverlap() {
        for width in [30, 40, 60, 80] {
            let rows = lines(TextChartRenderer(width: width, height: 8, unicode: true).render(ChartSamples.line))
            let labels = rows[11].split(separator: " ")
            #expect(labels.first == "2015" && labels.last == "2024", "width \(width): \(rows[11])")
            #expect(labels.count >= 3, "width \(width): \(rows[11])")
        }
    }

    @Test func aMissingPointBreaksTheLine() {
        let chart = Chart(
            kind: .line, title: "gap", xLabel: "year", yLabel: "n",
            series: [
                Chart.Series(
                    name: "A",
                    points: ChartSamples.years([(2020, 10), (2021, 10), (2022, nil), (2023, 10), (2024, 10)]))
            ])
        let rows = lines(TextChartRenderer(width: 30, height: 4, unicode: true).render(chart))
        let row = rows.first { $0.contains("●") }!
        let plot = row.split(separator: "┤", maxSplits: 1).last ?? row.split(separator: "│", maxSplits: 1).last!
        // Two joined pairs with blank cells between them where 2022 has no value.
        #expect(plot.filter { $0 == "●" }.count == 4)
        let segments = plot.split(separator: " ", omittingEmptySubsequences: true)
        #expect(segments.count == 2, "\(plot)")
        #expect(!rows.contains { $0.hasPrefix("left out") })
    }

    @Test func lineScaleStartsAtZeroOnlyWhenTheMinimumIsNearIt() {
        let near = TextChartRenderer.lineScale([20, 150])
        #expect(near.low == 0 && near.high == 150)
        let far = TextChartRenderer.lineScale([465.1, 886.2])
        #expect(far.low == 400 && far.high == 1000 && far.step == 200)
        let negative = TextChartRenderer.lineScale([-3, 7])
        #expect(negative.low == -5 && negative.high == 10)
        #expect(AxisScale(minimum: 5, maximum: 5).ticks.count >= 3)
    }

    @Test func scatterHasAxisNamesAndAFooter() {
        let out = TextChartRenderer(width: 50, height: 10, unicode: true).render(ChartSamples.scatter)
        let rows = lines(out)
        #expect(rows[1] == "turnover_pct")
        #expect(rows.contains { $0.hasSuffix("caseload") })
        #expect(rows.last == "40 points; 3 left out: 2 c, 1 x")
        #expect(!out.contains("\nleft out"))
        #expect(out.unicodeScalars.contains { $0.value >= 0x2801 && $0.value <= 0x28FF })
        let ascii = TextChartRenderer(width: 50, height: 10, unicode: false).render(ChartSamples.scatter)
        #expect(ascii.contains("*"))
    }

    @Test func noLineIsWiderThanTheWidth() {
        for width in [40, 80, 120] {
            for unicode in [true, false] {
                for chart in Self.all {
                    let out = TextChartRenderer(width: width, unicode: unicode).render(chart)
                    #expect(out.hasSuffix("\n"))
                    for line in lines(out) {
                        #expect(DisplayWidth.of(String(line)) <= width, "\(chart.kind) at \(width): \(line)")
                    }
                    #expect(lines(out).first.map(String.init) == ChartText.fit(chart.title, width, unicode: unicode))
                }
            }
        }
    }

    @Test func asciiOutputIsPlainASCII() {
        var withText = ChartSamples.line
        withText.title = "Referrals – “rates” in Ynys Môn…"
        for chart in Self.all + [withText] {
            for width in [20, 40, 80] {
                let out = TextChartRenderer(width: width, unicode: false).render(chart)
                #expect(out.unicodeScalars.allSatisfy { $0.value < 0x80 }, "\(chart.kind): \(out)")
            }
        }
    }

    @Test func longLabelsAreCut() {
        let out = TextChartRenderer(width: 40, unicode: true).render(ChartSamples.bar)
        #expect(out.contains("Windsor and … c\n"))
        #expect(TextChartRenderer(width: 40, unicode: false).render(ChartSamples.bar).contains("Windsor an... c\n"))
    }

    @Test func emptyChartsSaySo() {
        let chart = Chart(kind: .line, title: "Nothing", xLabel: "year", yLabel: "n", series: [])
        #expect(TextChartRenderer(width: 40, unicode: true).render(chart) == "Nothing\n(nothing to chart)\n")
    }
}
