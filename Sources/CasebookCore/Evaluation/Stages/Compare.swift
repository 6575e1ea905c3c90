// `compare AUTHORITY on MEASURE`: LAIT's question in one statement. The
// authority's value beside each statistical neighbour (by name, in the DfE
// model's order), the neighbours' mean and median, its region and England, and
// its rank among all authorities with the count, ties and the direction the
// source gives for the measure, and its quartile — for one year or across years.
// Neighbours with a missing value are shown with their marker and left out of
// the mean and median, and a note says so.

enum Compare {
    /// `polarityOverride`: the measure's direction when the caller knows it
    /// (a LAIT measure compared by its code).
    static func apply(
        _ input: Table, spec: CompareSpec, datasetName: String?, polarityOverride: String? = nil, _ env: StageEnvironment,
        workspace: Workspace
    ) throws(Diagnostic) -> (Table, [String])
    {
        let evaluator = env.evaluator(input)
        let measure = try evaluator.column(spec.measure.name, span: spec.measure.span)
        guard let values = measure.doubles() else {
            throw Diagnostic(
                id: .typeMismatch, message: "`compare` works on numbers, but `\(measure.name)` holds \(measure.type.plural)",
                span: spec.measure.span)
        }
        var needed: [String: Column] = [:]
        for name in ["la_code", "la_name", "level", "year"] {
            guard let c = input.column(named: name) else {
                throw Diagnostic(
                    id: .notComparable,
                    message: "`compare` needs the columns la_code, la_name, level and year, and this table has no `\(name)`",
                    span: spec.measure.span, help: "compare works on the shipped datasets and on loaded DfE files with those columns")
            }
            needed[name] = c
        }
        let codeColumn = needed["la_code"]!, nameColumn = needed["la_name"]!
        let levelColumn = needed["level"]!, yearColumn = needed["year"]!
        guard case .integer(let codes) = codeColumn.data, case .integer(let years) = yearColumn.data else {
            throw Diagnostic(
                id: .notComparable, message: "`la_code` and `year` must hold whole numbers to compare",
                span: spec.measure.span)
        }
        let authorityValue = try evaluator.evaluate(spec.authority)
        guard case .scalar(let query) = authorityValue else {
            throw Diagnostic.oneAuthority(at: spec.authority.span)
        }
        let authority = try env.context.resolveAuthority(query, span: spec.authority.span, noteFormer: false)
        guard let code = authority.code else {
            throw Diagnostic(
                id: .notAnAuthority, message: "\(authority.name) is not a local authority", span: spec.authority.span,
                help: "compare a local authority; England and the regions appear in every comparison")
        }
        let rows = input.rowCount
        // Which rows are authorities, the authority's region, and England: worked
        // out once per distinct text, not once per row.
        let laLevel = Self.matches(levelColumn) { $0 == "Local authority" }
        let regionRow = Self.matches(levelColumn) { $0 == "Regional" }
        let nationalRow = Self.matches(levelColumn) { $0 == "National" }
        let named = Self.matches(nameColumn) { $0 == authority.region }
        // Reporting units: each authority's own row, and each joint return (one
        // row for two authorities) as one unit of its own, so that ranks and
        // quartiles count every published figure once.
        let joints = ReportingUnits.joints(in: input) ?? [:]
        var jointKeys: [String: Int64] = [:]
        func unit(_ r: Int) -> Int64? {
            guard laLevel[r] else { return nil }
            if !codeColumn.isMissing(at: r) { return codes[r] }
            guard let j = joints[r] else { return nil }
            if let k = jointKeys[j.code] { return k }
            let k = -Int64(jointKeys.count + 1)  // DfE codes are positive
            jointKeys[j.code] = k
            return k
        }
        let units = (0..<rows).map(unit)
        func isJoint(_ r: Int, of c: Int64) -> Bool { joints[r]?.members.contains(c) ?? false }

        // The years to show: those in which the authority has a row of its own
        // or a joint return that stands for it.
        let ownRows = (0..<rows).filter { laLevel[$0] && !codeColumn.isMissing(at: $0) && codes[$0] == code }
        let jointRows = (0..<rows).filter { isJoint($0, of: code) }
        let authorityRows = ownRows + jointRows
        let tableYears = Set((0..<rows).filter { !yearColumn.isMissing(at: $0) }.map { years[$0] })
        let available = Set(authorityRows.filter { !yearColumn.isMissing(at: $0) }.map { years[$0] }).sorted()
        let others = Reorganisations.yearsByAuthority(input)
        let reorganised = { (asked: Set<Int64>) -> String? in
            Reorganisations.note(
                for: authority, own: Set(available), others: others, within: asked,
                how: { others in
                    Messages.orList(others.map { "`compare \($0.code) on \(measure.name)…`" })
                })
        }
        guard !available.isEmpty else {
            throw Diagnostic(
                id: .noRows, message: "\(authority.name) has no rows in this table", span: spec.authority.span,
                help: reorganised(tableYears) ?? authority.formerNote ?? "check the filters before `compare`")
        }
        // Years in which some unit has a value of the measure.
        var valued = Set<Int64>()
        for r in 0..<rows where units[r] != nil && !measure.isMissing(at: r) && !yearColumn.isMissing(at: r) {
            valued.insert(years[r])
        }
        var chosen: [Int64]
        var yearNotes: [String] = []
        switch spec.years {
        case .latest:
            // The latest year with values, not merely with rows: a release
            // may carry a year whose figures are all markers.
            let latest = available.last(where: valued.contains) ?? available.last!
            chosen = [latest]
            let later = available.filter { $0 > latest }
            if !later.isEmpty {
                let markers = Set(later.flatMap { y in
                    (0..<rows).filter { units[$0] != nil && years[$0] == y && measure.isMissing(at: $0) }.map {
                        measure.reason(at: $0).name
                    }
                }).sorted()
                yearNotes.append(
                    "no year was given, so this is \(latest), the latest year with values of \(measure.name): "
                        + "\(Reorganisations.span(later.first!, later.last!)) \(later.count == 1 ? "has" : "have") none"
                        + (markers.isEmpty ? "" : " (\(Messages.andList(markers)))"))
            }
        case .single(let y): chosen = [y]
        case .range(let a, let b): chosen = available.filter { $0 >= a && $0 <= b }
        case .all: chosen = available
        }
        let missingYears = chosen.filter { !available.contains($0) }
        if !missingYears.isEmpty || chosen.isEmpty {
            let asked: Set<Int64>
            switch spec.years {
            case .range(let a, let b): asked = tableYears.filter { $0 >= a && $0 <= b }
            default: asked = Set(missingYears)
            }
            throw Diagnostic(
                id: .noRows,
                message: chosen.isEmpty
                    ? "\(authority.name) has no rows in those years"
                    : "\(authority.name) has no row for \(missingYears.map(String.init).joined(separator: ", "))",
                span: spec.yearsSpan ?? spec.authority.span,
                help: reorganised(asked) ?? "its years run from \(available.first!) to \(available.last!)")
        }
        // A range or `years all` that the data narrows says so, and why.
        switch spec.years {
        case .range(let a, let b):
            let wanted = Set(a...b)
            let absent = wanted.subtracting(chosen)
            if !absent.isEmpty {
                let inTable = absent.intersection(tableYears)
                var text = "years \(a) to \(b) narrowed to \(Reorganisations.span(chosen.first!, chosen.last!))"
                let outside = absent.subtracting(tableYears)
                if !outside.isEmpty {
                    text += ": the table has no rows for " + Self.yearList(outside)
                }
                yearNotes.append(text)
                if !inTable.isEmpty, let why = reorganised(inTable) { yearNotes.append(why) }
            }
        case .all:
            if let why = reorganised(tableYears) { yearNotes.append(why) }
        default: break
        }
        if yearNotes.isEmpty, let former = authority.formerNote { yearNotes.append(former) }

        // The neighbours, from the shipped model.
        let model = spec.model?.name ?? env.context.settings.neighbourModel
        let (neighbours, neighbourSources) = try Neighbours.of(
            code, model: model, span: spec.model?.span ?? spec.authority.span, workspace: workspace,
            cancellation: env.context.cancellation)
        var notes: [String] = yearNotes
        if neighbours.isEmpty {
            notes.append("\(authority.name) has no statistical neighbours in the \(model) model")
        }

        // Per year: every unit's row and value, the regional and national rows,
        // and which authorities' figures sit in a joint return.
        struct YearFacts {
            var byUnit: [Int64: Int] = [:]  // unit -> row
            var jointOf: [Int64: Int] = [:]  // member authority -> its joint return's row
            var region: Int? = nil
            var england: Int? = nil
            var ranked: [(unit: Int64, value: Double)] = []
        }
        var facts: [Int64: YearFacts] = [:]
        let chosenSet = Set(chosen)
        for r in 0..<rows where !yearColumn.isMissing(at: r) && chosenSet.contains(years[r]) {
            var f = facts[years[r]] ?? YearFacts()
            if let u = units[r] {
                if f.byUnit[u] == nil { f.byUnit[u] = r }
                if let j = joints[r] { for m in j.members where f.jointOf[m] == nil { f.jointOf[m] = r } }
                if !measure.isMissing(at: r) { f.ranked.append((u, values[r])) }
            } else if regionRow[r], named[r] {
                f.region = r
            } else if nationalRow[r] {
                f.england = r
            }
            facts[years[r]] = f
        }
        // The joint return that stands for the authority, in the years it does.
        let jointYears = chosen.filter { facts[$0]?.byUnit[code] == nil && facts[$0]?.jointOf[code] != nil }
        let joint: ReportingUnits.Joint? = jointYears.first.flatMap { facts[$0]?.jointOf[code] }.flatMap { joints[$0] }
        let anyJoint = chosen.contains { y in facts[y]?.byUnit.keys.contains { $0 < 0 } ?? false }

        // Rows of the result: the authority (and its joint return), its
        // neighbours, their mean and median, region, England.
        var labels: [String] = [authority.name]
        var groups: [String] = ["authority"]
        if let joint {
            labels.append(joint.name)
            groups.append("joint return")
        }
        let firstNeighbour = labels.count
        for n in neighbours {
            labels.append(n.name)
            groups.append("neighbour \(n.position)")
        }
        let meanRow = labels.count, medianRow = meanRow + 1
        labels += ["neighbours' mean", "neighbours' median", authority.region ?? "region", "England"]
        groups += ["neighbours' mean", "neighbours' median", "region", "England"]
        var cells: [[Value]] = Array(repeating: [], count: labels.count)  // per row, per year
        var rankRow: [Value] = [], quartileRow: [Value] = [], ofRow: [Value] = []
        var jointRank: [Value] = []
        var neighbourRanks: [[Value]] = Array(repeating: [], count: neighbours.count)
        var excludedByYear: [(year: Int64, left: String)] = []
        var jointNeighbours: [String] = []

        func cell(_ r: Int?) -> Value {
            guard let r else { return .missing(.noMatch) }
            return measure.value(at: r)
        }
        // Direction of the measure, where the source says: the dataset's
        // metadata, or LAIT's dictionary for a LAIT measure. It orders the rank
        // (1 = best), as LAIT ranks; without one, 1 is the highest value.
        let polarity = polarityOverride
            ?? datasetName.flatMap { workspace.catalog?.metadata($0)?.columns?[measure.name]?.polarity }
            ?? LAITPolarity.of(input, workspace: workspace, cancellation: env.context.cancellation)
            ?? "neutral"
        let lowIsGood = polarity == "low is good"
        let polar = polarity == "low is good" || polarity == "high is good"
        let rankTop = polar ? "best" : "highest"
        for y in chosen {
            let f = facts[y] ?? YearFacts()
            // Rank: the best (or highest) value first, ties share the best place.
            let sorted = f.ranked.sorted { lowIsGood ? $0.value < $1.value : $0.value > $1.value }
            func rank(of u: Int64) -> Int? {
                guard let v = f.ranked.first(where: { $0.unit == u })?.value else { return nil }
                return sorted.firstIndex { $0.value == v }.map { $0 + 1 }
            }
            // A member of a joint return has no figure of its own.
            func ownCell(_ c: Int64) -> Value {
                if let r = f.byUnit[c] { return cell(r) }
                return f.jointOf[c] != nil ? .missing(.jointReturn) : .missing(.noMatch)
            }
            let jointRow = f.byUnit[code] == nil ? f.jointOf[code] : nil
            let jointUnit = jointRow.flatMap { units[$0] }
            cells[0].append(ownCell(code))
            if joint != nil {
                cells[1].append(jointRow.map { cell($0) } ?? .missing(.noMatch))
                jointRank.append(jointUnit.flatMap(rank(of:)).map { .integer(Int64($0)) } ?? .missing(.noMatch))
            }
            var present: [Double] = []
            var excluded: [String] = []
            for (i, n) in neighbours.enumerated() {
                let v = ownCell(n.code)
                cells[firstNeighbour + i].append(v)
                neighbourRanks[i].append(rank(of: n.code).map { .integer(Int64($0)) } ?? .missing(v.missingReason))
                if let d = v.doubleValue { present.append(d) } else {
                    excluded.append("\(n.name) (\(v.missingReason == .noMatch ? "no row" : v.missingReason.name))")
                    if v.missingReason == .jointReturn, let r = f.jointOf[n.code], let j = joints[r],
                        !jointNeighbours.contains(where: { $0.hasPrefix(n.name + " ") })
                    {
                        jointNeighbours.append(
                            "\(n.name) (\(n.code)) has no \(measure.name) of its own: the DfE publishes it jointly with "
                                + Messages.andList(j.otherMembers(than: n.code)) + ", as one return (\(j.code))")
                    }
                }
            }
            if present.isEmpty {
                cells[meanRow].append(.missing(.noMatch))
                cells[medianRow].append(.missing(.noMatch))
            } else {
                cells[meanRow].append(.decimal(Scorecard.rounded(ComputedExtremes.mean(present), like: present)))
                cells[medianRow].append(.decimal(Aggregates.quantile(present, 0.5)))
            }
            if !excluded.isEmpty { excludedByYear.append((y, Messages.andList(excluded))) }
            cells[medianRow + 1].append(cell(f.region))
            cells[medianRow + 2].append(cell(f.england))
            let n = f.ranked.count
            if let r = rank(of: jointUnit ?? code) {
                rankRow.append(.integer(Int64(r)))
                quartileRow.append(.integer(Int64(1 + (r - 1) * 4 / max(n, 1))))
            } else {
                let reason = (jointRow.map { cell($0) } ?? cells[0].last!).missingReason
                rankRow.append(.missing(reason))
                quartileRow.append(.missing(reason))
            }
            ofRow.append(.integer(Int64(n)))
        }
        if let joint {
            notes.append(
                "\(authority.name) has no \(measure.name) of its own in \(Self.yearList(Set(jointYears))): the DfE publishes "
                    + "it jointly with \(Messages.andList(joint.otherMembers(than: code))) as one return, \(joint.label); "
                    + "the return's figure is shown, and its rank and quartile are the return's")
        }
        let population = anyJoint ? "units with a value" : "authorities with a value"
        let unitsNote = anyJoint ? "; each joint return is one unit, counted once" : ""
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
            var rankValues: [Value] = [joint == nil ? rankRow[0] : .missing(.jointReturn)]
            if joint != nil { rankValues.append(jointRank[0]) }
            for r in neighbourRanks { rankValues.append(r[0]) }
            // The mean, median, region and England are not ranked among the authorities.
            rankValues += [.missing(.doesNotApply), .missing(.doesNotApply), .missing(.doesNotApply), .missing(.doesNotApply)]
            columns = [
                Column(name: "name", data: nameB.finish()),
                Column(name: "group", data: groupB.finish()),
                valueColumn(cells.map { $0[0] }, name: "value", like: measure.type).measuring(measure.unit),
                Column.fromValues(rankValues, name: "rank").measuring("rank"),
            ]
            let who = joint.map(\.name) ?? authority.name
            if case .integer(let r) = rankRow[0], case .integer(let n) = ofRow[0], case .integer(let q) = quartileRow[0] {
                let row = facts[y]!.byUnit[code] ?? facts[y]!.jointOf[code]!
                let ties = (facts[y]?.ranked.filter { v in v.value == values[row] }.count ?? 1) - 1
                notes.append(
                    "\(who) ranks \(r) of \(n) \(population) in \(y)"
                        + (ties > 0 ? ", tied with \(ties) other\(ties == 1 ? "" : "s")" : "")
                        + " (1 = \(rankTop)\(unitsNote)); quartile \(q) of 4 (\(quartileWords(q, polar: polar)))")
            } else {
                notes.append("\(who) has no value in \(y) (\(rankRow[0].missingReason.name)), so no rank")
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
                columns.append(valueColumn(cells.map { $0[k] }, name: String(y), like: measure.type).measuring(measure.unit))
            }
            // Ranks and quartiles per year read best as a line of their own.
            let ranks = chosen.indices.map { k -> String in
                let jointMark = jointYears.contains(chosen[k]) ? " (joint return)" : ""
                if case .integer(let r) = rankRow[k], case .integer(let n) = ofRow[k] { return "\(chosen[k]) \(r) of \(n)\(jointMark)" }
                return "\(chosen[k]) none (\(rankRow[k].missingReason.name))"
            }
            notes.append("\(authority.name)'s rank by year\(anyJoint ? " (among units with a value\(unitsNote))" : ""): " + ranks.joined(separator: ", "))
            let bands = chosen.indices.map { k -> String in
                if case .integer(let q) = quartileRow[k] { return "\(chosen[k]) \(q)" }
                return "\(chosen[k]) none"
            }
            notes.append("\(authority.name)'s quartile by year (1 = \(rankTop)): " + bands.joined(separator: ", "))
            let quartiles = quartileRow.enumerated().compactMap { k, q -> (Int64, Int64)? in
                if case .integer(let v) = q { return (chosen[k], v) }
                return nil
            }
            if let first = quartiles.first, let last = quartiles.last, first.0 != last.0 {
                notes.append(
                    first.1 == last.1
                        ? "\(authority.name) stayed in quartile \(first.1) (\(quartileWords(first.1, polar: polar))) from \(first.0) to \(last.0)"
                        : "\(authority.name) moved from quartile \(first.1) in \(first.0) to quartile \(last.1) in \(last.0) (1 = \(polar ? "best" : "highest values"))")
            }
        }
        notes.append("rank 1 is the \(rankTop) value; \(direction)")
        notes.append(
            neighbours.isEmpty
                ? "no neighbours"
                : "neighbours: the DfE's children's services statistical neighbours, \(model) model, nearest first")
        // Years that leave out the same neighbours share one note.
        var leftOut: [(years: Set<Int64>, left: String)] = []
        for (y, left) in excludedByYear {
            if let i = leftOut.firstIndex(where: { $0.left == left }) { leftOut[i].years.insert(y) } else { leftOut.append(([y], left)) }
        }
        notes += leftOut.map { "\(Self.yearList($0.years)): the neighbours' mean and median leave out \($0.left)" }
        notes += jointNeighbours
        for n in notes { env.context.addNote(n) }
        // The comparison cites the measure's source and the neighbour model's.
        // The neighbours' mean and median carry one place more than the published
        // figures; every value column shows that many, whatever its year's mean happens to be.
        if measure.type == .decimal {
            var places = 0
            for (row, group) in groups.enumerated() where !group.hasPrefix("neighbours' ") {
                for case .decimal(let v) in cells[row] {
                    places = max(places, NumberText.decimalsNeeded(v, maxDecimals: ColumnFormat.maximumDecimals))
                }
            }
            let shown = min(places + 1, ColumnFormat.maximumDecimals)
            columns = columns.map { $0.type == .decimal && $0.name != "rank" ? $0.showing(shown) : $0 }
        }
        return (Table(columns: columns, sources: input.sources.merged(with: neighbours.isEmpty ? [] : neighbourSources)), header)
    }

    /// Per row: does the text column's value satisfy `test` (false for missing
    /// values and non-text columns)? Each distinct string is tested once.
    static func matches(_ column: Column, _ test: (String) -> Bool) -> [Bool] {
        guard case .text(let codes, let dict) = column.data else { return [Bool](repeating: false, count: column.count) }
        let answers = dict.values.map(test)
        return codes.indices.map { answers[Int(codes[$0])] && !column.isMissing(at: $0) }
    }

    /// "2016", "2016–2019", "2013, 2015–2016".
    static func yearList(_ years: Set<Int64>) -> String {
        var runs: [(Int64, Int64)] = []
        for y in years.sorted() {
            if let last = runs.last, last.1 + 1 == y { runs[runs.count - 1].1 = y } else { runs.append((y, y)) }
        }
        return runs.map { Reorganisations.span($0.0, $0.1) }.joined(separator: ", ")
    }

    static func quartileWords(_ q: Int64, polar: Bool) -> String {
        switch q {
        case 1: return polar ? "the best quarter" : "the highest quarter"
        case 2: return "the second quarter"
        case 3: return "the third quarter"
        default: return polar ? "the worst quarter" : "the lowest quarter"
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
