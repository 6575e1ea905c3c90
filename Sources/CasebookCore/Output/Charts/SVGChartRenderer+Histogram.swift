// SVG histograms: adjacent vertical bars over the bin edges, counts on a y axis
// from zero, edges labelled along the bottom.

extension SVGChartRenderer {
    func drawHistogram(_ chart: Chart, in box: Box, into doc: inout SVGDocument) {
        let points = chart.series[0].points
        let counts = points.map { $0.y.flatMap { $0.isFinite ? $0 : nil } ?? 0 }
        let scale = AxisScale(minimum: 0, maximum: counts.max() ?? 0, fromZero: true)
        let grouping = chart.yGrouping
        let plot = Box(
            left: plotLeft(box, labels: scale.ticks.map { scale.label($0, grouping: grouping) }), top: box.top,
            right: box.right, bottom: box.bottom)
        yAxis(scale, grouping: grouping, plot: plot, into: &doc)
        // Bins sit between their edges; without edges, side by side in order.
        let edges =
            chart.binEdges.count == points.count + 1
            ? chart.binEdges : points.indices.map(Double.init) + [Double(points.count)]
        let first = edges.first!
        let last = edges.last!
        func x(_ e: Double) -> Double {
            last == first ? plot.left : plot.left + (e - first) / (last - first) * plot.width
        }
        func y(_ v: Double) -> Double { plot.bottom - scale.fraction(v) * plot.height }
        let edgeFormat = ChartNumberFormat(values: edges, grouping: chart.xGrouping)
        let dash = "–"
        doc.open("g", [("class", "bars")])
        for (i, p) in points.enumerated() {
            let label =
                chart.binEdges.count == points.count + 1
                ? edgeFormat.text(edges[i]) + dash + edgeFormat.text(edges[i + 1]) : p.label
            guard let v = p.y, v.isFinite else {
                doc.text(
                    ChartText.marker(p.reason, unicode: true), x: (x(edges[i]) + x(edges[i + 1])) / 2,
                    y: plot.bottom - 6,
                    anchor: "middle", extra: [("fill", SVGStyle.muted), ("font-style", "italic")])
                continue
            }
            doc.add(
                "rect",
                [
                    ("x", SVGDocument.n(x(edges[i]))), ("y", SVGDocument.n(y(v))),
                    ("width", SVGDocument.n(x(edges[i + 1]) - x(edges[i]))),
                    ("height", SVGDocument.n(plot.bottom - y(v))),
                    ("fill", SVGStyle.colour(0)), ("stroke", "white"),
                ],
                title: "\(label): \(ChartNumberFormat.single(v, cap: 1))")
        }
        doc.close("g")
        let ticks =
            chart.binEdges.count == points.count + 1
            ? edges.map { (x($0), edgeFormat.text($0)) }
            : points.indices.map { (x(Double($0) + 0.5), points[$0].label) }
        xAxis(ticks, plot: plot, into: &doc)
        axisNames(x: chart.xLabel, y: chart.yLabel, plot: plot, into: &doc)
    }
}
