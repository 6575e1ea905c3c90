// DfE tables hold England, the regions and the authorities together, told
// apart by a `level` column. Aggregating or ranking across levels counts the
// totals beside their parts (England ranked among the authorities, a region's
// own row inside its mean), and nothing in the result shows it. A note does.

enum MixedLevels {
    /// The geographic levels of the published files (explore-education-
    /// statistics' `geographic_level`). A `level` column of other values (a
    /// school phase, say) is not a geography, and mixing it is no trap.
    static let geographic: Set<String> = [
        "National", "Regional", "Sub-regional", "Local authority", "Local authority district", "Parliamentary constituency",
        "Ward", "English devolved area", "Local enterprise partnership", "Mayoral combined authority",
        "Local skills improvement plan area", "Opportunity area", "Planning area", "Police force area",
        "RSC region", "MAT", "Sponsor", "School", "Provider", "Institution",
    ]

    /// Adds a note when some group (all rows, without groups) holds rows of
    /// more than one geographic level; `what` names the operation ("summarise", "rank").
    static func check(_ table: Table, groups: Grouping?, what: String, _ env: StageEnvironment) {
        guard let level = table.column(named: "level") else { return }
        let (data, missing) = level.parts
        guard case .text(let codes, let names) = data, names.count > 1 else { return }
        let isGeographic = (0..<names.count).map { geographic.contains(names[UInt32($0)]) }
        let present = { (row: Int) in (missing.map { $0[row] == 0 } ?? true) && isGeographic[Int(codes[row])] }
        let groupCount = max(groups?.groupCount ?? 1, 1)
        let group = { (row: Int) in groups.map { Int($0.groupOfRow[row]) } ?? 0 }
        var firstLevel = [UInt32](repeating: .max, count: groupCount)
        var mixed = [Bool](repeating: false, count: groupCount)
        for row in 0..<table.rowCount where present(row) {
            let g = group(row)
            if firstLevel[g] == .max {
                firstLevel[g] = codes[row]
            } else if firstLevel[g] != codes[row] {
                mixed[g] = true
            }
        }
        guard mixed.contains(true) else { return }
        // The rows of the groups that mix, not of the whole table: England alone
        // in its own group is no part of the trap.
        var counts = [Int](repeating: 0, count: names.count)
        for row in 0..<table.rowCount where present(row) && mixed[group(row)] { counts[Int(codes[row])] += 1 }
        // Widest level first: National, Regional, then authorities (as published).
        let order = ["National", "Regional", "Sub-regional", "Local authority"]
        let name = { (code: Int) in names[UInt32(code)] }
        let listed = (0..<names.count).filter { counts[$0] > 0 }.sorted {
            let a = order.firstIndex(of: name($0)) ?? order.count, b = order.firstIndex(of: name($1)) ?? order.count
            return a != b ? a < b : name($0) < name($1)
        }
        let parts = listed.map { "\(NumberText.grouped(counts[$0])) \(name($0))" }
        let keep = names.code(of: "Local authority") != nil ? "; `where level = \"Local authority\"` keeps the authorities only" : ""
        env.context.addNote(
            "\(what) mixes levels within groups (rows: \(parts.joined(separator: ", "))), so totals are counted beside their parts\(keep)")
    }
}
