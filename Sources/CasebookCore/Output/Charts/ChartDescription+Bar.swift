// Bar charts in words: per series the highest and lowest categories with their
// values, how many bars, and which have no value and why.

extension ChartDescription {
    static func barSentences(_ chart: Chart) -> [String] {
        var out: [String] = []
        let categories = Set(chart.series.flatMap { $0.points.map(\.label) }).count
        out.append("It has \(Messages.plural(categories, "bar")) of \(chart.yLabel), one per \(chart.xLabel).")
        let several = chart.series.count > 1
        for s in chart.series {
            let present = s.points.filter { $0.y?.isFinite ?? false }
            let lead = several ? "For \(ChartText.seriesName(s, in: chart)), the" : "The"
            if let hi = present.max(by: { $0.y! < $1.y! }), let lo = present.min(by: { $0.y! < $1.y! }) {
                if present.count == 1 {
                    out.append("\(lead) only value is \(hi.label), \(number(hi.y!, in: chart)).")
                } else {
                    out.append(
                        "\(lead) highest is \(hi.label), \(number(hi.y!, in: chart)); "
                            + "the lowest is \(lo.label), \(number(lo.y!, in: chart)).")
                }
            }
            if let g = gaps(s.points) {
                out.append(
                    several ? "\(ChartText.seriesName(s, in: chart)) has no value for \(g)." : "No value for \(g).")
            }
        }
        if !chart.highlighted.isEmpty {
            out.append("Highlighted: \(Messages.andList(chart.highlighted.sorted())).")
        }
        if !chart.references.isEmpty {
            let lines = chart.references.map { "\($0.name), \(number($0.value, in: chart))" }
            out.append("\(chart.references.count == 1 ? "A line across the bars marks" : "Lines across the bars mark") \(Messages.andList(lines)).")
        }
        return out
    }
}
