// SVG scatter charts: a circle per point (other shapes for later series), round
// axes on both sides, the point count in the note below.

extension SVGChartRenderer {
    func drawScatter(_ chart: Chart, in box: Box, into doc: inout SVGDocument) {
        let series = chart.series.map { s in s.points.filter { $0.x.isFinite && ($0.y?.isFinite ?? false) } }
        let all = series.flatMap { $0 }
        guard !all.isEmpty else {
            doc.text(
                "No values to chart", x: (box.left + box.right) / 2, y: (box.top + box.bottom) / 2, anchor: "middle")
            return
        }
        let xScale = AxisScale(minimum: all.map(\.x).min()!, maximum: all.map(\.x).max()!)
        let yScale = AxisScale(minimum: all.map { $0.y! }.min()!, maximum: all.map { $0.y! }.max()!)
        let yGrouping = chart.yGrouping
        let xGrouping = chart.xGrouping
        let plot = Box(
            left: plotLeft(box, labels: yScale.ticks.map { yScale.label($0, grouping: yGrouping) }), top: box.top,
            right: box.right, bottom: box.bottom)
        yAxis(yScale, grouping: yGrouping, plot: plot, into: &doc)
        func x(_ v: Double) -> Double { plot.left + xScale.fraction(v) * plot.width }
        func y(_ v: Double) -> Double { plot.bottom - yScale.fraction(v) * plot.height }
        xAxis(xScale.ticks.map { (x($0), xScale.label($0, grouping: xGrouping)) }, plot: plot, into: &doc)
        axisNames(x: chart.xLabel, y: chart.yLabel, plot: plot, into: &doc)
        let xFormat = ChartNumberFormat(values: all.map(\.x), grouping: xGrouping)
        let yFormat = ChartNumberFormat(values: all.map { $0.y! }, grouping: yGrouping)
        for (i, points) in series.enumerated() {
            doc.open("g", [("class", "series"), ("data-series", ChartText.seriesName(chart.series[i], in: chart))])
            for p in points {
                let tip = "\(p.label): \(chart.xLabel) \(xFormat.text(p.x)), \(chart.yLabel) \(yFormat.text(p.y!))"
                SVGStyle.marker(i, x: x(p.x), y: y(p.y!), size: 3.5, title: tip, into: &doc)
            }
            doc.close("g")
        }
    }
}
