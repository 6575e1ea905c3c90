// Line charts as text: each series' points as its marker on a braille canvas,
// joined by dots (dashed for a reference line such as England's), broken at
// missing values; y ticks, x labels and a legend.

extension TextChartRenderer {
    /// The y axis starts at 0 when every value is 0 or more and the smallest is at
    /// most half the largest; otherwise at the round step at or below the smallest.
    static func lineScale(_ values: [Double]) -> AxisScale {
        let lo = values.min() ?? 0
        let hi = values.max() ?? 0
        return AxisScale(minimum: lo, maximum: hi, target: 4, fromZero: lo >= 0 && lo <= hi / 2)
    }

    func lineLines(_ chart: Chart) -> [String] {
        let series = chart.series.map { s in s.points.sorted { $0.x < $1.x } }
        let values = series.flatMap { $0.compactMap(\.y) }.filter(\.isFinite)
        let xs = series.flatMap { $0.map(\.x) }.filter(\.isFinite)
        guard !values.isEmpty, let xMin = xs.min(), let xMax = xs.max() else {
            return ["(no values to chart)"] + legendLines(chart)
        }
        let scale = Self.lineScale(values)
        let grouping = chart.yGrouping
        let ticks = scale.ticks
        let labels = ticks.map { scale.label($0, grouping: grouping) }
        let labelW = yLabelWidth(labels)
        var canvas = BrailleCanvas(columns: plotColumns(yLabelWidth: labelW), rows: height)
        func dotX(_ x: Double) -> Int {
            xMax == xMin
                ? canvas.dotColumns / 2 : Int(((x - xMin) / (xMax - xMin) * Double(canvas.dotColumns - 1)).rounded())
        }
        func dotY(_ y: Double) -> Int { Int(((1 - scale.fraction(y)) * Double(canvas.dotRows - 1)).rounded()) }

        for (i, points) in series.enumerated() {
            for (a, b) in zip(points, points.dropFirst()) {
                guard let ya = a.y, let yb = b.y, ya.isFinite, yb.isFinite else { continue }
                canvas.line(
                    from: (dotX(a.x), dotY(ya)), to: (dotX(b.x), dotY(yb)), owner: i, dashed: chart.series[i].isReference)
            }
        }
        // Markers last, the first series on top.
        for (i, points) in series.enumerated() {
            for p in points {
                if let y = p.y, y.isFinite { canvas.mark(marker(forSeries: i), atDot: dotX(p.x), dotY(y), owner: i) }
            }
        }
        let yTicks = zip(ticks, labels).map { Tick(position: dotY($0) / 4, label: $1) }
        var xTicks: [Tick] = []
        var seenX: Set<Double> = []
        for p in series.flatMap({ $0 }).sorted(by: { $0.x < $1.x }) where p.x.isFinite && seenX.insert(p.x).inserted {
            xTicks.append(Tick(position: dotX(p.x) / 2, label: p.label))
        }
        return framedPlot(
            canvas, yTicks: yTicks, xTicks: xTicks, yLabelWidth: labelW, yName: chart.yLabel, xName: chart.xLabel)
            + legendLines(chart)
    }
}
