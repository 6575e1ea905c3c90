// Axes for the SVG plots: a value axis with gridlines and round tick labels, a
// bottom axis with labels thinned so none overlap, and the axis names.

extension SVGChartRenderer {
    /// Left edge of a plot whose y tick labels are `labels`.
    func plotLeft(_ box: Box, labels: [String]) -> Double {
        box.left + (labels.map { SVGDocument.textWidth($0) }.max() ?? 0) + 10
    }

    /// Horizontal gridlines and labels for `scale` on the left of `plot`.
    func yAxis(_ scale: AxisScale, grouping: Bool, plot: Box, into doc: inout SVGDocument) {
        doc.open("g", [("class", "y-axis")])
        for t in scale.ticks {
            let y = plot.bottom - scale.fraction(t) * plot.height
            doc.line(x1: plot.left, y1: y, x2: plot.right, y2: y, stroke: SVGStyle.grid)
            doc.text(scale.label(t, grouping: grouping), x: plot.left - 6, y: y + 4, anchor: "end")
        }
        doc.line(x1: plot.left, y1: plot.top, x2: plot.left, y2: plot.bottom, stroke: SVGStyle.ink)
        doc.close("g")
    }

    /// The bottom axis: a tick at each position, labels where they fit.
    func xAxis(_ ticks: [(x: Double, label: String)], plot: Box, into doc: inout SVGDocument) {
        doc.open("g", [("class", "x-axis")])
        doc.line(x1: plot.left, y1: plot.bottom, x2: plot.right, y2: plot.bottom, stroke: SVGStyle.ink)
        for t in ticks { doc.line(x1: t.x, y1: plot.bottom, x2: t.x, y2: plot.bottom + 5, stroke: SVGStyle.ink) }
        for t in Self.thinned(ticks) { doc.text(t.label, x: t.x, y: plot.bottom + 18, anchor: "middle") }
        doc.close("g")
    }

    /// The first, the last and every k-th label between, for the smallest k at
    /// which no two overlap.
    static func thinned(_ ticks: [(x: Double, label: String)]) -> [(x: Double, label: String)] {
        guard ticks.count > 2 else { return ticks }
        func clear(_ a: (x: Double, label: String), _ b: (x: Double, label: String)) -> Bool {
            b.x - a.x >= (SVGDocument.textWidth(a.label) + SVGDocument.textWidth(b.label)) / 2 + 8
        }
        for k in 1..<ticks.count {
            var chosen = stride(from: 0, to: ticks.count - 1, by: k).map { ticks[$0] }
            while chosen.count > 1, !clear(chosen.last!, ticks.last!) { chosen.removeLast() }
            chosen.append(ticks.last!)
            if zip(chosen, chosen.dropFirst()).allSatisfy(clear) { return chosen }
        }
        return [ticks[0]]
    }

    /// The y name above the plot's top left, the x name under the axis at the right.
    func axisNames(x: String, y: String, plot: Box, into doc: inout SVGDocument) {
        if !y.isEmpty { doc.text(y, x: plot.left, y: plot.top - 10, extra: [("font-weight", "bold")]) }
        if !x.isEmpty {
            doc.text(x, x: plot.right, y: plot.bottom + 36, anchor: "end", extra: [("font-weight", "bold")])
        }
    }
}
