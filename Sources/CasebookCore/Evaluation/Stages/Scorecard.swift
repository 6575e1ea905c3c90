// `scorecard AUTHORITY [topic "TOPIC" | measures M, M…] [year Y] [neighbours MODEL]`:
// an authority's profile the way a director of children's services reads LAIT.
// One row per LAIT measure: the latest value with a figure (or the year asked
// for), the year before it, the direction of travel by the measure's polarity,
// the statistical neighbours' mean, the region, England, the rank among all
// authorities (1 = best) and LAIT's quartile band (A = best quarter).
//
// It reads the shipped `indicators` (LAIT's whole dataset, long) and `measures`
// (its dictionary). A joint return (two authorities, one workforce return) is
// one unit in every rank, and stands for either member with a note; a neighbour
// with no figure of its own is left out of the mean, as in `compare`.

enum Scorecard {
    /// One LAIT measure, as its dictionary describes it.
    struct Measure {
        var code: String
        var name: String
        var topic: String
        var otherTopic: String
        var units: String
        var polarity: String
        /// LAIT's No_Quartile: the measure has no quartile banding.
        var banded: Bool
    }

    static func apply(_ spec: ScorecardSpec, _ env: StageEnvironment, workspace: Workspace) throws(Diagnostic)
        -> (Table, [String])
    {
        let cancellation = env.context.cancellation
        guard let dictionary = try workspace.table("measures", cancellation: cancellation),
            let indicators = try workspace.table("indicators", cancellation: cancellation)
        else {
            throw Diagnostic(
                id: .noIndicators, message: "a scorecard needs the shipped `indicators` and `measures` datasets",
                span: spec.authority.span, help: "start Casebook with --datasets pointing at the shipped datasets")
        }
        let query: Value
        switch spec.authority.kind {
        case .string(let s): query = .text(s)
        case .integer(let i): query = .integer(i)
        default: throw Diagnostic.oneAuthority(at: spec.authority.span)
        }
        let authority = try env.context.resolveAuthority(query, span: spec.authority.span, noteFormer: false)
        guard let code = authority.code else {
            throw Diagnostic(
                id: .notAnAuthority, message: "\(authority.name) is not a local authority", span: spec.authority.span,
                help: "a scorecard is for one local authority; England and its region are in every row")
        }
        let catalogue = try Self.measures(in: dictionary)
        let chosen = try Self.choose(from: catalogue, spec)

        // Columns of the long table, checked once.
        guard let codeColumn = indicators.column(named: "la_code"), case .integer(let codes) = codeColumn.data,
            let yearColumn = indicators.column(named: "year"), case .integer(let years) = yearColumn.data,
            let measureColumn = indicators.column(named: "measure"),
            case .text(let measureCodes, let measureDictionary) = measureColumn.data,
            let valueColumn = indicators.column(named: "value"), let values = valueColumn.doubles(),
            let levelColumn = indicators.column(named: "level"), let nameColumn = indicators.column(named: "la_name")
        else {
            throw Diagnostic(
                id: .notComparable,
                message: "`indicators` lacks the columns a scorecard reads (la_code, la_name, level, year, measure, value)",
                span: spec.authority.span)
        }

        // Masks and dictionaries read once: 620,000 rows are scanned once, and
        // only the chosen measures' rows are looked at after that.
        let yearMissing = yearColumn.missing, codeMissing = codeColumn.missing, valueMissing = valueColumn.missing
        func missing(_ mask: [UInt8]?, _ r: Int) -> Bool { mask.map { $0[r] != 0 } ?? false }
        func value(_ r: Int?) -> Value {
            guard let r else { return .missing(.noMatch) }
            if let m = valueMissing, m[r] != 0 { return .missing(MissingReason(rawValue: m[r]) ?? .undefined) }
            return .decimal(values[r])
        }
        guard case .text(let levelCodes, let levelDictionary) = levelColumn.data,
            case .text(let nameCodes, let nameDictionary) = nameColumn.data
        else {
            throw Diagnostic(id: .notComparable, message: "`indicators` has no text levels and names", span: spec.authority.span)
        }
        enum Level { case authority, region, england, other }
        let levelOf: [Level] = levelDictionary.values.map {
            switch $0 {
            case "Local authority": return .authority
            case "Regional": return .region
            case "National": return .england
            default: return .other
            }
        }
        let isRegionName = nameDictionary.values.map { $0 == authority.region }
        // Joint returns ("314 / 318"), each distinct code parsed once.
        var jointOfCode: [ReportingUnits.Joint?] = []
        var jointCodes: [UInt32] = []
        if let column = indicators.column(named: "joint_return"), case .text(let codes, let dictionary) = column.data {
            jointCodes = codes
            jointOfCode = dictionary.values.map { text in
                let members = text.split(separator: "/").compactMap { Int64(String($0).trimmedSpaces) }
                return members.count >= 2 ? ReportingUnits.Joint(name: text, code: text.trimmedSpaces, members: members) : nil
            }
        }
        func joint(_ r: Int) -> ReportingUnits.Joint? {
            guard !jointCodes.isEmpty, var j = jointOfCode[Int(jointCodes[r])] else { return nil }
            j.name = nameDictionary[nameCodes[r]]
            return j
        }

        var slot = [String: Int]()
        for (i, m) in chosen.enumerated() { slot[m.code] = i }
        let slotOfCode = measureDictionary.values.map { slot[$0] ?? -1 }
        var rowsOf = [[Int]](repeating: [], count: chosen.count)
        for r in 0..<indicators.rowCount {
            if r & 0xFFFF == 0 { try cancellation.checkpoint() }
            let s = slotOfCode[Int(measureCodes[r])]
            if s >= 0, !missing(yearMissing, r) { rowsOf[s].append(r) }
        }

        let model = spec.model?.name ?? env.context.settings.neighbourModel
        let (neighbours, neighbourSources) = try Neighbours.of(
            code, model: model, span: spec.model?.span ?? spec.authority.span, workspace: workspace,
            cancellation: cancellation)
        let neighbourCodes = Set(neighbours.map(\.code))

        var rows = ScorecardRows()
        var jointMeasures: [String] = []
        var jointLabel: String? = nil
        var unvalued: [String] = []
        var yearsUsed: [Int64: Int] = [:]
        for (i, m) in chosen.enumerated() {
            try cancellation.checkpoint()
            // The authority's row in each year: its own, or the joint return that stands for it.
            var own: [Int64: Int] = [:]
            var byYear: [Int64: [Int]] = [:]
            for r in rowsOf[i] {
                byYear[years[r], default: []].append(r)
                guard levelOf[Int(levelCodes[r])] == .authority else { continue }
                if !missing(codeMissing, r) {
                    if codes[r] == code { own[years[r]] = r }
                } else if let j = joint(r), j.members.contains(code), own[years[r]] == nil {
                    own[years[r]] = r
                }
            }
            let year: Int64?
            if let asked = spec.year {
                year = asked
            } else {
                year = own.keys.filter { !missing(valueMissing, own[$0]!) }.max() ?? own.keys.max()
            }
            guard let year else {
                unvalued.append(m.code)
                rows.append(m, year: .missing(.noMatch), value: .missing(.noMatch), previous: .missing(.noMatch),
                    travel: .missing(.noMatch), neighbours: .missing(.noMatch), region: .missing(.noMatch),
                    england: .missing(.noMatch), rank: .missing(.noMatch), of: .missing(.noMatch),
                    band: .missing(m.banded ? .noMatch : .notApplicable))
                continue
            }
            let current = value(own[year])
            if current.isMissing { unvalued.append(m.code) } else { yearsUsed[year, default: 0] += 1 }
            if let r = own[year], missing(codeMissing, r), let j = joint(r) {
                jointMeasures.append(m.code)
                jointLabel = j.label
            }
            let previous = value(own[year - 1])

            // Every unit with a figure that year, each joint return once; the
            // region's and England's rows; the neighbours' own figures.
            var ranked: [Double] = []
            var regionRow: Int? = nil, englandRow: Int? = nil
            var neighbourValues: [Double] = []
            for r in byYear[year] ?? [] {
                switch levelOf[Int(levelCodes[r])] {
                case .authority:
                    guard !missing(valueMissing, r) else { continue }
                    ranked.append(values[r])
                    if !missing(codeMissing, r), neighbourCodes.contains(codes[r]) { neighbourValues.append(values[r]) }
                case .region:
                    if isRegionName[Int(nameCodes[r])] { regionRow = regionRow ?? r }
                case .england:
                    englandRow = englandRow ?? r
                case .other:
                    break
                }
            }
            let lowIsGood = m.polarity == "low is good"
            var rank: Value = .missing(current.missingReason)
            var band: Value = .missing(m.banded ? current.missingReason : .notApplicable)
            if let v = current.doubleValue, !ranked.isEmpty {
                // Ties share the best place.
                let better = ranked.filter { lowIsGood ? $0 < v : $0 > v }.count
                let place = better + 1
                rank = .integer(Int64(place))
                if m.banded { band = .text(Self.bandLetter(place, of: ranked.count)) }
            }
            rows.append(
                m, year: .integer(year), value: current, previous: previous,
                travel: Self.travel(current, previous, polarity: m.polarity),
                neighbours: neighbourValues.isEmpty
                    ? .missing(.noMatch)
                    : .decimal(Self.rounded(ComputedExtremes.mean(neighbourValues), like: ranked)),
                region: value(regionRow), england: value(englandRow), rank: rank,
                of: ranked.isEmpty ? .missing(.noMatch) : .integer(Int64(ranked.count)), band: band)
        }

        var notes: [String] = []
        if spec.year == nil, yearsUsed.count > 1 {
            let counts = yearsUsed.sorted { $0.key > $1.key }.map { "\($0.key) for \($0.value)" }
            notes.append("no year was given, so each measure shows its latest year with a value: " + counts.joined(separator: ", "))
        }
        if !unvalued.isEmpty {
            let shown = unvalued.prefix(8).map { "`\($0)`" }
            notes.append(
                "\(unvalued.count) of \(chosen.count) measure\(chosen.count == 1 ? "" : "s") \(unvalued.count == 1 ? "has" : "have") no value for \(authority.name)"
                    + (spec.year.map { " in \($0)" } ?? "") + ": "
                    + Messages.andList(shown + (unvalued.count > 8 ? ["\(unvalued.count - 8) more"] : [])))
        }
        if let jointLabel {
            notes.append(
                "\(authority.name) has no figure of its own for "
                    + Messages.andList(
                        jointMeasures.prefix(6).map { "`\($0)`" }
                            + (jointMeasures.count > 6 ? ["\(jointMeasures.count - 6) more"] : []))
                    + ": the DfE publishes it jointly, as \(jointLabel); the joint figure is shown and ranked as one unit")
        }
        let unbanded = chosen.filter { !$0.banded }.count
        if unbanded > 0 {
            notes.append("LAIT gives no quartile banding for \(unbanded) of these measures, so their band is z")
        }
        notes.append(
            "travel: the value against the year before, better or worse by LAIT's polarity (up or down where it gives none); "
                + "rank 1 is the best value among the authorities with one (the highest where LAIT gives no polarity), "
                + "and band A the best quarter, D the worst")
        notes.append(
            neighbours.isEmpty
                ? "\(authority.name) has no statistical neighbours in the \(model) model"
                : "neighbours: the mean of the DfE's children's services statistical neighbours (\(model) model) with a figure of their own")
        for n in notes { env.context.addNote(n) }

        let scope: String
        if let topic = spec.topic {
            scope = chosen.first.map { Self.topicName(of: $0, matching: topic.name) } ?? topic.name
        } else if !spec.measures.isEmpty {
            scope = spec.measures.count == 1 ? "1 measure" : "\(spec.measures.count) measures"
        } else {
            scope = "every topic"
        }
        let header = "\(authority.name) (\(code)) · LAIT scorecard · \(scope) · "
            + (spec.year.map { "\($0)" } ?? "latest year with a value")
        let sources = indicators.sources.merged(with: dictionary.sources)
            .merged(with: neighbours.isEmpty ? [] : neighbourSources)
        return (Table(columns: rows.columns(withTopic: spec.topic == nil), sources: sources), [header])
    }

    // MARK: - Parts

    /// LAIT's dictionary, one entry per measure, in its order.
    static func measures(in dictionary: Table) throws(Diagnostic) -> [Measure] {
        func text(_ name: String, _ r: Int) -> String {
            guard let c = dictionary.column(named: name), !c.isMissing(at: r) else { return "" }
            return c.value(at: r).plainText
        }
        return (0..<dictionary.rowCount).map { r in
            Measure(
                code: text("measure", r), name: text("name", r), topic: text("topic", r), otherTopic: text("other_topic", r),
                units: text("units", r), polarity: text("polarity", r), banded: text("quartiles", r) != "no")
        }
    }

    /// The measures a scorecard covers: a topic's, the ones listed, or all.
    static func choose(from catalogue: [Measure], _ spec: ScorecardSpec) throws(Diagnostic) -> [Measure] {
        if let topic = spec.topic {
            let wanted = topic.name.lowercased()
            let found = catalogue.filter { $0.topic.lowercased() == wanted || $0.otherTopic.lowercased() == wanted }
            guard found.isEmpty else { return found }
            let topics = Array(Set(catalogue.map(\.topic) + catalogue.map(\.otherTopic).filter { !$0.isEmpty })).sorted()
            throw Diagnostic(
                id: .unknownTopic, message: "LAIT has no topic called \"\(topic.name)\"", span: topic.span,
                help: Suggestions.didYouMean(topic.name, in: topics)
                    ?? "the topics are \(Messages.andList(topics.map { "\"\($0)\"" }))")
        }
        guard !spec.measures.isEmpty else { return catalogue }
        var byCode: [String: Measure] = [:]
        for m in catalogue { byCode[m.code.lowercased()] = m }
        var found: [Measure] = []
        for name in spec.measures {
            guard let m = byCode[name.name.lowercased()] else {
                throw Diagnostic(
                    id: .unknownMeasure, message: "LAIT has no measure called `\(name.name)`", span: name.span,
                    help: Suggestions.didYouMean(name.name, in: catalogue.map(\.code))
                        ?? "`measures | where topic = \"Child Protection\"` lists a topic's measures")
            }
            if !found.contains(where: { $0.code == m.code }) { found.append(m) }
        }
        return found
    }

    /// The topic as LAIT spells it (the user may have typed it in another case).
    static func topicName(of m: Measure, matching typed: String) -> String {
        m.topic.lowercased() == typed.lowercased() ? m.topic : m.otherTopic
    }

    /// Better or worse by polarity; up or down where there is none.
    static func travel(_ now: Value, _ before: Value, polarity: String) -> Value {
        guard let a = now.doubleValue, let b = before.doubleValue else {
            return .missing(now.isMissing ? now.missingReason : before.missingReason)
        }
        if a == b { return .text("same") }
        switch polarity {
        case "high is good": return .text(a > b ? "better" : "worse")
        case "low is good": return .text(a < b ? "better" : "worse")
        default: return .text(a > b ? "up" : "down")
        }
    }

    /// A mean to one place more than the figures it averages carry (at most
    /// four), so that 41.2 beside figures of 11 and 43 does not print as 41.2000.
    static func rounded(_ mean: Double, like figures: [Double]) -> Double {
        func places(_ x: Double) -> Int {
            var scaled = x
            for p in 0..<4 {
                if abs(scaled - scaled.rounded()) < 1e-6 * max(1, abs(scaled)) { return p }
                scaled *= 10
            }
            return 4
        }
        let p = min(4, (figures.map(places).max() ?? 0) + 1)
        var scale = 1.0
        for _ in 0..<p { scale *= 10 }
        // Past about 1e304 the scaled value is ∞: such a mean has no decimals to round.
        let scaled = mean * scale
        return scaled.isFinite ? scaled.rounded() / scale : mean
    }

    /// LAIT's quartile band from a place among `n` (1 = best): A to D.
    static func bandLetter(_ place: Int, of n: Int) -> String {
        let quarter = min(3, (place - 1) * 4 / max(n, 1))
        return ["A", "B", "C", "D"][quarter]
    }
}

/// The scorecard's columns, built row by row.
struct ScorecardRows {
    private var topic: [Value] = [], measure: [Value] = [], name: [Value] = [], units: [Value] = []
    private var polarity: [Value] = [], year: [Value] = [], value: [Value] = [], previous: [Value] = []
    private var travel: [Value] = [], neighbours: [Value] = [], region: [Value] = [], england: [Value] = []
    private var rank: [Value] = [], of: [Value] = [], band: [Value] = []

    mutating func append(
        _ m: Scorecard.Measure, year y: Value, value v: Value, previous p: Value, travel t: Value, neighbours n: Value,
        region r: Value, england e: Value, rank k: Value, of o: Value, band b: Value
    ) {
        topic.append(.text(m.topic))
        measure.append(.text(m.code))
        name.append(.text(m.name))
        units.append(.text(m.units))
        polarity.append(.text(m.polarity))
        year.append(y)
        value.append(v)
        previous.append(p)
        travel.append(t)
        neighbours.append(n)
        region.append(r)
        england.append(e)
        rank.append(k)
        of.append(o)
        band.append(b)
    }

    func columns(withTopic: Bool) -> [Column] {
        func number(_ values: [Value], _ name: String) -> Column {
            Compare.valueColumn(values, name: name, like: .decimal)
        }
        // Text whatever the rows hold, each missing cell keeping its own reason.
        func text(_ values: [Value], _ name: String) -> Column {
            var builder = TextColumnBuilder(capacity: values.count)
            for v in values { builder.append(v.isMissing ? "" : v.plainText) }
            return Column(name: name, data: builder.finish(), missing: values.map(\.missingReason.rawValue))
        }
        var columns: [Column] = []
        if withTopic { columns.append(text(topic, "topic")) }
        columns += [
            text(measure, "measure"), text(name, "name"), text(units, "units"), text(polarity, "polarity"),
            Column.fromValues(year, name: "year").measuring("year"),
            number(value, "value"), number(previous, "previous"), text(travel, "travel"),
            number(neighbours, "neighbours"), number(region, "region"), number(england, "england"),
            Column.fromValues(rank, name: "rank").measuring("rank"), Column.fromValues(of, name: "of").measuring("count"),
            text(band, "band"),
        ]
        return columns
    }
}
