// `compare AUTHORITY on MEASURE`: LAIT's question in one statement. The
// authority's value beside each statistical neighbour (by name, in the DfE
// model's order), the neighbours' mean and median, its region and England, and
// its rank among all authorities with the count, ties and the direction the
// source gives for the measure, and its quartile — for one year or across years.
// Neighbours with a missing value are shown with their marker and left out of
// the mean and median, and a note says so.

enum Compare {
    static func apply(_ input: Table, spec: CompareSpec, datasetName: String?, _ env: StageEnvironment, workspace: Workspace)
        throws(Diagnostic) -> (Table, [String])
    {
        let evaluator = env.evaluator(input)
        let measure = try evaluator.column(spec.measure.name, span: spec.measure.span)
        guard let values = measure.doubles() else {
            throw Diagnostic(
                id: "type-mismatch", message: "`compare` works on numbers, but `\(measure.name)` holds \(measure.type.plural)",
                span: spec.measure.span)
        }
        var needed: [String: Column] = [:]
        for name in ["la_code", "la_name", "level", "year"] {
            guard let c = input.column(named: name) else {
                throw Diagnostic(
                    id: "not-comparable",
                    message: "`compare` needs the columns la_code, la_name, level and year, and this table has no `\(name)`",
                    span: spec.measure.span, help: "compare works on the shipped datasets and on loaded DfE files with those columns")
            }
            needed[name] = c
        }
        let codeColumn = needed["la_code"]!, nameColumn = needed["la_name"]!
        let levelColumn = needed["level"]!, yearColumn = needed["year"]!
        guard case .integer(let codes) = codeColumn.data, case .integer(let years) = yearColumn.data else {
            throw Diagnostic(
                id: "not-comparable", message: "`la_code` and `year` must hold whole numbers to compare",
                span: spec.measure.span)
        }
        let authorityValue = try evaluator.evaluate(spec.authority)
        guard case .scalar(let query) = authorityValue else {
            throw Diagnostic(id: "bad-argument", message: "name one authority", span: spec.authority.span)
        }
        let authority = try env.context.resolveAuthority(query, span: spec.authority.span)
        guard let code = authority.code else {
            throw Diagnostic(
                id: "not-an-authority", message: "\(authority.name) is not a local authority", span: spec.authority.span,
                help: "compare a local authority; England and the regions appear in every comparison")
        }
        let rows = input.rowCount
        // Which rows are authorities, the authority's region, and England: worked
        // out once per distinct text, not once per row.
        let laLevel = Self.matches(levelColumn) { $0 == "Local authority" }
        let regionRow = Self.matches(levelColumn) { $0 == "Regional" }
        let nationalRow = Self.matches(levelColumn) { $0 == "National" }
        let named = Self.matches(nameColumn) { $0 == authority.region }
        func isLA(_ r: Int) -> Bool { laLevel[r] && !codeColumn.isMissing(at: r) }

        // The years to show.
        let authorityRows = (0..<rows).filter { isLA($0) && codes[$0] == code }
        guard !authorityRows.isEmpty else {
            throw Diagnostic(
                id: "no-rows", message: "\(authority.name) has no rows in this table", span: spec.authority.span,
                help: authority.formerNote ?? "check the filters before `compare`")
        }
        let available = Set(authorityRows.map { years[$0] }).sorted()
        var chosen: [Int64]
        switch spec.years {
        case .latest: chosen = [available.last!]
        case .single(let y): chosen = [y]
        case .range(let a, let b): chosen = available.filter { $0 >= a && $0 <= b }
        case .all: chosen = available
        }
        let missingYears = chosen.filter { !available.contains($0) }
        if !missingYears.isEmpty || chosen.isEmpty {
            throw Diagnostic(
                id: "no-rows",
                message: chosen.isEmpty
                    ? "\(authority.name) has no rows in those years"
                    : "\(authority.name) has no row for \(missingYears.map(String.init).joined(separator: ", "))",
                span: spec.yearsSpan ?? spec.authority.span,
                help: "its years run from \(available.first!) to \(available.last!)")
        }

        // The neighbours, from the shipped model.
        let model = spec.model?.name ?? env.context.settings.neighbourModel
        let (neighbours, neighbourSources) = try Neighbours.of(
            code, model: model, span: spec.model?.span ?? spec.authority.span, workspace: workspace,
            cancellation: env.context.cancellation)
        var notes: [String] = []
        if neighbours.isEmpty {
            notes.append("\(authority.name) has no statistical neighbours in the \(model) model")
        }

        // Per year: every LA's value, the regional and national rows.
        struct YearFacts {
            var byCode: [Int64: Int] = [:]  // code -> row
            var region: Int? = nil
            var england: Int? = nil
            var ranked: [(code: Int64, value: Double)] = []
        }
        var facts: [Int64: YearFacts] = [:]
        let chosenSet = Set(chosen)
        for r in 0..<rows where chosenSet.contains(years[r]) {
            var f = facts[years[r]] ?? YearFacts()
            if isLA(r) {
                if f.byCode[codes[r]] == nil { f.byCode[codes[r]] = r }
                if !measure.isMissing(at: r) { f.ranked.append((codes[r], values[r])) }
            } else if regionRow[r], named[r] {
                f.region = r
            } else if nationalRow[r] {
                f.england = r
            }
            facts[years[r]] = f
        }

        // Rows of the result: the authority, its neighbours, their mean and median, region, England.
        var labels: [String] = [authority.name]
        var groups: [String] = ["authority"]
        var cells: [[Value]] = [[]]  // per row, per year
        for n in neighbours {
            labels.append(n.name)
            groups.append("neighbour \(n.position)")
            cells.append([])
        }
        let meanRow = cells.count, medianRow = meanRow + 1
        labels += ["neighbours' mean", "neighbours' median", authority.region ?? "region", "England"]
        groups += ["neighbours' mean", "neighbours' median", "region", "England"]
        cells += [[], [], [], []]
        var rankRow: [Value] = [], quartileRow: [Value] = [], ofRow: [Value] = []
        var neighbourRanks: [[Value]] = Array(repeating: [], count: neighbours.count)
        var excludedNotes: [String] = []

        func cell(_ r: Int?) -> Value {
            guard let r else { return .missing(.noMatch) }
            return measure.value(at: r)
        }
        for y in chosen {
            let f = facts[y] ?? YearFacts()
            // Rank: highest value first, ties share the best place.
            let sorted = f.ranked.sorted { $0.value > $1.value }
            func rank(of c: Int64) -> Int? {
                guard let v = f.ranked.first(where: { $0.code == c })?.value else { return nil }
                return sorted.firstIndex { $0.value == v }.map { $0 + 1 }
            }
            cells[0].append(cell(f.byCode[code]))
            var present: [Double] = []
            var excluded: [String] = []
            for (i, n) in neighbours.enumerated() {
                let v = cell(f.byCode[n.code])
                cells[i + 1].append(v)
                neighbourRanks[i].append(rank(of: n.code).map { .integer(Int64($0)) } ?? .missing(v.missingReason))
                if let d = v.doubleValue { present.append(d) } else {
                    excluded.append("\(n.name) (\(v.missingReason == .noMatch ? "no row" : v.missingReason.name))")
                }
            }
            if present.isEmpty {
                cells[meanRow].append(.missing(.noMatch))
                cells[medianRow].append(.missing(.noMatch))
            } else {
                cells[meanRow].append(.decimal(present.reduce(0, +) / Double(present.count)))
                cells[medianRow].append(.decimal(Aggregates.quantile(present, 0.5)))
            }
            if !excluded.isEmpty {
                excludedNotes.append(
                    "\(y): the neighbours' mean and median leave out " + Messages.andList(excluded))
            }
            cells[medianRow + 1].append(cell(f.region))
            cells[medianRow + 2].append(cell(f.england))
            let n = f.ranked.count
            if let r = rank(of: code) {
                rankRow.append(.integer(Int64(r)))
                quartileRow.append(.integer(Int64(1 + (r - 1) * 4 / max(n, 1))))
            } else {
                let reason = cells[0].last!.missingReason
                rankRow.append(.missing(reason))
                quartileRow.append(.missing(reason))
            }
            ofRow.append(.integer(Int64(n)))
        }

        // Direction of the measure, where the source says.
        let polarity = datasetName.flatMap { workspace.catalog?.metadata($0)?.columns?[measure.name]?.polarity } ?? "neutral"
        let direction: String
        switch polarity {
        case "high is good": direction = "a higher value is better for this measure (the source's polarity)"
        case "low is good": direction = "a lower value is better for this measure (the source's polarity)"
        default: direction = "the source gives no direction for this measure (higher is not better or worse)"
        }

        var columns: [Column] = []
        var header: [String] = []
        let measureLabel = datasetName.map { "\(measure.name) (\($0))" } ?? measure.name
        if chosen.count == 1 {
            let y = chosen[0]
            header.append("\(authority.name) (\(code)) · \(measureLabel) · \(y)")
            var nameB = TextColumnBuilder(), groupB = TextColumnBuilder()
            for (l, g) in zip(labels, groups) {
                nameB.append(l)
                groupB.append(g)
            }
            var rankValues: [Value] = [rankRow[0]]
            for r in neighbourRanks { rankValues.append(r[0]) }
            rankValues += [.missing(.empty), .missing(.empty), .missing(.empty), .missing(.empty)]
            columns = [
                Column(name: "name", data: nameB.finish()),
                Column(name: "group", data: groupB.finish()),
                valueColumn(cells.map { $0[0] }, name: "value", like: measure.type),
                Column.fromValues(rankValues, name: "rank"),
            ]
            if case .integer(let r) = rankRow[0], case .integer(let n) = ofRow[0], case .integer(let q) = quartileRow[0] {
                let ties = (facts[y]?.ranked.filter { v in v.value == values[facts[y]!.byCode[code]!] }.count ?? 1) - 1
                notes.append(
                    "\(authority.name) ranks \(r) of \(n) authorities with a value in \(y)"
                        + (ties > 0 ? ", tied with \(ties) other\(ties == 1 ? "" : "s")" : "")
                        + " (1 = highest); quartile \(q) of 4 (\(quartileWords(q)))")
            } else {
                notes.append("\(authority.name) has no value in \(y) (\(rankRow[0].missingReason.name)), so no rank")
            }
        } else {
            header.append(
                "\(authority.name) (\(code)) · \(measureLabel) · \(chosen.first!)–\(chosen.last!)")
            var nameB = TextColumnBuilder(), groupB = TextColumnBuilder()
            for (l, g) in zip(labels, groups) {
                nameB.append(l)
                groupB.append(g)
            }
            columns = [Column(name: "name", data: nameB.finish()), Column(name: "group", data: groupB.finish())]
            for (k, y) in chosen.enumerated() {
                columns.append(valueColumn(cells.map { $0[k] }, name: String(y), like: measure.type))
            }
            // Ranks and quartiles per year read best as a line of their own.
            let ranks = chosen.indices.map { k -> String in
                if case .integer(let r) = rankRow[k], case .integer(let n) = ofRow[k] { return "\(chosen[k]) \(r) of \(n)" }
                return "\(chosen[k]) none (\(rankRow[k].missingReason.name))"
            }
            notes.append("\(authority.name)'s rank by year: " + ranks.joined(separator: ", "))
            let bands = chosen.indices.map { k -> String in
                if case .integer(let q) = quartileRow[k] { return "\(chosen[k]) \(q)" }
                return "\(chosen[k]) none"
            }
            notes.append("\(authority.name)'s quartile by year (1 = highest): " + bands.joined(separator: ", "))
            let quartiles = quartileRow.enumerated().compactMap { k, q -> (Int64, Int64)? in
                if case .integer(let v) = q { return (chosen[k], v) }
                return nil
            }
            if let first = quartiles.first, let last = quartiles.last, first.0 != last.0 {
                notes.append(
                    first.1 == last.1
                        ? "\(authority.name) stayed in quartile \(first.1) (\(quartileWords(first.1))) from \(first.0) to \(last.0)"
                        : "\(authority.name) moved from quartile \(first.1) in \(first.0) to quartile \(last.1) in \(last.0) (1 = highest values)")
            }
        }
        notes.append("rank 1 is the highest value; \(direction)")
        notes.append(
            neighbours.isEmpty
                ? "no neighbours"
                : "neighbours: the DfE's children's services statistical neighbours, \(model) model, nearest first")
        notes += excludedNotes
        for n in notes { env.context.addNote(n) }
        // The comparison cites the measure's source and the neighbour model's.
        return (Table(columns: columns, sources: input.sources.merged(with: neighbours.isEmpty ? [] : neighbourSources)), header)
    }

    /// Per row: does the text column's value satisfy `test` (false for missing
    /// values and non-text columns)? Each distinct string is tested once.
    static func matches(_ column: Column, _ test: (String) -> Bool) -> [Bool] {
        guard case .text(let codes, let dict) = column.data else { return [Bool](repeating: false, count: column.count) }
        let answers = dict.values.map(test)
        return codes.indices.map { answers[Int(codes[$0])] && !column.isMissing(at: $0) }
    }

    static func quartileWords(_ q: Int64) -> String {
        switch q {
        case 1: return "the highest quarter"
        case 2: return "the second quarter"
        case 3: return "the third quarter"
        default: return "the lowest quarter"
        }
    }

    /// A column of values of the measure's kind (ranks and counts are whole
    /// numbers, so they fit in any numeric column).
    static func valueColumn(_ values: [Value], name: String, like type: ColumnType) -> Column {
        if type == .decimal {
            return Column.fromValues(values.map { if case .integer(let i) = $0 { return .decimal(Double(i)) } else { return $0 } }, name: name)
        }
        let column = Column.fromValues(values, name: name)
        if column.type == .text { return Column.constant(.missing(.noMatch), name: name, count: values.count, like: type) }
        return column
    }
}
