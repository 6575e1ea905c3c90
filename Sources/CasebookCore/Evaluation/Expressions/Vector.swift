// The result of evaluating an expression over a table: a full column, or one
// value that stands for every row (a literal, `count()` over the whole table).
// Keeping constants unexpanded makes `where region = "London"` compare a column
// with one string instead of with a million copies of it.

enum Vector {
    case column(Column)
    case scalar(Value)

    var type: ColumnType? {
        switch self {
        case .column(let c): return c.type
        case .scalar(let v): return v.type
        }
    }

    /// A full column of `count` rows.
    func materialize(name: String, count: Int, like type: ColumnType? = nil) -> Column {
        switch self {
        case .column(let c): return c.renamed(name)
        case .scalar(let v): return Column.constant(v, name: name, count: count, like: type)
        }
    }

    func value(at row: Int) -> Value {
        switch self {
        case .column(let c): return c.value(at: row)
        case .scalar(let v): return v
        }
    }

    var isScalar: Bool {
        if case .scalar = self { return true }
        return false
    }
}
