// `chart …`: turns the table so far into a Chart (Output/Charts draws it).
// bar: one bar per row; line: a series per value of `by`, points in x order —
// or, with no columns named, a wide table (such as `compare … years …`) where
// every column named by a number is a point on x and every row a line;
// hist: counts in equal bins; scatter: one point per row.

enum ChartStage {
    /// The chart with what the statement adds: its title (given, or the line a
    /// comparison shows above its table), the highlighted bars.
    static func build(_ table: Table, _ spec: ChartSpec, _ env: StageEnvironment) throws(Diagnostic) -> Chart {
        var chart = try draw(table, spec, env)
        if let title = spec.title {
            chart.title = title
        } else if let header = env.context.preamble.first, chart.kind == .bar {
            chart.title = header
        }
        if !spec.highlight.isEmpty {
            guard chart.kind == .bar else {
                throw Diagnostic(
                    id: .highlightNotBar, message: "`highlight` picks out bars; this is a \(chart.kind.rawValue) chart",
                    span: spec.highlightSpan, help: "draw it with `chart bar LABEL VALUE … highlight \"Reading\"`")
            }
            let labels = chart.series.flatMap { $0.points.map(\.label) }
            for wanted in spec.highlight {
                guard let found = labels.first(where: { $0.lowercased() == wanted.lowercased() }) else {
                    throw Diagnostic(
                        id: .unknownBar, message: "no bar is labelled \"\(wanted)\"", span: spec.highlightSpan,
                        help: Suggestions.didYouMean(wanted, in: labels).map { $0 } ?? "the bars are the values of `\(chart.xLabel)`")
                }
                chart.highlighted.insert(found)
            }
        }
        return chart
    }

    /// Groups of a comparison drawn as reference lines: across its bars, or beside its lines.
    static let referenceGroups = ["England", "neighbours' mean"]

    private static func draw(_ table: Table, _ spec: ChartSpec, _ env: StageEnvironment) throws(Diagnostic) -> Chart {
        let evaluator = env.evaluator(table)
        func numeric(_ ref: NameRef, _ role: String) throws(Diagnostic) -> Column {
            let c = try evaluator.column(ref.name, span: ref.span)
            guard c.type.isNumeric else {
                throw Diagnostic(
                    id: .typeMismatch, message: "the \(role) of a chart must be numbers, but `\(c.name)` holds \(c.type.plural)",
                    span: ref.span)
            }
            try drawable(present(c), "the values of `\(c.name)`", ref.span)
            return c
        }
        func point(_ c: Column, _ r: Int, x: Double, label: String) -> Chart.Point {
            Chart.Point(x: x, y: c.isMissing(at: r) ? nil : c.doubles()![r], reason: c.reason(at: r), label: label)
        }
        switch spec.kind {
        case .bar:
            let labels = try evaluator.column(spec.x!.name, span: spec.x!.span)
            let values = try numeric(spec.y!, "values")
            // Bars start at zero: zero is on the axis too.
            try drawable([0] + present(values), "the values of `\(values.name)`", spec.y!.span)
            let format = ColumnFormat(labels, rows: Array(0..<table.rowCount))
            // A comparison's England and neighbours' mean rows are lines across
            // the bars, so the authorities' bars stand against them.
            var references: [Chart.Reference] = []
            var rows = Array(0..<table.rowCount)
            if let group = table.column(named: "group"), group.type == .text {
                let marked = rows.filter { r in
                    !group.isMissing(at: r) && referenceGroups.contains(group.value(at: r).plainText) && !values.isMissing(at: r)
                }
                if marked.count < rows.count {
                    references = marked.map { Chart.Reference(name: group.value(at: $0).plainText, value: values.doubles()![$0]) }
                    rows.removeAll { marked.contains($0) }
                }
            }
            let points = rows.enumerated().map { i, r in point(values, r, x: Double(i), label: format.text(labels, r)) }
            var chart = Chart(
                kind: .bar, title: "\(values.name) by \(labels.name)", xLabel: labels.name, yLabel: values.name,
                series: [Chart.Series(name: values.name, points: points)], skipped: values.missingCounts()
            ).measuring(x: labels.unit, y: values.unit)
            chart.references = references
            return chart
        case .line:
            guard let xRef = spec.x, let yRef = spec.y else { return try wideLines(table, spec, env) }
            let xs = try numeric(xRef, "x axis")
            let ys = try numeric(yRef, "values")
            var seriesOrder: [String] = []
            var byName: [String: [Chart.Point]] = [:]
            let seriesColumn = try spec.series.map { (ref) throws(Diagnostic) in try evaluator.column(ref.name, span: ref.span) }
            let xFormat = ColumnFormat(xs, rows: Array(0..<table.rowCount))
            for r in 0..<table.rowCount where !xs.isMissing(at: r) {
                let name = seriesColumn.map { $0.value(at: r).plainText } ?? ys.name
                if byName[name] == nil {
                    seriesOrder.append(name)
                    byName[name] = []
                }
                byName[name]!.append(point(ys, r, x: xs.doubles()![r], label: xFormat.text(xs, r)))
            }
            guard seriesOrder.count <= 12 else {
                throw Diagnostic(
                    id: .tooManySeries,
                    message: "this would draw \(seriesOrder.count) lines; a chart can show 12 at most",
                    span: spec.series?.span ?? spec.kindSpan, help: "filter the rows first, e.g. `for \"Reading\", \"England\"`")
            }
            let series = seriesOrder.map { Chart.Series(name: $0, points: byName[$0]!.sorted { $0.x < $1.x }) }
            // A series whose rows are all England's (or all the neighbours' mean's) is a reference line.
            var referenceNames = Set(seriesOrder)
            if seriesColumn != nil, let group = table.column(named: "group"), group.type == .text {
                for r in 0..<table.rowCount where !xs.isMissing(at: r) {
                    if group.isMissing(at: r) || !referenceGroups.contains(group.value(at: r).plainText) {
                        referenceNames.remove(seriesColumn!.value(at: r).plainText)
                    }
                }
            } else {
                referenceNames = []
            }
            return Chart(
                kind: .line, title: "\(ys.name) by \(xs.name)", xLabel: xs.name, yLabel: ys.name,
                series: referencesLast(series, referenceNames), skipped: ys.missingCounts()
            ).measuring(x: xs.unit, y: ys.unit)
        case .histogram:
            let values = try numeric(spec.y!, "values")
            let present = Self.present(values)
            guard let lo = present.min(), let hi = present.max() else {
                throw Diagnostic(id: .noValues, message: "`\(values.name)` has no values to count", span: spec.y!.span)
            }
            let bins = Int(spec.bins ?? Int64(max(5, min(20, Int((Double(present.count).squareRoot()).rounded())))))
            guard bins >= 1, bins <= 100 else {
                throw Diagnostic(id: .badArgument, message: "choose from 1 to 100 bins", span: spec.kindSpan)
            }
            let edges = niceEdges(lo, hi, bins: bins)
            var counts = [Int](repeating: 0, count: edges.count - 1)
            // Up to 100 bins a value: Ctrl-C is answered between blocks of rows.
            for (n, v) in present.enumerated() {
                if n & 4095 == 0 { try env.checkpoint() }
                var k = edges.count - 2
                for i in 0..<(edges.count - 1) where v < edges[i + 1] {
                    k = i
                    break
                }
                counts[k] += 1
            }
            let points = counts.enumerated().map { i, n in
                Chart.Point(x: edges[i], y: Double(n), label: NumberText.shortest(edges[i]))
            }
            return Chart(
                kind: .histogram, title: "\(values.name): how many authorities in each band", xLabel: values.name,
                yLabel: "count", series: [Chart.Series(name: values.name, points: points)], binEdges: edges,
                skipped: values.missingCounts()
            ).measuring(x: values.unit, y: "count")
        case .scatter:
            let xs = try numeric(spec.x!, "x axis")
            let ys = try numeric(spec.y!, "y axis")
            var points: [Chart.Point] = []
            var skipped: [MissingReason: Int] = [:]
            let names = table.column(named: "la_name")
            for r in 0..<table.rowCount {
                if xs.isMissing(at: r) || ys.isMissing(at: r) {
                    skipped[xs.isMissing(at: r) ? xs.reason(at: r) : ys.reason(at: r), default: 0] += 1
                    continue
                }
                points.append(
                    Chart.Point(x: xs.doubles()![r], y: ys.doubles()![r], label: names?.value(at: r).plainText ?? ""))
            }
            return Chart(
                kind: .scatter, title: "\(ys.name) against \(xs.name)", xLabel: xs.name, yLabel: ys.name,
                series: [Chart.Series(name: ys.name, points: points)], skipped: skipped
            ).measuring(x: xs.unit, y: ys.unit)
        }
    }

    /// `chart line` on a wide table: numeric-named columns are the x axis, rows the lines.
    private static func wideLines(_ table: Table, _ spec: ChartSpec, _ env: StageEnvironment) throws(Diagnostic) -> Chart {
        let xColumns = table.columns.filter { Double($0.name)?.isFinite == true && $0.type.isNumeric }
        guard !xColumns.isEmpty, let labels = table.columns.first(where: { $0.type == .text }) else {
            throw Diagnostic(
                id: .badArgument, message: "name the columns to draw: `chart line X Y [by SERIES]`",
                span: spec.kindSpan,
                help: "without them, chart line needs a wide table whose columns are years, such as `compare … years 2016 to 2024`")
        }
        guard table.rowCount <= 12 else {
            throw Diagnostic(
                id: .tooManySeries, message: "this would draw \(table.rowCount) lines; a chart can show 12 at most",
                span: spec.kindSpan, help: "keep the rows you want first, e.g. `where group in [\"authority\", \"England\"]`")
        }
        try drawable(xColumns.map { Double($0.name)! }, "the column names along the x axis", spec.kindSpan)
        try drawable(xColumns.flatMap { present($0) }, "the values in the table", spec.kindSpan)
        let series = (0..<table.rowCount).map { r in
            Chart.Series(
                name: labels.value(at: r).plainText,
                points: xColumns.map { c in
                    Chart.Point(
                        x: Double(c.name)!, y: c.isMissing(at: r) ? nil : c.doubles()![r], reason: c.reason(at: r),
                        label: c.name)
                })
        }
        // A comparison's England and neighbours' mean rows are reference lines.
        var referenceNames: Set<String> = []
        if let group = table.column(named: "group"), group.type == .text {
            for r in 0..<table.rowCount where !group.isMissing(at: r) && referenceGroups.contains(group.value(at: r).plainText) {
                referenceNames.insert(series[r].name)
            }
        }
        // A comparison names its measure in the line above its table.
        let title = env.context.preamble.first ?? "\(labels.name) by year"
        let measure = title.split(separator: "·").dropFirst().first.map { String($0.split(separator: "(").first ?? $0).trimmedSpaces }
        return Chart(
            kind: .line, title: title, xLabel: "year", yLabel: measure ?? "value", series: referencesLast(series, referenceNames))
            .measuring(x: "year", y: xColumns.first?.unit)
    }

    /// The series named in `references` marked as reference lines and put after
    /// the others (so the authority stays first), unless that would leave no
    /// other line to read against them.
    static func referencesLast(_ series: [Chart.Series], _ references: Set<String>) -> [Chart.Series] {
        guard !references.isEmpty, series.contains(where: { !references.contains($0.name) }) else { return series }
        let marked = series.map { Chart.Series(name: $0.name, points: $0.points, isReference: references.contains($0.name)) }
        return marked.filter { !$0.isReference } + marked.filter(\.isReference)
    }

    /// The values of a numeric column that are not missing.
    static func present(_ c: Column) -> [Double] {
        guard let values = c.doubles() else { return [] }
        return values.indices.filter { !c.isMissing(at: $0) }.map { values[$0] }
    }

    /// Values so large (beyond about 1e306) that an axis rounded out to whole
    /// steps would pass the largest Double cannot be drawn, nor values so small
    /// (all within 1e-280 of zero: subnormal numbers such as 5e-324) that no
    /// round step between them is a normal number: both refused, by name.
    static func drawable(_ values: [Double], _ what: String, _ span: SourceSpan) throws(Diagnostic) {
        let finite = values.filter(\.isFinite)
        guard let lo = finite.min(), let hi = finite.max() else { return }
        let range = "(\(NumberText.shortest(lo)) to \(NumberText.shortest(hi)))"
        if !(max(-lo, hi) * 100).isFinite {
            throw Diagnostic(
                id: .tooLargeToDraw, message: "\(what) are too large to draw \(range)",
                span: span, help: "leave the extreme values out first, e.g. with `where`")
        }
        let magnitude = max(-lo, hi)
        if magnitude > 0 && magnitude < 1e-280 {
            throw Diagnostic(
                id: .tooSmallToDraw, message: "\(what) are too small to draw \(range)",
                span: span, help: "scale them first, e.g. with `derive` and `* 1e300`")
        }
    }

    /// Bin edges on round numbers covering [lo, hi] in about `bins` steps.
    static func niceEdges(_ lo: Double, _ hi: Double, bins: Int) -> [Double] {
        if lo == hi { return [lo - 0.5, lo + 0.5] }
        let raw = (hi - lo) / Double(bins)
        var magnitude = 1.0
        while magnitude * 10 <= raw { magnitude *= 10 }
        while magnitude > raw { magnitude /= 10 }
        let step = [1.0, 2.0, 2.5, 5.0, 10.0].map { $0 * magnitude }.first { $0 >= raw } ?? raw
        let start = (lo / step).rounded(.down) * step
        var edges = [start]
        while edges.last! <= hi {
            let next = NumberText.round(edges.last! + step, places: 10)
            // A step too fine to move numbers this large (1e16 + 0.1): one last bin past hi.
            guard next > edges.last! else {
                edges.append(hi.nextUp)
                break
            }
            edges.append(next)
        }
        return edges
    }
}
