// Rows to group numbers, for summarise, count, rank, change, top and the
// aggregates inside derive. Keys are read from the columns' own storage — text
// by dictionary code, numbers by value — so no key is ever turned into a string.
// Missing keys form a group per reason. Groups are numbered in order of first
// appearance.
//
// Keys that are small integers (text codes, true/false, whole numbers in a
// narrow range) are looked up in a plain array indexed by (group so far, key);
// other keys go through an open-addressing hash table on 64-bit keys.

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
    static func by(_ keyColumns: [Column], rows: Int, cancellation: Cancellation) throws(Diagnostic) -> Grouping {
        guard !keyColumns.isEmpty else { return single(rows: rows) }
        if let grouping = try CachedGrouping.by(keyColumns, rows: rows, cancellation: cancellation) { return grouping }
        // Keys still in the column cache are read for the grouping alone: the
        // table's column stays unmade (a later stage reads only the rows it needs).
        let columns = keyColumns.map { column -> Column in
            guard column.count >= 1 << 16, let runs = column.cachedRuns(values: true), let (data, missing) = runs.assemble()
            else { return column }
            return column.made(data, missing)
        }
        var ids = [Int32](repeating: 0, count: rows)
        var count = 0
        // Two small keys (region by measure, say): one pass over (first, second) pairs.
        if columns.count == 2, let (a, ca) = denseKeys(columns[0]), let (b, cb) = denseKeys(columns[1]), ca * cb <= 1 << 24 {
            try cancellation.checkpoint()
            count = numberPairs(a, b, cardinality: cb, slots: ca * cb, ids: &ids)
            return finish(ids, count: count, rows: rows)
        }
        for (k, column) in columns.enumerated() {
            try cancellation.checkpoint()
            let previous = k == 0 ? 1 : count
            if let (codes, cardinality) = denseKeys(column), previous * cardinality <= 1 << 24 {
                count = numberDense(codes, cardinality: cardinality, groupsSoFar: previous, first: k == 0, ids: &ids)
            } else {
                count = numberHashed(keyCodes(column), first: k == 0, ids: &ids)
            }
        }
        return finish(ids, count: count, rows: rows)
    }

    static func finish(_ ids: [Int32], count: Int, rows: Int) -> Grouping {
        var first = [Int32](repeating: -1, count: count)
        ids.withUnsafeBufferPointer { id in
            first.withUnsafeMutableBufferPointer { f in
                for r in 0..<rows where f[Int(id[r])] < 0 { f[Int(id[r])] = Int32(r) }
            }
        }
        return Grouping(groupOfRow: ids, groupCount: count, firstRow: first)
    }

    /// Numbers the pairs (group so far, key) by first appearance through an
    /// array of groups × cardinality slots.
    private static func numberDense(
        _ codes: [UInt32], cardinality: Int, groupsSoFar: Int, first: Bool, ids: inout [Int32]
    ) -> Int {
        let rows = codes.count
        var next: Int32 = 0
        var map = [Int32](repeating: -1, count: max(1, groupsSoFar * cardinality))
        codes.withUnsafeBufferPointer { c in
            ids.withUnsafeMutableBufferPointer { id in
                map.withUnsafeMutableBufferPointer { m in
                    for r in 0..<rows {
                        let slot = first ? Int(c[r]) : Int(id[r]) &* cardinality &+ Int(c[r])
                        var g = m[slot]
                        if g < 0 {
                            g = next
                            m[slot] = g
                            next += 1
                        }
                        id[r] = g
                    }
                }
            }
        }
        return Int(next)
    }

    /// Numbers the pairs (a, b) by first appearance through an array of slots.
    private static func numberPairs(_ a: [UInt32], _ b: [UInt32], cardinality: Int, slots: Int, ids: inout [Int32]) -> Int {
        let rows = a.count
        var next: Int32 = 0
        var map = [Int32](repeating: -1, count: max(1, slots))
        a.withUnsafeBufferPointer { ap in
            b.withUnsafeBufferPointer { bp in
                ids.withUnsafeMutableBufferPointer { id in
                    map.withUnsafeMutableBufferPointer { m in
                        for r in 0..<rows {
                            let slot = Int(ap[r]) &* cardinality &+ Int(bp[r])
                            var g = m[slot]
                            if g < 0 {
                                g = next
                                m[slot] = g
                                next += 1
                            }
                            id[r] = g
                        }
                    }
                }
            }
        }
        return Int(next)
    }

    /// The same through a hash table of (group so far, 64-bit key).
    private static func numberHashed(_ keys: [UInt64], first: Bool, ids: inout [Int32]) -> Int {
        let rows = keys.count
        var table = PairTable(capacity: min(rows, 1 << 12))
        keys.withUnsafeBufferPointer { k in
            ids.withUnsafeMutableBufferPointer { id in
                for r in 0..<rows {
                    id[r] = table.number(group: first ? 0 : id[r], key: k[r])
                }
            }
        }
        return table.count
    }

    /// Keys as codes in 0..<cardinality when the column's values are few small
    /// integers: text codes, true/false, whole numbers in a narrow range.
    /// Missing values get a code per reason after the values' codes.
    static func denseKeys(_ column: Column) -> (codes: [UInt32], cardinality: Int)? {
        let (data, mask) = column.parts
        let n = column.count
        var codes: [UInt32]
        var base: Int
        switch data {
        case .text(let c, let dict):
            codes = c
            base = dict.count
        case .boolean(let v):
            codes = v.map { $0 ? 1 : 0 }
            base = 2
        case .integer(let v):
            guard n > 0 else { return ([], 1) }
            var lo = Int64.max, hi = Int64.min
            v.withUnsafeBufferPointer { b in
                for r in 0..<n where mask == nil || mask![r] == 0 {
                    lo = min(lo, b[r])
                    hi = max(hi, b[r])
                }
            }
            if lo > hi { lo = 0; hi = 0 }
            let (span, overflow) = hi.subtractingReportingOverflow(lo)
            guard !overflow, span < 1 << 20 else { return nil }
            codes = [UInt32](uninitializedCount: n) { out, count in
                v.withUnsafeBufferPointer { b in
                    for r in 0..<n { out[r] = UInt32(truncatingIfNeeded: b[r] &- lo) }
                }
                count = n
            }
            base = Int(span) + 1
        case .decimal:
            return nil
        }
        guard let mask else { return (codes, base) }
        codes.withUnsafeMutableBufferPointer { c in
            mask.withUnsafeBufferPointer { m in
                for r in 0..<n where m[r] != 0 { c[r] = UInt32(base) + UInt32(m[r]) }
            }
        }
        return (codes, base + 256)
    }

    /// 64-bit keys per row: equal values give equal keys; missing values give
    /// a key per reason that no present value shares.
    static func keyCodes(_ column: Column) -> [UInt64] {
        let n = column.count
        let (data, mask) = column.parts
        var keys = [UInt64](repeating: 0, count: n)
        keys.withUnsafeMutableBufferPointer { k in
            switch data {
            case .integer(let v):
                v.withUnsafeBufferPointer { b in for r in 0..<n { k[r] = UInt64(bitPattern: b[r]) } }
            case .decimal(let v):
                v.withUnsafeBufferPointer { b in for r in 0..<n { k[r] = (b[r] == 0 ? 0.0 : b[r]).bitPattern } }
            case .text(let codes, _):
                codes.withUnsafeBufferPointer { b in for r in 0..<n { k[r] = UInt64(b[r]) } }
            case .boolean(let v):
                for r in 0..<n { k[r] = v[r] ? 1 : 0 }
            }
            if let m = mask {
                // Missing values: a key outside the range of codes and unlikely for numbers.
                m.withUnsafeBufferPointer { mb in
                    for r in 0..<n where mb[r] != 0 { k[r] = 0x7FF8_DEAD_0000_0000 | UInt64(mb[r]) }
                }
            }
        }
        return keys
    }

    /// Row indices of each group, in row order.
    func rowsByGroup() -> [[Int32]] {
        let csr = members()
        return (0..<groupCount).map { g in Array(csr.rows[csr.offsets[g]..<csr.offsets[g + 1]]) }
    }

    /// Every group's rows in one array, in row order within each group:
    /// group g's rows are rows[offsets[g]..<offsets[g + 1]].
    func members() -> (offsets: [Int], rows: [Int32]) {
        let n = groupOfRow.count
        var offsets = [Int](repeating: 0, count: groupCount + 1)
        groupOfRow.withUnsafeBufferPointer { ids in
            offsets.withUnsafeMutableBufferPointer { o in
                for r in 0..<n { o[Int(ids[r]) + 1] += 1 }
                if groupCount > 0 { for g in 0..<groupCount { o[g + 1] += o[g] } }
            }
        }
        var cursor = offsets
        let rows = [Int32](uninitializedCount: n) { out, count in
            groupOfRow.withUnsafeBufferPointer { ids in
                cursor.withUnsafeMutableBufferPointer { c in
                    for r in 0..<n {
                        let g = Int(ids[r])
                        out[c[g]] = Int32(r)
                        c[g] += 1
                    }
                }
            }
            count = n
        }
        return (offsets, rows)
    }
}

/// Numbers (group, key) pairs by first appearance: open addressing, linear probing.
struct PairTable {
    private var groups: [Int32]
    private var keys: [UInt64]
    private var numbers: [Int32]  // -1: empty
    private var mask: Int
    private(set) var count = 0

    init(capacity: Int) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        groups = [Int32](repeating: 0, count: size)
        keys = [UInt64](repeating: 0, count: size)
        numbers = [Int32](repeating: -1, count: size)
        mask = size - 1
    }

    @inline(__always)
    static func hash(_ group: Int32, _ key: UInt64) -> Int {
        var h = key &+ UInt64(UInt32(bitPattern: group)) &* 0x9E37_79B9_7F4A_7C15
        h ^= h >> 32
        h = h &* 0xD6E8_FEB8_6659_FD93
        h ^= h >> 32
        return Int(truncatingIfNeeded: h)
    }

    /// The number of the pair, a new one if it is new.
    @inline(__always)
    mutating func number(group: Int32, key: UInt64) -> Int32 {
        var slot = Self.hash(group, key) & mask
        while true {
            let n = numbers[slot]
            if n < 0 { break }
            if keys[slot] == key && groups[slot] == group { return n }
            slot = (slot + 1) & mask
        }
        let n = Int32(count)
        numbers[slot] = n
        keys[slot] = key
        groups[slot] = group
        count += 1
        if count * 2 > mask { grow() }
        return n
    }

    private mutating func grow() {
        let size = (mask + 1) * 2
        var g2 = [Int32](repeating: 0, count: size)
        var k2 = [UInt64](repeating: 0, count: size)
        var n2 = [Int32](repeating: -1, count: size)
        let m2 = size - 1
        for i in 0...mask where numbers[i] >= 0 {
            var slot = Self.hash(groups[i], keys[i]) & m2
            while n2[slot] >= 0 { slot = (slot + 1) & m2 }
            g2[slot] = groups[i]
            k2[slot] = keys[i]
            n2[slot] = numbers[i]
        }
        groups = g2
        keys = k2
        numbers = n2
        mask = m2
    }
}
