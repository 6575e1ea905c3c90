// Charts from the engine's point of view. Until the chart renderers land, a
// chart is shown as the table of its points.

extension Engine {
    func deliver(_ chart: Chart, notes: [String], path: String?) -> String {
        var labels = TextColumnBuilder(), names = TextColumnBuilder()
        var values: [Value] = []
        for s in chart.series {
            for p in s.points {
                names.append(s.name)
                labels.append(p.label)
                values.append(p.y.map { .decimal($0) } ?? .missing(p.reason))
            }
        }
        let table = Table(columns: [
            Column(name: "series", data: names.finish()), Column(name: chart.xLabel, data: labels.finish()),
            Column.fromValues(values, name: chart.yLabel),
        ])
        return deliver(table, header: [chart.title], notes: notes)
    }
}
