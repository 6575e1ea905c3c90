// `wider NAMES VALUES` turns a long table (one row per measure) into a wide one
// (one column per measure), as the DfE's long files often need; `longer COLUMNS
// into NAME, VALUE` does the reverse. Missing values keep their reasons either
// way; a combination absent from a long table is missing with "no match".

enum Reshape {
    static func wider(_ table: Table, names: NameRef, values: NameRef, _ env: StageEnvironment) throws(Diagnostic)
        -> Table
    {
        let evaluator = env.evaluator(table)
        let nameColumn = try evaluator.column(names.name, span: names.span)
        let valueColumn = try evaluator.column(values.name, span: values.span)
        if nameColumn.name == valueColumn.name {
            throw Diagnostic(
                id: .badArgument, message: "the names and the values must be two different columns", span: values.span)
        }
        let idColumns = table.columns.filter { $0.name != nameColumn.name && $0.name != valueColumn.name }
        let rows = try Grouping.by(idColumns, rows: table.rowCount, cancellation: env.context.cancellation)
        let nameGroups = try Grouping.by([nameColumn], rows: table.rowCount, cancellation: env.context.cancellation)
        // New column names in natural order: numbers by value, text by bytes.
        let nameKeys = nameColumn.gather(nameGroups.firstRow)
        let order = RowOrder(columns: [(nameKeys, false)]).sorted((0..<nameGroups.groupCount).map { Int32($0) })
        var slots = [[Int32]](repeating: [Int32](repeating: -1, count: rows.groupCount), count: nameGroups.groupCount)
        var duplicates = 0
        for r in 0..<table.rowCount {
            let k = Int(nameGroups.groupOfRow[r]), g = Int(rows.groupOfRow[r])
            if slots[k][g] >= 0 { duplicates += 1 } else { slots[k][g] = Int32(r) }
        }
        if duplicates > 0 {
            env.context.addNote(
                "\(Messages.plural(duplicates, "row")) repeated a combination already seen and "
                    + (duplicates == 1 ? "was" : "were") + " left out (the first was kept)")
        }
        // Every row kept to itself while other measures rode along as identifiers:
        // they differ between the rows that were meant to become one.
        let measures = idColumns.filter { $0.type.isNumeric && !ColumnFormat.isIdentifierName($0.name) }.map(\.name)
        if rows.groupCount == table.rowCount, nameGroups.groupCount > 1, table.rowCount > 1, !measures.isEmpty {
            let such = " (such as \(Messages.andList(measures.prefix(3).map(Messages.code))))"
            let label = idColumns.first { $0.type == .text }.map { "\($0.name), " } ?? ""
            env.context.addNote(
                "no two rows were combined: the other columns\(such) differ between them; keep only the columns that "
                    + "identify a row first: `select \(label)\(names.name), \(values.name) | wider \(names.name) \(values.name)`")
        }
        var columns = idColumns.map { $0.gather(rows.firstRow) }
        var used = Set(columns.map(\.name))
        for k in order {
            let key = nameKeys.value(at: Int(k))
            var label = key.isMissing ? "missing" : key.plainText
            if used.contains(label) { label = "\(values.name)_\(label)" }
            used.insert(label)
            columns.append(valueColumn.gather(slots[Int(k)]).renamed(label))
        }
        return Table(columns: columns, rowCount: rows.groupCount, sources: table.sources)
    }

    static func longer(
        _ table: Table, columns names: [NameRef], nameColumn: NameRef, valueColumn: NameRef, _ env: StageEnvironment
    ) throws(Diagnostic) -> Table {
        let evaluator = env.evaluator(table)
        var stacked: [Column] = []
        for n in names { stacked.append(try evaluator.column(n.name, span: n.span)) }
        let types = Set(stacked.map(\.type))
        let numeric = types.allSatisfy(\.isNumeric)
        if types.count > 1 && !numeric {
            let described = stacked.map { "`\($0.name)` holds \($0.type.plural)" }
            throw Diagnostic(
                id: .typeMismatch, message: "columns turned into rows must hold one kind of value, but \(Messages.andList(described))",
                span: names.first!.span.union(names.last!.span))
        }
        let stackedNames = Set(stacked.map(\.name))
        let kept = table.columns.filter { !stackedNames.contains($0.name) }
        for n in [nameColumn, valueColumn] where kept.contains(where: { $0.name == n.name }) {
            throw Diagnostic.columnExists(n.name, at: n.span)
        }
        let k = stacked.count
        let n = table.rowCount
        var rowIndex = [Int32]()
        rowIndex.reserveCapacity(n * k)
        for r in 0..<n { for _ in 0..<k { rowIndex.append(Int32(r)) } }
        var columns = kept.map { $0.gather(rowIndex) }
        var nameBuilder = TextColumnBuilder(capacity: n * k)
        let codes = stacked.map { nameBuilder.code(for: $0.name) }
        for _ in 0..<n { for c in codes { nameBuilder.appendCode(c) } }
        columns.append(Column(name: nameColumn.name, data: nameBuilder.finish()))
        var values: [Value] = []
        values.reserveCapacity(n * k)
        // Numbers: widen to decimal when the columns mix whole and decimal.
        let widen = numeric && types.count > 1
        for r in 0..<n {
            for c in stacked {
                let v = c.value(at: r)
                if widen, case .integer(let i) = v { values.append(.decimal(Double(i))) } else { values.append(v) }
            }
        }
        var valueCol = Column.fromValues(values, name: valueColumn.name)
        if valueCol.type != stacked[0].type && !widen, let t = stacked.first?.type, values.allSatisfy(\.isMissing) {
            valueCol = Column.constant(.missing(.empty), name: valueColumn.name, count: n * k, like: t)
            valueCol.missing = values.map { $0.missingReason.rawValue }
        }
        columns.append(valueCol)
        return Table(columns: columns, rowCount: n * k, sources: table.sources)
    }
}
