// SVG line charts: a polyline per run of present values (broken at gaps), a
// marker shape and dash pattern per series, x labels from the data; reference
// lines (England, the neighbours' mean) dashed in grey.

extension SVGChartRenderer {
    func drawLines(_ chart: Chart, in box: Box, into doc: inout SVGDocument) {
        let series = chart.series.map { s in s.points.sorted { $0.x < $1.x } }
        let values = series.flatMap { $0.compactMap(\.y) }.filter(\.isFinite)
        let scale = TextChartRenderer.lineScale(values)
        let grouping = chart.yGrouping
        let plot = Box(
            left: plotLeft(box, labels: scale.ticks.map { scale.label($0, grouping: grouping) }), top: box.top,
            right: box.right, bottom: box.bottom)
        yAxis(scale, grouping: grouping, plot: plot, into: &doc)
        axisNames(x: chart.xLabel, y: chart.yLabel, plot: plot, into: &doc)
        let xs = series.flatMap { $0.map(\.x) }.filter(\.isFinite)
        let xMin = xs.min() ?? 0
        let xMax = xs.max() ?? 0
        // Keep the end markers off the axis.
        let inner = Box(left: plot.left + 12, top: plot.top, right: plot.right - 12, bottom: plot.bottom)
        func x(_ v: Double) -> Double {
            xMax == xMin ? (inner.left + inner.right) / 2 : inner.left + (v - xMin) / (xMax - xMin) * inner.width
        }
        func y(_ v: Double) -> Double { plot.bottom - scale.fraction(v) * plot.height }
        var ticks: [(x: Double, label: String)] = []
        var seen: Set<Double> = []
        for p in series.flatMap({ $0 }).sorted(by: { $0.x < $1.x }) where p.x.isFinite && seen.insert(p.x).inserted {
            ticks.append((x(p.x), p.label))
        }
        xAxis(ticks, plot: plot, into: &doc)

        let format = ChartNumberFormat(values: values)
        for (i, points) in series.enumerated().reversed() {
            let name = ChartText.seriesName(chart.series[i], in: chart)
            let style = SVGStyle.lineStyle(chart, i)
            doc.open("g", [("class", chart.series[i].isReference ? "series reference" : "series"), ("data-series", name)])
            var run: [String] = []
            func flush() {
                if run.count > 1 {
                    doc.add(
                        "polyline",
                        [
                            ("points", run.joined(separator: " ")), ("fill", "none"), ("stroke", style.colour),
                            ("stroke-width", style.width),
                        ] + style.dash)
                }
                run = []
            }
            for p in points {
                if let v = p.y, v.isFinite, p.x.isFinite {
                    run.append("\(SVGDocument.n(x(p.x))),\(SVGDocument.n(y(v)))")
                } else {
                    flush()
                }
            }
            flush()
            for p in points {
                guard let v = p.y, v.isFinite, p.x.isFinite else { continue }
                SVGStyle.marker(
                    i, x: x(p.x), y: y(v), size: chart.series[i].isReference ? 3 : 4, colour: style.colour,
                    title: "\(name), \(p.label): \(format.text(v))", into: &doc)
            }
            doc.close("g")
        }
    }
}
