// Orders rows by one or more keys: the engine of `sort`, and of the ordering
// inside `rank`, `top`, `change` and grouped results. Missing values always go
// last, whatever the direction; text compares by bytes; ties keep row order.

struct RowOrder {
    enum Keys {
        case ints([Int64])
        case doubles([Double])
        case ranks([UInt32])  // text, by the dictionary's byte order
        case bools([Bool])
    }

    struct Key {
        var keys: Keys
        var missing: [UInt8]?
        var descending: Bool
    }

    var keys: [Key]

    init(columns: [(Column, descending: Bool)]) {
        keys = columns.map { column, descending in
            let k: Keys
            switch column.data {
            case .integer(let v): k = .ints(v)
            case .decimal(let v): k = .doubles(v)
            case .text(let codes, let dict):
                let ranks = dict.sortRanks()
                k = .ranks(codes.map { ranks[Int($0)] })
            case .boolean(let v): k = .bools(v)
            }
            return Key(keys: k, missing: column.missing, descending: descending)
        }
    }

    /// -1, 0 or 1: how row a compares with row b on the keys (no tie-break).
    @inline(__always)
    func compare(_ a: Int, _ b: Int) -> Int {
        for key in keys {
            let ma = key.missing?[a] ?? 0, mb = key.missing?[b] ?? 0
            if ma != 0 || mb != 0 {
                if ma != 0 && mb != 0 { continue }
                return ma != 0 ? 1 : -1  // missing last in either direction
            }
            var c = 0
            switch key.keys {
            case .ints(let v): c = v[a] < v[b] ? -1 : (v[a] > v[b] ? 1 : 0)
            case .doubles(let v): c = v[a] < v[b] ? -1 : (v[a] > v[b] ? 1 : 0)
            case .ranks(let v): c = v[a] < v[b] ? -1 : (v[a] > v[b] ? 1 : 0)
            case .bools(let v): c = v[a] == v[b] ? 0 : (v[a] ? 1 : -1)
            }
            if c != 0 { return key.descending ? -c : c }
        }
        return 0
    }

    /// The given rows (default: all) sorted by the keys, stable.
    func sorted(_ rows: [Int32]) -> [Int32] {
        if keys.count == 1, case .doubles(let v) = keys[0].keys {
            return sortedByDouble(rows, v, keys[0])
        }
        if keys.count == 1, case .ints(let v) = keys[0].keys {
            return sortedByDouble(rows, v.map { Double($0) }, keys[0], exactInts: v)
        }
        return rows.sorted { a, b in
            let c = compare(Int(a), Int(b))
            return c != 0 ? c < 0 : a < b
        }
    }

    /// One numeric key: sort (value, row) pairs without the general comparator.
    private func sortedByDouble(_ rows: [Int32], _ v: [Double], _ key: Key, exactInts: [Int64]? = nil) -> [Int32] {
        var present: [(Double, Int32)] = []
        var absent: [Int32] = []
        present.reserveCapacity(rows.count)
        for r in rows {
            if let m = key.missing, m[Int(r)] != 0 { absent.append(r) } else { present.append((v[Int(r)], r)) }
        }
        if let ints = exactInts {
            // Whole numbers beyond 2^53 lose precision as doubles: compare exactly.
            present.sort { x, y in
                let a = ints[Int(x.1)], b = ints[Int(y.1)]
                if a != b { return key.descending ? a > b : a < b }
                return x.1 < y.1
            }
        } else if key.descending {
            present.sort { $0.0 != $1.0 ? $0.0 > $1.0 : $0.1 < $1.1 }
        } else {
            present.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
        }
        return present.map(\.1) + absent
    }
}

enum Sort {
    static func apply(_ table: Table, _ keys: [SortKey], _ env: StageEnvironment) throws(Diagnostic) -> Table {
        let evaluator = env.evaluator(table)
        var columns: [(Column, descending: Bool)] = []
        for key in keys {
            let v = try evaluator.evaluate(key.expr)
            columns.append((v.materialize(name: "", count: table.rowCount), key.descending))
        }
        try env.checkpoint()
        let order = RowOrder(columns: columns)
        return table.gather(order.sorted((0..<table.rowCount).map { Int32($0) }))
    }
}
