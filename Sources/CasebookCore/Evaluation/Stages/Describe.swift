// `describe` and `profile`: a table about a table. `describe` lists the columns
// with their type, how many values are present and missing (by reason), and
// the dataset's description of each; the sources go above it. `profile` adds
// distinct counts, min, quartiles, max and mean for every column.

enum Describe {
    static func describe(
        _ table: Table, metadata: DatasetMetadata?, lait: LAITDescription.Result = LAITDescription.Result(), _ env: StageEnvironment
    ) -> (Table, [String]) {
        var names = TextColumnBuilder(), types = TextColumnBuilder(), missingText = TextColumnBuilder()
        var descriptions = TextColumnBuilder(), units = TextColumnBuilder()
        var present: [Int64] = [], missing: [Int64] = []
        var descriptionMask: [UInt8] = []
        for column in table.columns {
            names.append(column.name)
            types.append(column.type.displayName)
            present.append(Int64(table.rowCount - column.missingCount))
            missing.append(Int64(column.missingCount))
            missingText.append(reasonsText(column))
            // A column named by a LAIT measure (after `wider`) is described from LAIT's dictionary.
            let info = metadata?.columns?[column.name]
            let measure = info == nil ? lait.columns[column.name] : nil
            let description = info?.description ?? measure?.description
            descriptions.append(description ?? "")
            units.append(info?.unit ?? measure?.unit ?? "")
            descriptionMask.append(description == nil ? MissingReason.empty.rawValue : 0)
        }
        // The description goes before the missing values' detail: on a narrow
        // terminal it is what a reader needs most.
        var columns = [
            Column(name: "column", data: names.finish()),
            Column(name: "type", data: types.finish()),
            Column(name: "present", data: .integer(present)),
            Column(name: "missing", data: .integer(missing)),
        ]
        if metadata?.columns != nil || !lait.columns.isEmpty {
            columns.append(Column(name: "description", data: descriptions.finish(), missing: descriptionMask))
            columns.append(Column(name: "unit", data: units.finish(), missing: descriptionMask))
        }
        columns.append(Column(name: "missing_by_reason", data: missingText.finish()))
        var header: [String] = []
        for source in table.sources {
            header.append(contentsOf: sourceLines(source, metadata: metadata))
        }
        header.append(contentsOf: lait.lines)
        header.append("\(Messages.plural(table.rowCount, "row")), \(Messages.plural(table.columns.count, "column"))")
        return (Table(columns: columns, rowCount: table.columns.count), header)
    }

    /// "12 c, 3 x" — the missing values of a column by reason.
    static func reasonsText(_ column: Column) -> String {
        column.missingCounts().sorted { $0.key < $1.key }
            .map { "\(NumberText.grouped($0.value)) \($0.key.name)" }.joined(separator: ", ")
    }

    static func sourceLines(_ note: SourceNote, metadata: DatasetMetadata?) -> [String] {
        var lines: [String] = []
        if let title = note.title { lines.append("\(note.dataset): \(title)") } else { lines.append(note.dataset) }
        var from: [String] = []
        if let p = note.publisher { from.append(p) }
        if let r = note.release, !r.isEmpty { from.append(r) }
        if !from.isEmpty { lines.append("  Source: " + from.joined(separator: ", ")) }
        if let l = note.licence { lines.append("  Licence: \(l)") }
        if let y = metadata?.year_convention { lines.append("  Years: \(y)") }
        if let link = note.link { lines.append("  From: \(link)") }
        for c in note.caveats { lines.append("  Note: \(c)") }
        return lines
    }

    static func profile(_ table: Table, _ env: StageEnvironment) throws(Diagnostic) -> Table {
        var names = TextColumnBuilder(), types = TextColumnBuilder(), missingText = TextColumnBuilder()
        var counts: [Int64] = [], distinct: [Int64] = []
        var stats: [[Value]] = Array(repeating: [], count: 6)  // min q1 median q3 max mean
        for column in table.columns {
            try env.checkpoint()
            names.append(column.name)
            types.append(column.type.displayName)
            counts.append(Int64(table.rowCount - column.missingCount))
            missingText.append(reasonsText(column))
            let groups = try Grouping.by([column], rows: table.rowCount, cancellation: env.context.cancellation)
            let distinctPresent = groups.firstRow.filter { !column.isMissing(at: Int($0)) }.count
            distinct.append(Int64(distinctPresent))
            let format = ColumnFormat(column, rows: Array(0..<table.rowCount))
            if let values = column.doubles() {
                let present = (0..<table.rowCount).filter { !column.isMissing(at: $0) }.map { values[$0] }
                if present.isEmpty {
                    for k in 0..<6 { stats[k].append(.missing(.noMatch)) }
                } else {
                    let sorted = present.sorted()
                    let q = { (p: Double) -> Double in Aggregates.quantile(sorted, p) }
                    let mean = ComputedExtremes.mean(present)
                    let cells = [sorted.first!, q(0.25), q(0.5), q(0.75), sorted.last!, mean]
                    // Whole numbers show their exact least and greatest values (as a
                    // Double, 2^63 - 1 rounds up to 2^63, beyond Int64).
                    var whole: [Int64] = []
                    if case .integer(let ints) = column.data {
                        whole = (0..<table.rowCount).filter { !column.isMissing(at: $0) }.map { ints[$0] }
                    }
                    for (k, v) in cells.enumerated() {
                        if (k == 0 || k == 4), let w = k == 0 ? whole.min() : whole.max() {
                            stats[k].append(.text(format.text(Column(name: column.name, data: .integer([w])), 0)))
                        } else {
                            stats[k].append(.text(NumberText.fixed(v, decimals: 2, grouping: format.grouping)))
                        }
                    }
                }
            } else {
                var lo: Int? = nil, hi: Int? = nil
                let order = RowOrder(columns: [(column, false)])
                for r in 0..<table.rowCount where !column.isMissing(at: r) {
                    if lo == nil || order.compare(r, lo!) < 0 { lo = r }
                    if hi == nil || order.compare(r, hi!) > 0 { hi = r }
                }
                for k in 0..<6 {
                    if k == 0, let lo { stats[k].append(.text(DisplayWidth.truncate(format.text(column, lo), to: 24))) } else if k == 4, let hi {
                        stats[k].append(.text(DisplayWidth.truncate(format.text(column, hi), to: 24)))
                    } else {
                        stats[k].append(.missing(.noMatch))
                    }
                }
            }
        }
        var columns = [
            Column(name: "column", data: names.finish()),
            Column(name: "type", data: types.finish()),
            Column(name: "count", data: .integer(counts)),
            Column(name: "missing", data: missingText.finish()),
            Column(name: "distinct", data: .integer(distinct)),
        ]
        for (k, label) in ["min", "q1", "median", "q3", "max", "mean"].enumerated() {
            columns.append(Column.fromValues(stats[k], name: label))
        }
        return Table(columns: columns, rowCount: table.columns.count, sources: table.sources)
    }
}
