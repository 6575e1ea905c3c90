// Rows to group numbers, for summarise, count, rank, change, top and the
// aggregates inside derive. Keys are read from the columns' own storage — text
// by dictionary code, numbers by value — so no key is ever turned into a string.
// Missing keys form a group per reason.

struct Grouping {
    /// Group number of each row, 0..<groupCount.
    var groupOfRow: [Int32]
    var groupCount: Int
    /// The first row of each group (where its key values are read from).
    var firstRow: [Int32]

    /// One group holding every row.
    static func single(rows: Int) -> Grouping {
        Grouping(groupOfRow: [Int32](repeating: 0, count: rows), groupCount: rows > 0 ? 1 : 0, firstRow: rows > 0 ? [0] : [])
    }

    /// Groups by the columns, in order of first appearance.
    static func by(_ columns: [Column], rows: Int, cancellation: Cancellation) throws(Diagnostic) -> Grouping {
        guard !columns.isEmpty else { return single(rows: rows) }
        var ids = [Int32](repeating: 0, count: rows)
        var count = 0
        for (k, column) in columns.enumerated() {
            try cancellation.checkpoint()
            let keys = keyCodes(column)
            var next: Int32 = 0
            if k == 0, case .text(_, let dict) = column.data, column.missing == nil {
                // Text keys are already small integers: map codes straight to groups.
                var map = [Int32](repeating: -1, count: dict.count)
                for r in 0..<rows {
                    let c = Int(keys[r])
                    if map[c] < 0 {
                        map[c] = next
                        next += 1
                    }
                    ids[r] = map[c]
                }
            } else {
                // Each new group is an exact (group so far, this key) pair.
                var table: [GroupKey: Int32] = [:]
                table.reserveCapacity(min(rows, 1 << 12))
                for r in 0..<rows {
                    let key = GroupKey(group: k == 0 ? 0 : ids[r], key: keys[r])
                    if let id = table[key] {
                        ids[r] = id
                    } else {
                        table[key] = next
                        ids[r] = next
                        next += 1
                    }
                }
            }
            count = Int(next)
        }
        var first = [Int32](repeating: -1, count: count)
        for r in 0..<rows where first[Int(ids[r])] < 0 { first[Int(ids[r])] = Int32(r) }
        return Grouping(groupOfRow: ids, groupCount: count, firstRow: first)
    }

    private struct GroupKey: Hashable {
        var group: Int32
        var key: UInt64
    }

    /// 64-bit keys per row: equal values give equal keys; missing values give
    /// a key per reason that no present value shares.
    static func keyCodes(_ column: Column) -> [UInt64] {
        let n = column.count
        var keys = [UInt64](repeating: 0, count: n)
        switch column.data {
        case .integer(let v):
            for r in 0..<n { keys[r] = UInt64(bitPattern: v[r]) }
        case .decimal(let v):
            for r in 0..<n { keys[r] = (v[r] == 0 ? 0.0 : v[r]).bitPattern }
        case .text(let codes, _):
            for r in 0..<n { keys[r] = UInt64(codes[r]) }
        case .boolean(let v):
            for r in 0..<n { keys[r] = v[r] ? 1 : 0 }
        }
        if let m = column.missing {
            // Missing values: a key outside the range of codes and unlikely for numbers.
            for r in 0..<n where m[r] != 0 { keys[r] = 0x7FF8_DEAD_0000_0000 | UInt64(m[r]) }
        }
        return keys
    }

    /// Row indices of each group, in row order.
    func rowsByGroup() -> [[Int32]] {
        var counts = [Int](repeating: 0, count: groupCount)
        for g in groupOfRow { counts[Int(g)] += 1 }
        var result = counts.map { n -> [Int32] in
            var a: [Int32] = []
            a.reserveCapacity(n)
            return a
        }
        for (r, g) in groupOfRow.enumerated() { result[Int(g)].append(Int32(r)) }
        return result
    }
}
