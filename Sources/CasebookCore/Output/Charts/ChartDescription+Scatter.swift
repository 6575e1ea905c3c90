// Scatter charts in words: how many points, the range of each axis, and the
// direction of the relationship with Pearson's r, described cautiously.

extension ChartDescription {
    static func scatterSentences(_ chart: Chart) -> [String] {
        let pairs = chart.series.flatMap(\.points).compactMap { p -> (x: Double, y: Double)? in
            guard let y = p.y, y.isFinite, p.x.isFinite else { return nil }
            return (p.x, y)
        }
        guard let xMin = pairs.map(\.x).min(), let xMax = pairs.map(\.x).max(),
            let yMin = pairs.map(\.y).min(), let yMax = pairs.map(\.y).max()
        else { return [] }
        let x = chart.xLabel
        let y = chart.yLabel
        let xCap = ChartNumberFormat.cap(forMagnitude: max(xMin.magnitude, xMax.magnitude))
        let xGrouping = chart.xGrouping
        let xText = { (v: Double) in ChartNumberFormat.single(v, cap: xCap, grouping: xGrouping) }
        var out = ["It has \(Messages.plural(pairs.count, "point")) of \(y) against \(x)."]
        out.append(
            "\(x) runs from \(xText(xMin)) to \(xText(xMax)); "
                + "\(y) from \(number(yMin, in: chart)) to \(number(yMax, in: chart)).")
        if let r = ChartStatistics.pearson(pairs) {
            let rText = "Pearson r = " + NumberText.fixed(r, decimals: 2)
            if r.magnitude < 0.1 {
                out.append("There is no clear straight-line relationship between \(x) and \(y) (\(rText)).")
            } else {
                let way = r > 0 ? "higher" : "lower"
                out.append(
                    "Higher \(x) tends to go with \(way) \(y): a \(ChartStatistics.strength(r)) relationship (\(rText))."
                )
            }
        }
        return out
    }
}
