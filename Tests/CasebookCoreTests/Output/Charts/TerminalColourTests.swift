// Charts in a colour terminal: each series in its own colour (lines, markers,
// legend, bars), a highlighted bar in another, and nothing else changed: the
// text without its colours is the chart drawn without colour, no wider.

import Testing

@testable import CasebookCore

@Suite struct TerminalColourTests {
    static let blue = "\u{1B}[38;5;25m"
    static let vermilion = "\u{1B}[38;5;166m"

    @Test("lines, markers and the legend take their series' colour; without the colours the chart is unchanged")
    func lineSeriesColours() {
        for width in [40, 80, 120] {
            let plain = TextChartRenderer(width: width, unicode: true).render(ChartSamples.line)
            let coloured = TextChartRenderer(width: width, unicode: true, colour: true).render(ChartSamples.line)
            #expect(coloured.contains(Self.blue) && coloured.contains(Self.vermilion))
            #expect(TerminalColour.stripped(coloured) == plain)
            for line in coloured.split(separator: "\n") { #expect(TerminalColour.visibleWidth(String(line)) <= width) }
        }
    }

    @Test("bars take their series' colour, a highlighted bar its own")
    func barColours() {
        let two = TextChartRenderer(width: 60, unicode: true, colour: true).render(ChartSamples.twoSeriesBar)
        #expect(two.contains(Self.blue) && two.contains(Self.vermilion))
        #expect(TerminalColour.stripped(two) == TextChartRenderer(width: 60, unicode: true).render(ChartSamples.twoSeriesBar))
        var picked = ChartSamples.bar
        picked.highlighted = [picked.series[0].points[0].label]
        let out = TextChartRenderer(width: 60, unicode: true, colour: true).render(picked)
        #expect(out.contains("\u{1B}[38;5;124m"))
        #expect(out.contains("▶ " + picked.series[0].points[0].label))
    }

    @Test("a colour terminal's escapes take no columns")
    func escapesTakeNoColumns() {
        #expect(TerminalColour.visibleWidth(TerminalColour.paint("●●", series: 3)) == 2)
        #expect(TerminalColour.stripped("a\u{1B}[38;5;25mb\u{1B}[0mc") == "abc")
    }
}
