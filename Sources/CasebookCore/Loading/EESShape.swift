// Files downloaded from explore-education-statistics share one shape:
// time_period, time_identifier, geographic_level, country/region/LA codes and
// names, then filters and indicators. `load` recognises that shape and tidies
// it the way the shipped datasets are tidy, so a download joins with them and
// works with compare, rank and charts at once:
//   la_code, la_name, ons_code, region, level, year, then the rest in order.
// `year` is the calendar year in which the period ends (201516 → 2016, a
// reporting year 2016 → 2016); London boroughs' region is London, and the
// Inner and Outer London rows (regional rows in EES) are at level
// Sub-regional, so that regional rows add up to England; a joint return
// ("314 / 318") is one row with no la_code and its code in `joint_return`;
// ONS codes that changed are mapped to the authority's current code.

enum EESShape {
    static let geographyColumns: Set<String> = [
        "time_period", "time_identifier", "geographic_level", "country_code", "country_name", "region_code",
        "region_name", "old_la_code", "new_la_code", "la_name",
    ]

    /// True when the header has EES's leading columns.
    static func recognises(_ table: Table) -> Bool {
        let names = Set(table.columnNames.map { $0.lowercased() })
        return names.isSuperset(of: ["time_period", "time_identifier", "geographic_level"])
    }

    /// The tidy table and notes on what was done, or nil when the shape is not EES's.
    static func tidy(_ table: Table, authorities: AuthorityIndex?) -> (Table, [String])? {
        guard recognises(table) else { return nil }
        let n = table.rowCount
        // Each column made once; text read through its dictionary, so no string
        // is made per row (a download can have a million rows).
        func column(_ name: String) -> Column? { table.columns.first { $0.name.lowercased() == name }?.resolvedCopy() }
        let period = column("time_period")!, identifier = Cells(column("time_identifier"))
        let level = Cells(column("geographic_level"))
        let countryCode = Cells(column("country_code")), countryName = Cells(column("country_name"))
        let regionCode = Cells(column("region_code")), regionName = Cells(column("region_name"))
        let oldCode = column("old_la_code"), newCode = Cells(column("new_la_code")), laName = Cells(column("la_name"))
        let oldCodeText = Cells(oldCode)

        var codes = [Int64](repeating: 0, count: n)
        var codeMissing = [UInt8](repeating: MissingReason.empty.rawValue, count: n)
        var names = TextColumnBuilder(capacity: n), ons = TextColumnBuilder(capacity: n)
        var regions = TextColumnBuilder(capacity: n), levels = TextColumnBuilder(capacity: n)
        var regionMissing = [UInt8](repeating: 0, count: n), onsMissing = [UInt8](repeating: 0, count: n)
        var years = [Int64](repeating: 0, count: n)
        var yearMissing = [UInt8](repeating: 0, count: n)
        var notes: [String] = []
        var joint = 0, remapped = Set<String>(), conventions = Set<String>()
        // Each authority's current ONS code, looked up once per code.
        var currentCode: [Int64: (name: String, ons: String)?] = [:]
        func current(_ c: Int64) -> (name: String, ons: String)? {
            if let known = currentCode[c] { return known }
            var found: (String, String)? = nil
            if let index = authorities, case .found(let a) = index.resolve(String(c)), let ons = a.onsCode,
                a.formerNote == nil
            {
                found = (a.name, ons)
            }
            currentCode[c] = found
            return found
        }

        // Output text is coded once per distinct source value (a memo per source
        // column), not hashed again for every row.
        let levelCodes = Memo(level), laNameCodes = Memo(laName), regionNameCodes = Memo(regionName)
        let countryNameCodes = Memo(countryName), newCodeCodes = Memo(newCode), regionCodeCodes = Memo(regionCode)
        let countryCodeCodes = Memo(countryCode), regionOut = Memo(regionName)
        var onsByCode: [Int64: UInt32] = [:]
        var namesCodes = [UInt32](repeating: 0, count: n), onsCodes = [UInt32](repeating: 0, count: n)
        var regionCodes = [UInt32](repeating: 0, count: n), levelOut = [UInt32](repeating: 0, count: n)
        let london = regions.code(for: "London")
        let blank = regions.code(for: "")
        var jointCodes = TextColumnBuilder(capacity: n)
        var jointOut = [UInt32](repeating: jointCodes.code(for: ""), count: n)
        var jointMissing = [UInt8](repeating: MissingReason.empty.rawValue, count: n)

        for r in 0..<n {
            // The place's own name and code, whichever level it is at.
            let isLA = level.matches(r, "local authority")
            let isRegion = level.matches(r, "regional")
            // Inner and Outer London are parts of London, not regions beside it.
            let isHalf = isRegion && (regionName.text(r) == "Inner London" || regionName.text(r) == "Outer London")
            levelOut[r] = isHalf ? levels.code(for: "Sub-regional") : levelCodes.code(r, &levels, empty: "")
            let nameCells = isLA ? laNameCodes : isRegion ? regionNameCodes : countryNameCodes
            let codeCells = isLA ? newCodeCodes : isRegion ? regionCodeCodes : countryCodeCodes
            // A place without a name is called by its level.
            namesCodes[r] = nameCells.has(r) ? nameCells.code(r, &names, empty: "") : names.code(for: level.text(r) ?? "")
            let region = regionName.text(r)
            if region == nil || level.matches(r, "national") {
                regionMissing[r] = MissingReason.empty.rawValue
                regionCodes[r] = blank
            } else if region == "Inner London" || region == "Outer London" {
                regionCodes[r] = london
            } else {
                regionCodes[r] = regionOut.code(r, &regions, empty: "")
            }
            var onsCode: UInt32? = codeCells.has(r) ? codeCells.code(r, &ons, empty: "") : nil
            if isLA, let c = oldCode.flatMap({ Cells.integer($0, r) }) ?? oldCodeText.text(r).flatMap({ Int64($0) }) {
                codes[r] = c
                codeMissing[r] = 0
                // The authority's current ONS code, when it changed (e.g. Buckinghamshire 2021).
                if let now = current(c), now.ons != newCode.text(r) {
                    if let old = newCode.text(r) { remapped.insert("\(now.name) \(old) → \(now.ons)") }
                    if let known = onsByCode[c] {
                        onsCode = known
                    } else {
                        let fresh = ons.code(for: now.ons)
                        onsByCode[c] = fresh
                        onsCode = fresh
                    }
                }
            } else if isLA, let text = oldCodeText.text(r), text.contains("/") {
                joint += 1  // "940 / 941": a joint return, one reporting unit
                jointOut[r] = jointCodes.code(for: text.trimmedSpaces)
                jointMissing[r] = 0
            }
            if let onsCode {
                onsCodes[r] = onsCode
            } else {
                onsMissing[r] = MissingReason.empty.rawValue
                onsCodes[r] = ons.code(for: "")
            }
            // year: the calendar year in which the period ends.
            let kind = identifier.text(r) ?? ""
            if let y = yearEnding(Cells.integer(period, r).map { .integer($0) } ?? period.value(at: r), identifier: kind) {
                years[r] = y
                if !conventions.contains(kind) { conventions.insert(kind) }
            } else {
                yearMissing[r] = period.reason(at: r) == .present ? MissingReason.undefined.rawValue : period.reason(at: r).rawValue
            }
        }
        for c in namesCodes { names.appendCode(c) }
        for c in onsCodes { ons.appendCode(c) }
        for c in regionCodes { regions.appendCode(c) }
        for c in levelOut { levels.appendCode(c) }
        var columns = [
            Column(name: "la_code", data: .integer(codes), missing: codeMissing).measuring("code"),
            Column(name: "la_name", data: names.finish()),
            Column(name: "ons_code", data: ons.finish(), missing: onsMissing),
            Column(name: "region", data: regions.finish(), missing: regionMissing),
            Column(name: "level", data: levels.finish()),
            Column(name: "year", data: .integer(years), missing: yearMissing).measuring("year"),
        ]
        if joint > 0 {
            for c in jointOut { jointCodes.appendCode(c) }
            columns.append(Column(name: "joint_return", data: jointCodes.finish(), missing: jointMissing).measuring("code"))
        }
        let taken = Set(columns.map(\.name))
        for c in table.columns where !geographyColumns.contains(c.name.lowercased()) && !taken.contains(c.name) {
            columns.append(c)
        }
        notes.append(
            "read as an explore-education-statistics file: geography and time columns tidied into la_code, la_name, ons_code, region, level and year"
        )
        if !conventions.isEmpty {
            notes.append(
                "year is the calendar year in which each period ends (time_identifier: \(conventions.sorted().joined(separator: ", ")); a period such as 201516 is 2016)")
        }
        if joint > 0 {
            notes.append(
                "\(Messages.plural(joint, "row")) name two authorities in old_la_code (a joint return, e.g. 940 / 941): each is one reporting unit, counted once, with its code in joint_return and la_code empty")
        }
        if !remapped.isEmpty {
            notes.append("ONS codes that have since changed were mapped to the current ones: " + remapped.sorted().prefix(6).joined(separator: "; ")
                + (remapped.count > 6 ? "; …" : ""))
        }
        var tidy = Table(columns: columns, rowCount: n, sources: table.sources)
        tidy.grouping = []
        return (tidy, notes)
    }

    /// 2016 with "Reporting year" or "Calendar year" → 2016; 201516 (academic or
    /// financial year) → 2016; a quarter or month "2016Q1" keeps its year.
    static func yearEnding(_ value: Value, identifier: String) -> Int64? {
        let raw: Int64
        switch value {
        case .integer(let i): raw = i
        case .text(let s):
            guard let i = Int64(s.prefix(while: { $0.isNumber })) else { return nil }
            raw = i
        default: return nil
        }
        if raw >= 1000 && raw <= 9999 { return raw }
        if raw >= 100_000 && raw <= 999_999 {
            let first = raw / 100, second = raw % 100
            if (first + 1) % 100 == second { return first + 1 }
            return first  // e.g. 201604: a month or quarter code starting with its year
        }
        return nil
    }
}

/// The output code of each distinct value of a source text column, found once.
private final class Memo {
    let cells: Cells
    var codes: [Int32]

    init(_ cells: Cells) {
        self.cells = cells
        codes = [Int32](repeating: -1, count: cells.strings.count)
    }

    func has(_ r: Int) -> Bool { cells.text(r) != nil }

    /// The code in `builder` of row r's value (`empty` when the cell is missing).
    func code(_ r: Int, _ builder: inout TextColumnBuilder, empty: String) -> UInt32 {
        guard let column = cells.column, !column.isMissing(at: r), let sourceCodes = cells.codes else {
            return builder.code(for: cells.text(r) ?? empty)
        }
        let k = Int(sourceCodes[r])
        if codes[k] < 0 { codes[k] = Int32(builder.code(for: cells.strings[k] ?? empty)) }
        return UInt32(codes[k])
    }
}

/// A column's cells as text without making a string per row: text through its
/// dictionary, anything else by value.
private struct Cells {
    let column: Column?
    let codes: [UInt32]?
    let strings: [String?]
    /// Lower-cased dictionary entries, for case-insensitive tests.
    let lowered: [String]

    init(_ column: Column?) {
        self.column = column
        if let column, case .text(let codes, let dict) = column.data {
            self.codes = codes
            strings = dict.values.map { $0.isEmpty ? nil : $0 }
            lowered = dict.values.map { $0.lowercased() }
        } else {
            codes = nil
            strings = []
            lowered = []
        }
    }

    func text(_ r: Int) -> String? {
        guard let column, !column.isMissing(at: r) else { return nil }
        if let codes { return strings[Int(codes[r])] }
        let s = column.value(at: r).plainText
        return s.isEmpty ? nil : s
    }

    /// The cell equals `lowercase`, ignoring case.
    func matches(_ r: Int, _ lowercase: String) -> Bool {
        guard let column, !column.isMissing(at: r) else { return false }
        if let codes { return lowered[Int(codes[r])] == lowercase }
        return column.value(at: r).plainText.lowercased() == lowercase
    }

    static func integer(_ column: Column, _ r: Int) -> Int64? {
        guard !column.isMissing(at: r), case .integer(let v) = column.data else { return nil }
        return v[r]
    }
}
