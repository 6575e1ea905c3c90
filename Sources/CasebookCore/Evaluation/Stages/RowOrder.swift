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

    /// The first `limit` rows of `sorted(rows)`, the same rows in the same
    /// order, without sorting them all: `sort … | take N` over millions of rows
    /// keeps the N best in a heap (one comparison with its worst for most rows).
    /// Rows must be given in increasing order, as `sorted` breaks ties by it.
    func first(_ limit: Int, of rows: [Int32], cancellation: Cancellation) throws(Diagnostic) -> [Int32] {
        // A heap only pays when it keeps a small part of the rows.
        guard limit < rows.count / 4 else {
            return Array(try sorted(rows, cancellation: cancellation).prefix(max(0, limit)))
        }
        guard limit > 0 else { return [] }
        // The comparison `sorted` uses, ties to the earlier row: a total order,
        // so the N smallest are one set whichever way they are found.
        let before: (Int32, Int32) -> Bool = { a, b in
            let c = compare(Int(a), Int(b))
            return c != 0 ? c < 0 : a < b
        }
        var heap = BoundedHeap(capacity: limit, before: before)
        var sinceCheck = 0
        for r in rows {
            heap.offer(r)
            sinceCheck += 1
            if sinceCheck == CancellableSort.run {
                sinceCheck = 0
                try cancellation.checkpoint()
            }
        }
        return heap.elements.sorted(by: before)
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

/// The `limit` elements that come first in a total order, kept as a max-heap
/// on that order: its root is the worst kept, and a new element replaces it
/// only if it comes before it.
struct BoundedHeap {
    let capacity: Int
    let before: (Int32, Int32) -> Bool
    private(set) var elements: [Int32] = []

    init(capacity: Int, before: @escaping (Int32, Int32) -> Bool) {
        self.capacity = capacity
        self.before = before
        elements.reserveCapacity(capacity)
    }

    mutating func offer(_ x: Int32) {
        if elements.count < capacity {
            elements.append(x)
            var i = elements.count - 1
            while i > 0 {
                let parent = (i - 1) / 2
                guard before(elements[parent], elements[i]) else { break }
                elements.swapAt(parent, i)
                i = parent
            }
        } else if before(x, elements[0]) {
            elements[0] = x
            var i = 0
            let n = elements.count
            while true {
                let l = 2 * i + 1, r = l + 1
                var worst = i
                if l < n && before(elements[worst], elements[l]) { worst = l }
                if r < n && before(elements[worst], elements[r]) { worst = r }
                if worst == i { break }
                elements.swapAt(i, worst)
                i = worst
            }
        }
    }
}

enum Sort {
    /// `sort KEYS`, or with `limit`, `sort KEYS | take limit` (the first rows of
    /// the same order, found without sorting the rest).
    static func apply(_ table: Table, _ keys: [SortKey], limit: Int? = nil, _ env: StageEnvironment) throws(Diagnostic) -> Table {
        let evaluator = env.evaluator(table)
        var columns: [(Column, descending: Bool)] = []
        for key in keys {
            let v = try evaluator.evaluate(key.expr)
            columns.append((v.materialize(name: "", count: table.rowCount), key.descending))
        }
        try env.checkpoint()
        let order = RowOrder(columns: columns)
        let rows = (0..<table.rowCount).map { Int32($0) }
        if let limit {
            return table.gather(try order.first(limit, of: rows, cancellation: env.context.cancellation))
        }
        return table.gather(try order.sorted(rows, cancellation: env.context.cancellation))
    }
}
