// Scatter charts as text: a braille dot per point (ASCII "*"; a marker per series
// when there are several), round axes, and a footer counting points and gaps.

extension TextChartRenderer {
    func scatterLines(_ chart: Chart) -> [String] {
        let series = chart.series.map { s in s.points.filter { $0.x.isFinite && ($0.y?.isFinite ?? false) } }
        let all = series.flatMap { $0 }
        var footer = Messages.plural(all.count, "point")
        if ChartText.skippedTotal(chart.skipped) > 0 {
            footer +=
                "; \(NumberText.grouped(ChartText.skippedTotal(chart.skipped))) left out: "
                + ChartText.reasons(chart.skipped)
        }
        guard !all.isEmpty else { return ["(no values to chart)"] + ChartText.wrap(footer, width) }
        let xScale = AxisScale(minimum: all.map(\.x).min()!, maximum: all.map(\.x).max()!)
        let yScale = AxisScale(minimum: all.map { $0.y! }.min()!, maximum: all.map { $0.y! }.max()!)
        let yTickValues = yScale.ticks
        let yLabels = yTickValues.map { yScale.label($0, grouping: chart.yGrouping) }
        let labelW = yLabelWidth(yLabels)
        var canvas = BrailleCanvas(columns: plotColumns(yLabelWidth: labelW), rows: height)
        func dotX(_ x: Double) -> Int { Int((xScale.fraction(x) * Double(canvas.dotColumns - 1)).rounded()) }
        func dotY(_ y: Double) -> Int { Int(((1 - yScale.fraction(y)) * Double(canvas.dotRows - 1)).rounded()) }

        let several = chart.series.count > 1
        for (i, points) in series.enumerated() {
            for p in points {
                if several {
                    canvas.mark(marker(forSeries: i), atDot: dotX(p.x), dotY(p.y!), owner: i)
                } else if unicode {
                    canvas.dot(dotX(p.x), dotY(p.y!))
                } else {
                    canvas.mark("*", atDot: dotX(p.x), dotY(p.y!))
                }
            }
        }
        let yTicks = zip(yTickValues, yLabels).map { Tick(position: dotY($0) / 4, label: $1) }
        let xGrouping = chart.xGrouping
        let xTicks = xScale.ticks.map { Tick(position: dotX($0) / 2, label: xScale.label($0, grouping: xGrouping)) }
        return framedPlot(
            canvas, yTicks: yTicks, xTicks: xTicks, yLabelWidth: labelW, yName: chart.yLabel, xName: chart.xLabel)
            + (several ? legendLines(chart) : []) + ChartText.wrap(footer, width)
    }
}
