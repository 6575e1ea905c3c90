// Orders rows by one or more keys: the engine of `sort`, and of the ordering
// inside `rank`, `top`, `change` and grouped results. Missing values always go
// last, whatever the direction; text compares by bytes; ties keep row order.

struct RowOrder {
    /// One key: per row, a 64-bit code whose unsigned order is the values'
    /// order in the key's direction, and the missing reasons (missing rows
    /// sort last in either direction and tie with each other).
    struct Key {
        var codes: [UInt64]
        var missing: [UInt8]?
    }

    var keys: [Key]

    init(columns: [(Column, descending: Bool)]) {
        keys = columns.map { column, descending in
            let (data, missing) = column.parts
            return Key(codes: Self.codes(data, descending: descending), missing: missing)
        }
    }

    /// Order-preserving codes: whole numbers with the sign bit flipped;
    /// decimals by their bits (negatives inverted; -0 read as 0); text by the
    /// rank of its string in byte order; false before true. Descending: inverted.
    static func codes(_ data: ColumnData, descending: Bool) -> [UInt64] {
        let flip: UInt64 = descending ? ~0 : 0
        func make<T>(_ v: [T], _ f: (T) -> UInt64) -> [UInt64] {
            [UInt64](uninitializedCount: v.count) { out, count in
                v.withUnsafeBufferPointer { src in
                    for i in 0..<src.count { out[i] = f(src[i]) ^ flip }
                }
                count = v.count
            }
        }
        switch data {
        case .integer(let v):
            return make(v) { UInt64(bitPattern: $0) ^ (1 << 63) }
        case .decimal(let v):
            return make(v) { d in
                let bits = (d == 0 ? 0.0 : d).bitPattern
                return bits & (1 << 63) != 0 ? ~bits : bits | (1 << 63)
            }
        case .text(let codes, let dict):
            let ranks = dict.sortRanks()
            return ranks.withUnsafeBufferPointer { r in make(codes) { UInt64(r[Int($0)]) } }
        case .boolean(let v):
            return make(v) { $0 ? 1 : 0 }
        }
    }

    /// -1, 0 or 1: how row a compares with row b on the keys (no tie-break).
    @inline(__always)
    func compare(_ a: Int, _ b: Int) -> Int {
        for key in keys {
            if let m = key.missing {
                let ma = m[a], mb = m[b]
                if ma != 0 || mb != 0 {
                    if ma != 0 && mb != 0 { continue }
                    return ma != 0 ? 1 : -1  // missing last in either direction
                }
            }
            let x = key.codes[a], y = key.codes[b]
            if x != y { return x < y ? -1 : 1 }
        }
        return 0
    }

    /// The given rows (default: all) sorted by the keys; ties keep row order.
    func sorted(_ rows: [Int32]) -> [Int32] {
        // `.never` cannot throw: the sort below only stops when asked to.
        (try? sorted(rows, cancellation: .never)) ?? rows
    }

    /// The same, stopping with the "cancelled" diagnostic on Ctrl-C.
    func sorted(_ rows: [Int32], cancellation: Cancellation) throws(Diagnostic) -> [Int32] {
        if keys.count == 1 { return try sortedByOneKey(rows, keys[0], cancellation) }
        return try CancellableSort.sorted(rows, cancellation: cancellation) { a, b in
            let c = compare(Int(a), Int(b))
            return c != 0 ? c < 0 : a < b
        }
    }

    /// One key: sort (code, row) pairs; missing rows after, in the order given.
    private func sortedByOneKey(_ rows: [Int32], _ key: Key, _ cancellation: Cancellation) throws(Diagnostic) -> [Int32] {
        var present: [(UInt64, Int32)] = []
        var absent: [Int32] = []
        present.reserveCapacity(rows.count)
        key.codes.withUnsafeBufferPointer { c in
            if let m = key.missing {
                m.withUnsafeBufferPointer { mb in
                    for r in rows {
                        if mb[Int(r)] != 0 { absent.append(r) } else { present.append((c[Int(r)], r)) }
                    }
                }
            } else {
                for r in rows { present.append((c[Int(r)], r)) }
            }
        }
        try cancellation.checkpoint()
        present = try CancellableSort.sorted(present, cancellation: cancellation) { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
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
        return table.gather(try order.sorted((0..<table.rowCount).map { Int32($0) }, cancellation: env.context.cancellation))
    }
}
