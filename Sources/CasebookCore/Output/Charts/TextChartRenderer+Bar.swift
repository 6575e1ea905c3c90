// Bar charts as text: one row per category of the first series, or, with several
// series, a group of rows per category with one row per series.

extension TextChartRenderer {
    func barLines(_ chart: Chart) -> [String] {
        let format = ChartNumberFormat(values: chart.series.flatMap(\.points).compactMap(\.y))
        func row(_ p: Chart.Point?, label: String, series: String?, index: Int = 0) -> BarRow {
            BarRow(
                label: label, series: series, value: p?.y, reason: p?.reason ?? .noMatch,
                valueText: p?.y.map(format.text) ?? "", highlighted: p.map { chart.highlighted.contains($0.label) } ?? false,
                seriesIndex: index)
        }
        if chart.series.count == 1 {
            let lines = barRowLines(
                chart.series[0].points.map { row($0, label: $0.label, series: nil) }, references: chart.references)
            // What each line across the bars stands for.
            let key = chart.references.enumerated().map { i, r in "\(referenceGlyph(i)) \(r.name) \(format.text(r.value))" }
            return lines + (key.isEmpty ? [] : ChartText.wrap(key.joined(separator: "   "), width))
        }
        // Categories in the order they first appear, across the series.
        var categories: [String] = []
        var seen: Set<String> = []
        for s in chart.series {
            for p in s.points where seen.insert(p.label).inserted { categories.append(p.label) }
        }
        var rows: [BarRow] = []
        for category in categories {
            for (i, s) in chart.series.enumerated() {
                let p = s.points.first { $0.label == category }
                rows.append(row(p, label: i == 0 ? category : "", series: ChartText.seriesName(s, in: chart), index: i))
            }
        }
        return barRowLines(rows)
    }
}
