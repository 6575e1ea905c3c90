// Histograms in words: how many values, the range the bins cover, and the
// fullest bin (or bins, when tied).

extension ChartDescription {
    static func histogramSentences(_ chart: Chart) -> [String] {
        let points = chart.series.first?.points ?? []
        let counts = points.map { $0.y.flatMap { $0.isFinite ? $0 : nil } ?? 0 }
        let total = counts.reduce(0, +)
        let edges = chart.binEdges
        let format = ChartNumberFormat(values: edges, grouping: chart.xGrouping)
        func bin(_ i: Int) -> String {
            edges.count == points.count + 1
                ? "\(format.text(edges[i])) to \(format.text(edges[i + 1]))" : points[i].label
        }
        var out: [String] = []
        let totalText = ChartNumberFormat.single(total, cap: 1)
        var first =
            "It counts \(totalText) \(total == 1 ? "value" : "values") of \(chart.xLabel) in \(Messages.plural(points.count, "bin"))"
        if edges.count == points.count + 1, let lo = edges.first, let hi = edges.last {
            first += " from \(format.text(lo)) to \(format.text(hi))"
        }
        out.append(first + ".")
        if let top = counts.max(), top > 0 {
            let fullest = counts.indices.filter { counts[$0] == top }
            let n = ChartNumberFormat.single(top, cap: 1)
            if fullest.count == 1 {
                out.append("The fullest bin is \(bin(fullest[0])), with \(n) \(top == 1 ? "value" : "values").")
            } else {
                out.append(
                    "The fullest bins are \(ChartText.list(fullest.map(bin))), with \(n) \(top == 1 ? "value" : "values") each."
                )
            }
        }
        return out
    }
}
