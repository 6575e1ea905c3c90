// Files downloaded from explore-education-statistics share one shape:
// time_period, time_identifier, geographic_level, country/region/LA codes and
// names, then filters and indicators. `load` recognises that shape and tidies
// it the way the shipped datasets are tidy, so a download joins with them and
// works with compare, rank and charts at once:
//   la_code, la_name, ons_code, region, level, year, then the rest in order.
// `year` is the calendar year in which the period ends (201516 → 2016, a
// reporting year 2016 → 2016); London boroughs' region is London; ONS codes
// that changed are mapped to the authority's current code.

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
        // Read cell by cell below: each column made once here.
        func column(_ name: String) -> Column? { table.columns.first { $0.name.lowercased() == name }?.resolvedCopy() }
        func text(_ c: Column?, _ r: Int) -> String? {
            guard let c, !c.isMissing(at: r) else { return nil }
            let s = c.value(at: r).plainText
            return s.isEmpty ? nil : s
        }
        let period = column("time_period")!, identifier = column("time_identifier")!
        let level = column("geographic_level")!
        let countryCode = column("country_code"), countryName = column("country_name")
        let regionCode = column("region_code"), regionName = column("region_name")
        let oldCode = column("old_la_code"), newCode = column("new_la_code"), laName = column("la_name")

        var codes = [Int64](repeating: 0, count: n)
        var codeMissing = [UInt8](repeating: 0, count: n)
        var names = TextColumnBuilder(capacity: n), ons = TextColumnBuilder(capacity: n)
        var regions = TextColumnBuilder(capacity: n), levels = TextColumnBuilder(capacity: n)
        var regionMissing = [UInt8](repeating: 0, count: n), onsMissing = [UInt8](repeating: 0, count: n)
        var years = [Int64](repeating: 0, count: n)
        var yearMissing = [UInt8](repeating: 0, count: n)
        var notes: [String] = []
        var joint = 0, remapped = Set<String>(), conventions = Set<String>()

        for r in 0..<n {
            let lvl = text(level, r) ?? ""
            levels.append(lvl)
            // The place's own name and code, whichever level it is at.
            let isLA = lvl.lowercased() == "local authority"
            let isRegion = lvl.lowercased() == "regional"
            var name = text(laName, r)
            var code = text(newCode, r)
            if !isLA {
                name = isRegion ? text(regionName, r) : text(countryName, r)
                code = isRegion ? text(regionCode, r) : text(countryCode, r)
            }
            names.append(name ?? lvl)
            var region = text(regionName, r)
            if region == "Inner London" || region == "Outer London" { region = "London" }
            if region == nil || lvl.lowercased() == "national" { regionMissing[r] = MissingReason.empty.rawValue }
            regions.append(region ?? "")
            codeMissing[r] = MissingReason.empty.rawValue
            if isLA, let raw = text(oldCode, r) {
                if let c = Int64(raw) {
                    codes[r] = c
                    codeMissing[r] = 0
                    // The authority's current ONS code, when it changed (e.g. Buckinghamshire 2021).
                    if let index = authorities, case .found(let a) = index.resolve(raw), let current = a.onsCode,
                        current != code, a.formerNote == nil
                    {
                        if let old = code { remapped.insert("\(a.name) \(old) → \(current)") }
                        code = current
                    }
                } else {
                    joint += 1  // "940 / 941": a joint return
                }
            }
            if code == nil { onsMissing[r] = MissingReason.empty.rawValue }
            ons.append(code ?? "")
            // year: the calendar year in which the period ends.
            let kind = text(identifier, r) ?? ""
            if let y = yearEnding(period.value(at: r), identifier: kind) {
                years[r] = y
                conventions.insert(kind)
            } else {
                yearMissing[r] = period.reason(at: r) == .present ? MissingReason.undefined.rawValue : period.reason(at: r).rawValue
            }
        }
        var columns = [
            Column(name: "la_code", data: .integer(codes), missing: codeMissing),
            Column(name: "la_name", data: names.finish()),
            Column(name: "ons_code", data: ons.finish(), missing: onsMissing),
            Column(name: "region", data: regions.finish(), missing: regionMissing),
            Column(name: "level", data: levels.finish()),
            Column(name: "year", data: .integer(years), missing: yearMissing),
        ]
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
            notes.append("\(Messages.plural(joint, "row")) name two authorities in old_la_code (a joint return, e.g. 940 / 941); their la_code is empty")
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
