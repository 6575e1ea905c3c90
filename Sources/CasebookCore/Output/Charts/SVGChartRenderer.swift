// Charts as a standalone SVG 1.1 document: title and a words description for
// screen readers, the legend and notes; each kind draws its own plot area.

struct SVGChartRenderer {
    public var width: Int
    var height: Int

    public init(width: Int = 800, height: Int = 450) {
        self.width = max(width, 240)
        self.height = max(height, 180)
    }

    /// The size to draw `chart` at: 800 × 450 (16:9, a slide or half a report
    /// page), except bars, which get the height their number needs, so that
    /// five bars are not stretched and 150 are not crushed.
    static func sized(for chart: Chart) -> SVGChartRenderer {
        guard chart.kind == .bar else { return SVGChartRenderer() }
        let labels = Set(chart.series.flatMap { $0.points.map(\.label) }).count
        let rows = labels * max(1, chart.series.count)
        let legend = chart.series.count > 1 ? 24 : 0
        return SVGChartRenderer(width: 800, height: min(4000, max(200, 110 + legend + rows * 22 + (chart.series.count > 1 ? labels * 6 : 0))))
    }

    /// A rectangle in pixels, from the top left.
    struct Box {
        var left: Double
        var top: Double
        var right: Double
        var bottom: Double
        var width: Double { right - left }
        var height: Double { bottom - top }
    }

    public func render(_ chart: Chart) -> String {
        var doc = SVGDocument()
        let w = Double(width)
        let h = Double(height)
        let title = chart.title.isEmpty ? "\(chart.yLabel) by \(chart.xLabel)" : chart.title
        doc.add("title", [("id", "cb-title")], text: title)
        doc.add("desc", [("id", "cb-desc")], text: ChartDescription.describe(chart))
        if chart.kind == .bar { SVGStyle.patternDefinitions(series: chart.series.count, into: &doc) }
        doc.add("rect", [("width", "100%"), ("height", "100%"), ("fill", "white")])
        doc.text(title, x: 16, y: 26, extra: [("font-size", "16"), ("font-weight", "bold")])
        var top = 40.0
        if needsLegend(chart) { top = legend(chart, top: top, into: &doc) }
        var bottom = h - 46
        if let note = note(chart) {
            doc.text(note, x: 16, y: h - 10, extra: [("fill", SVGStyle.muted)])
            bottom -= 16
        }
        // Room above the plot for the y axis name.
        let box = Box(left: 16, top: top + 22, right: w - 20, bottom: bottom)
        if !chart.series.contains(where: { !$0.points.isEmpty }) {
            doc.text("Nothing to chart", x: w / 2, y: h / 2, anchor: "middle", extra: [("fill", SVGStyle.muted)])
        } else {
            switch chart.kind {
            case .bar: drawBars(chart, in: box, into: &doc)
            case .line: drawLines(chart, in: box, into: &doc)
            case .histogram: drawHistogram(chart, in: box, into: &doc)
            case .scatter: drawScatter(chart, in: box, into: &doc)
            }
        }
        let n = SVGDocument.n
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"\(width)\" height=\"\(height)\" "
            + "viewBox=\"0 0 \(n(w)) \(n(h))\" role=\"img\" aria-labelledby=\"cb-title cb-desc\" "
            + "font-family=\"sans-serif\" font-size=\"12\" fill=\"\(SVGStyle.ink)\">\n"
            + doc.lines.joined(separator: "\n") + "\n</svg>\n"
    }

    func needsLegend(_ chart: Chart) -> Bool {
        switch chart.kind {
        case .line: return true
        case .bar, .scatter: return chart.series.count > 1
        case .histogram: return false
        }
    }

    /// The note under the chart: points counted (scatter) and values left out.
    func note(_ chart: Chart) -> String? {
        let left = ChartText.skippedTotal(chart.skipped)
        if chart.kind == .scatter {
            let n = chart.series.flatMap(\.points).filter { $0.y?.isFinite ?? false }.count
            return Messages.plural(n, "point")
                + (left > 0 ? "; \(NumberText.grouped(left)) left out: \(ChartText.reasons(chart.skipped))" : "")
        }
        return left > 0 ? "left out: " + ChartText.reasons(chart.skipped) : nil
    }

    /// One entry per series (marker and line, or a bar swatch), wrapped into
    /// rows; returns the y below the legend.
    func legend(_ chart: Chart, top: Double, into doc: inout SVGDocument) -> Double {
        doc.open("g", [("class", "legend")])
        var x = 16.0
        var y = top + 10
        for (i, s) in chart.series.enumerated() {
            let name = ChartText.seriesName(s, in: chart) + (s.isReference ? " (reference)" : "")
            let entryWidth = 30 + SVGDocument.textWidth(name) + 18
            if x > 16, x + entryWidth > Double(width) - 16 {
                x = 16
                y += 20
            }
            switch chart.kind {
            case .bar:
                doc.add(
                    "rect",
                    [
                        ("x", SVGDocument.n(x)), ("y", SVGDocument.n(y - 6)), ("width", "22"), ("height", "12"),
                        ("fill", SVGStyle.barFill(i)), ("stroke", SVGStyle.colour(i)),
                    ])
            case .line:
                let style = SVGStyle.lineStyle(chart, i)
                doc.line(x1: x, y1: y, x2: x + 22, y2: y, stroke: style.colour, extra: [("stroke-width", style.width)] + style.dash)
                SVGStyle.marker(i, x: x + 11, y: y, size: s.isReference ? 3 : 4, colour: style.colour, title: nil, into: &doc)
            default:
                SVGStyle.marker(i, x: x + 11, y: y, title: nil, into: &doc)
            }
            doc.text(name, x: x + 28, y: y + 4)
            x += entryWidth
        }
        doc.close("g")
        return y + 12
    }
}
