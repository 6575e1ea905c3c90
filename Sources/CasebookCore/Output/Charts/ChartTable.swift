// A chart's figures as a table, for a workbook's sheet: a row per category
// or x value and a column per series (bars and lines), bins and counts
// (histograms), or the points (scatter). Missing points keep their reason.

enum ChartTable {
    static func make(_ chart: Chart) -> Table {
        var table: Table
        switch chart.kind {
        case .bar, .line: table = byLabel(chart)
        case .histogram: table = bins(chart)
        case .scatter: table = points(chart)
        }
        table.sources = chart.sources
        return table
    }

    private static func byLabel(_ chart: Chart) -> Table {
        var labels: [String] = []
        var seen = Set<String>()
        for s in chart.series { for p in s.points where seen.insert(p.label).inserted { labels.append(p.label) } }
        var label = TextColumnBuilder(capacity: labels.count)
        for l in labels { label.append(l) }
        var columns = [Column(name: chart.xLabel, data: label.finish())]
        for s in chart.series {
            let byName = Dictionary(s.points.map { ($0.label, $0) }, uniquingKeysWith: { a, _ in a })
            var values: [Double] = []
            var mask: [UInt8] = []
            for l in labels {
                let p = byName[l]
                values.append(p?.y ?? 0)
                mask.append(p?.y != nil ? 0 : (p?.reason ?? .noMatch).rawValue)
            }
            let name = chart.series.count == 1 ? chart.yLabel : s.name
            columns.append(Column(name: name, data: .decimal(values), missing: mask).measuring(chart.yUnit))
        }
        return Table(columns: columns)
    }

    private static func bins(_ chart: Chart) -> Table {
        let counts = chart.series.first?.points.map { $0.y ?? 0 } ?? []
        let n = min(counts.count, max(0, chart.binEdges.count - 1))
        return Table(columns: [
            Column(name: "from", data: .decimal(Array(chart.binEdges.prefix(n)))).measuring(chart.xUnit),
            Column(name: "to", data: .decimal(Array(chart.binEdges.dropFirst().prefix(n)))).measuring(chart.xUnit),
            Column(name: "count", data: .integer(counts.prefix(n).map { Int64($0) })),
        ])
    }

    private static func points(_ chart: Chart) -> Table {
        var label = TextColumnBuilder()
        var xs: [Double] = []
        var ys: [Double] = []
        var mask: [UInt8] = []
        for s in chart.series {
            for p in s.points {
                label.append(p.label.isEmpty ? s.name : p.label)
                xs.append(p.x)
                ys.append(p.y ?? 0)
                mask.append(p.y == nil ? p.reason.rawValue : 0)
            }
        }
        return Table(columns: [
            Column(name: "label", data: label.finish()),
            Column(name: chart.xLabel, data: .decimal(xs)).measuring(chart.xUnit),
            Column(name: chart.yLabel, data: .decimal(ys), missing: mask).measuring(chart.yUnit),
        ])
    }
}
