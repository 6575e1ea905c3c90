// `take N` (also `head N`) and `skip N`: the first rows, or all but the first.

enum Take {
    static func take(_ table: Table, _ n: Int64) -> Table {
        n >= Int64(table.rowCount) ? table : table.slice(0..<Int(max(0, n)))
    }

    static func skip(_ table: Table, _ n: Int64) -> Table {
        n <= 0 ? table : table.slice(Int(min(n, Int64(table.rowCount)))..<table.rowCount)
    }
}
