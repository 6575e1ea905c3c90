// SVG bar charts: horizontal bars from a zero line, one band per category with a
// bar per series (hatched after the first), values at the bar ends, markers for gaps.

extension SVGChartRenderer {
    func drawBars(_ chart: Chart, in box: Box, into doc: inout SVGDocument) {
        var categories: [String] = []
        var seen: Set<String> = []
        for s in chart.series {
            for p in s.points where seen.insert(p.label).inserted { categories.append(p.label) }
        }
        let values = chart.series.flatMap(\.points).compactMap(\.y).filter(\.isFinite) + chart.references.map(\.value)
        let format = ChartNumberFormat(values: values)
        let lo = values.min() ?? 0
        let hi = values.max() ?? 0
        let scale =
            lo >= 0
            ? AxisScale(minimum: lo, maximum: hi, fromZero: true) : AxisScale(minimum: lo, maximum: max(hi, 0))
        // Category labels take at most 28 characters and a third of the width.
        let labelChars = max(4, min(28, Int(box.width / 3 / SVGDocument.textWidth("x"))))
        let labels = categories.map { ChartText.fit(TableRenderer.singleLine($0), labelChars, unicode: true) }
        let valueWidth = (values.map { SVGDocument.textWidth(format.text($0)) } + [SVGDocument.textWidth("no value")])
            .max()!
        let plot = Box(
            left: box.left + (labels.map { SVGDocument.textWidth($0) }.max() ?? 0) + 10, top: box.top,
            right: box.right - valueWidth - 6, bottom: box.bottom)
        func x(_ v: Double) -> Double { plot.left + scale.fraction(v) * plot.width }
        let zero = x(0)

        // Value gridlines and ticks along the bottom.
        doc.open("g", [("class", "x-axis")])
        let grouping = chart.yGrouping
        for t in scale.ticks {
            doc.line(x1: x(t), y1: plot.top, x2: x(t), y2: plot.bottom, stroke: SVGStyle.grid)
        }
        doc.close("g")
        xAxis(scale.ticks.map { (x($0), scale.label($0, grouping: grouping)) }, plot: plot, into: &doc)
        axisNames(x: chart.yLabel, y: chart.xLabel, plot: plot, into: &doc)

        let band = plot.height / Double(max(categories.count, 1))
        let barHeight = band * 0.8 / Double(max(chart.series.count, 1))
        doc.open("g", [("class", "bars")])
        for (c, category) in categories.enumerated() {
            let bandTop = plot.top + Double(c) * band
            let picked = chart.highlighted.contains(category)
            doc.text(
                labels[c], x: plot.left - 8, y: bandTop + band / 2 + 4, anchor: "end",
                extra: picked ? [("font-weight", "bold")] : [])
            for (i, s) in chart.series.enumerated() {
                let y = bandTop + band * 0.1 + Double(i) * barHeight
                let mid = y + barHeight / 2 + 4
                let name = chart.series.count > 1 ? "\(category), \(ChartText.seriesName(s, in: chart))" : category
                guard let p = s.points.first(where: { $0.label == category }), let v = p.y, v.isFinite else {
                    let reason = s.points.first(where: { $0.label == category })?.reason ?? .noMatch
                    doc.text(
                        ChartText.marker(reason, unicode: true), x: zero + 4, y: mid,
                        extra: [("fill", SVGStyle.muted), ("font-style", "italic")])
                    continue
                }
                let end = x(v)
                doc.add(
                    "rect",
                    [
                        ("x", SVGDocument.n(min(zero, end))), ("y", SVGDocument.n(y)),
                        ("width", SVGDocument.n(abs(end - zero))), ("height", SVGDocument.n(max(barHeight - 1, 1))),
                        ("fill", picked ? SVGStyle.highlight : SVGStyle.barFill(i)),
                        ("stroke", picked ? SVGStyle.highlight : SVGStyle.colour(i)),
                    ],
                    title: "\(name): \(format.text(v))")
                doc.text(format.text(v), x: v < 0 ? zero + 4 : end + 4, y: mid)
            }
        }
        doc.close("g")
        doc.line(x1: zero, y1: plot.top, x2: zero, y2: plot.bottom, stroke: SVGStyle.ink)
        // England and the neighbours' mean: dashed lines across the bars, named above them.
        if !chart.references.isEmpty { doc.open("g", [("class", "references")]) }
        for (i, r) in chart.references.enumerated() {
            let at = x(r.value)
            doc.add(
                "line",
                [
                    ("x1", SVGDocument.n(at)), ("y1", SVGDocument.n(plot.top - 2 - Double(i) * 11)), ("x2", SVGDocument.n(at)),
                    ("y2", SVGDocument.n(plot.bottom)), ("stroke", SVGStyle.ink), ("stroke-width", "1.5"),
                ] + SVGStyle.dash(i + 1), title: "\(r.name): \(format.text(r.value))")
            doc.text(
                "\(r.name) \(format.text(r.value))", x: at + 3, y: plot.top - 4 - Double(i) * 11,
                extra: [("font-size", "10"), ("fill", SVGStyle.ink)])
        }
        if !chart.references.isEmpty { doc.close("g") }
    }
}
