// Line charts in words: per series the first and last values, the direction, a
// peak or trough between, the gaps; then the last values compared.

extension ChartDescription {
    static func lineSentences(_ chart: Chart) -> [String] {
        var out: [String] = []
        let names = chart.series.map { ChartText.seriesName($0, in: chart) }
        let named = chart.series.filter { !$0.name.isEmpty && $0.name != chart.yLabel }
        let references = zip(chart.series, names).filter { $0.0.isReference }.map(\.1)
        if !references.isEmpty {
            let drawn = zip(chart.series, names).filter { !$0.0.isReference }.map(\.1)
            out.append(
                "It shows \(chart.yLabel) by \(chart.xLabel) for \(ChartText.list(drawn)), with "
                    + "\(references.count == 1 ? "a dashed reference line" : "dashed reference lines") for \(ChartText.list(references)).")
        } else if !named.isEmpty {
            out.append("It shows \(chart.yLabel) by \(chart.xLabel) for \(ChartText.list(names)).")
        }
        let sorted = chart.series.map { s in s.points.sorted { $0.x < $1.x } }
        for (s, points) in zip(chart.series, sorted) {
            out += seriesSentences(s, points: points, in: chart)
        }
        if chart.series.count > 1, let c = comparison(chart, sorted: sorted) { out.append(c) }
        return out
    }

    /// "Reading's referrals_rate", or the measure alone for an unnamed series.
    static func subject(_ s: Chart.Series, in chart: Chart) -> String {
        s.name.isEmpty || s.name == chart.yLabel ? chart.yLabel : ChartText.possessive(s.name) + " " + chart.yLabel
    }

    static func seriesSentences(_ s: Chart.Series, points: [Chart.Point], in chart: Chart) -> [String] {
        var out: [String] = []
        let present = points.filter { $0.y?.isFinite ?? false }
        let subject = subject(s, in: chart)
        let num = { (v: Double) in number(v, in: chart) }
        if let first = present.first, let last = present.last {
            let a = num(first.y!)
            let b = num(last.y!)
            if present.count == 1 {
                out.append("\(subject) was \(a) in \(first.label).")
            } else if a == b {
                out.append("\(subject) was unchanged at \(a) from \(first.label) to \(last.label).")
            } else {
                let verb = last.y! > first.y! ? "rose" : "fell"
                out.append("\(subject) \(verb) from \(a) in \(first.label) to \(b) in \(last.label).")
            }
            // A peak or trough between the ends (the first of equal values).
            var between: [String] = []
            if present.count > 2 {
                let inner = present.dropFirst().dropLast()
                let ends = [first.y!, last.y!]
                if let peak = inner.max(by: { $0.y! < $1.y! }), peak.y! > ends.max()! {
                    between.append("peaked at \(num(peak.y!)) in \(peak.label)")
                }
                if let trough = inner.min(by: { $0.y! < $1.y! }), trough.y! < ends.min()! {
                    between.append("was lowest at \(num(trough.y!)) in \(trough.label)")
                }
            }
            if !between.isEmpty { out.append("It " + between.joined(separator: " and ") + ".") }
        }
        let who = s.name.isEmpty || s.name == chart.yLabel ? "There is" : "\(s.name) has"
        if present.isEmpty {
            out.append("\(who) no value" + (gaps(points).map { " for \($0)" } ?? "") + ".")
        } else if let g = gaps(points) {
            out.append("\(who) no value for \(g).")
        }
        return out
    }

    /// "In 2024 it was 791.7 for Reading, against 518.3 for England": the first
    /// series' last value against the others' at the same x.
    static func comparison(_ chart: Chart, sorted: [[Chart.Point]]) -> String? {
        guard let last = sorted[0].last(where: { $0.y?.isFinite ?? false }) else { return nil }
        var others: [String] = []
        for (s, points) in zip(chart.series, sorted).dropFirst() {
            let name = ChartText.seriesName(s, in: chart)
            if let p = points.first(where: { $0.x == last.x }), let y = p.y, y.isFinite {
                others.append("\(number(y, in: chart)) for \(name)")
            }
        }
        guard !others.isEmpty else { return nil }
        return
            "In \(last.label) it was \(number(last.y!, in: chart)) for \(ChartText.seriesName(chart.series[0], in: chart)), "
            + "against \(ChartText.list(others))."
    }
}
