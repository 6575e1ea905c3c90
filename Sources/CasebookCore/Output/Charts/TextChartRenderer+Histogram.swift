// Histograms as text: one row per bin, labelled "low–high" from the chart's bin
// edges (aligned on the dash), a bar, and the count.

extension TextChartRenderer {
    func histogramLines(_ chart: Chart) -> [String] {
        let points = chart.series[0].points
        let edges = chart.binEdges
        var labels: [String]
        if edges.count == points.count + 1 {
            let format = ChartNumberFormat(values: edges)
            let lows = edges.dropLast().map(format.text)
            let highs = edges.dropFirst().map(format.text)
            let lowW = lows.map { DisplayWidth.of($0) }.max() ?? 0
            let dash = unicode ? "–" : "-"
            labels = zip(lows, highs).map { DisplayWidth.pad($0, to: lowW, right: true) + dash + $1 }
        } else {
            labels = points.map(\.label)
        }
        let counts = ChartNumberFormat(values: points.compactMap(\.y))
        let rows = zip(labels, points).map { label, p in
            BarRow(label: label, series: nil, value: p.y, reason: p.reason, valueText: p.y.map(counts.text) ?? "")
        }
        return barRowLines(rows)
    }
}
