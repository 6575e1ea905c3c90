// `join [left] OTHER on KEY[, KEY…]` — and `on a = b` when the key has another
// name on the right. A hash join on the keys' own storage (text by code, mapped
// across the two dictionaries). Missing keys never match. Columns of the right
// side whose names clash with the left get the right side's name as a suffix.
// A result beyond the row limit stops with a message rather than filling memory.

enum Join {
    static func apply(
        _ left: Table, kind: JoinKind, right rightPipeline: Pipeline, on keys: [JoinKey], _ env: StageEnvironment
    ) throws(Diagnostic) -> Table {
        let right = try env.runPipeline(rightPipeline)
        let rightName: String
        switch rightPipeline.source {
        case .named(let n): rightName = n.name
        case .nested, .compare, .scorecard: rightName = "right"
        }
        var leftKeys: [Column] = []
        var rightKeys: [Column] = []
        for key in keys {
            guard let l = left.column(named: key.left.name) else {
                throw env.evaluator(left).unknownColumn(key.left.name, span: key.left.span, in: left)
            }
            guard let r = right.column(named: key.right.name) else {
                var d = env.evaluator(right).unknownColumn(key.right.name, span: key.right.span, in: right)
                d.message += " in \(rightName)"
                if key.left.span == key.right.span {
                    d.help = (d.help.map { $0 + "; " } ?? "") + "if the key has another name there, write `on \(key.left.name) = name`"
                }
                throw d
            }
            let compatible = l.type == r.type || (l.type.isNumeric && r.type.isNumeric)
            guard compatible else {
                throw Diagnostic(
                    id: .typeMismatch,
                    message: "cannot join \(l.type.displayName) `\(l.name)` with \(r.type.displayName) `\(r.name)` of \(rightName)",
                    span: key.left.span.union(key.right.span),
                    help: l.type == .text || r.type == .text ? "convert one side first, e.g. `derive \(l.name) = number(\(l.name))`" : nil)
            }
            leftKeys.append(l)
            rightKeys.append(r)
        }
        try env.checkpoint()
        // Keys as comparable 64-bit values on both sides.
        let (lk, rk) = alignedKeys(leftKeys, rightKeys)
        let table = KeyTable(keys: rk, usable: usableRows(rightKeys, rows: right.rowCount))
        let leftUsable = usableRows(leftKeys, rows: left.rowCount)
        let limit = env.context.settings.rowLimit
        let estimate = try resultSize(
            table, lk, rk, leftUsable: leftUsable, rightUsable: usableRows(rightKeys, rows: right.rowCount), left: kind == .left, env)
        let bytesPerRow = 8 + 8 * (left.columns.count + right.columns.count)
        if estimate > limit {
            throw Diagnostic.joinTooLarge(limit: limit, estimate: estimate)
        }
        if let budget = MemoryBudget.current(), estimate.multipliedReportingOverflow(by: bytesPerRow).overflow
            || estimate * bytesPerRow > budget
        {
            throw Diagnostic(
                id: .resultTooLarge,
                message: "this join would make \(NumberText.grouped(estimate)) rows, about \(ByteSize.text(estimate &* bytesPerRow)), "
                    + "more than the \(ByteSize.text(budget)) of memory a statement may use",
                span: nil, help: "join on more keys (e.g. `on la_code, year`), or filter either side first")
        }
        var leftRows: [Int32] = []
        var rightRows: [Int32] = []
        leftRows.reserveCapacity(estimate)
        rightRows.reserveCapacity(estimate)
        for l in 0..<left.rowCount {
            if l & (Cancellation.stride - 1) == 0 { try env.checkpoint() }
            var matched = false
            if leftUsable[l] {
                var m = table.first(matching: lk, row: l)
                while m >= 0 {
                    leftRows.append(Int32(l))
                    rightRows.append(m)
                    matched = true
                    m = table.next(after: m, matching: lk, row: l)
                }
            }
            if !matched && kind == .left {
                leftRows.append(Int32(l))
                rightRows.append(-1)
            }
            if leftRows.count > limit {
                throw Diagnostic.joinTooLarge(limit: limit, estimate: nil)
            }
        }
        try env.checkpoint()
        var columns = left.columns.map { $0.gather(leftRows) }
        let rightKeyNames = Set(rightKeys.map(\.name))
        var used = Set(columns.map(\.name))
        var renamed: [String] = []
        for column in right.columns where !rightKeyNames.contains(column.name) {
            var name = column.name
            let joined = column.gather(rightRows)
            if used.contains(name) {
                // The same column on both sides (la_name, region…): keep one copy when
                // they agree on every joined row, else keep both under distinct names.
                if let mine = columns.first(where: { $0.name == name }), sameValues(mine, joined, rightRows) {
                    continue
                }
                name = "\(column.name)_\(rightName)"
                var n = 2
                while used.contains(name) {
                    name = "\(column.name)_\(rightName)_\(n)"
                    n += 1
                }
                renamed.append("`\(column.name)` → `\(name)`")
            }
            used.insert(name)
            columns.append(joined.renamed(name))
        }
        if !renamed.isEmpty {
            env.context.addNote("columns of \(rightName) also on the left were renamed: " + renamed.joined(separator: ", "))
        }
        // A joint return has no la_code of its own: it can match no single
        // authority's row, and leaving it out must not be silent.
        for (side, table, usable) in [("left", left, leftUsable), (rightName, right, usableRows(rightKeys, rows: right.rowCount))] {
            guard let joints = ReportingUnits.joints(in: table) else { continue }
            let unmatched = joints.filter { !usable[$0.key] }
            guard !unmatched.isEmpty else { continue }
            let names = Array(Set(unmatched.values.map(\.label))).sorted()
            let kept = side == "left" && kind == .left
            env.context.addNote(
                "\(Messages.plural(unmatched.count, "row")) of \(side == "left" ? "the left side" : side) \(unmatched.count == 1 ? "is a joint return" : "are joint returns") (\(Messages.andList(names))) with no single authority's key, so "
                    + (kept ? "\(unmatched.count == 1 ? "it is" : "they are") kept without a partner" : "\(unmatched.count == 1 ? "it matches" : "they match") nothing and \(unmatched.count == 1 ? "is" : "are") left out"))
        }
        var out = Table(columns: columns, rowCount: leftRows.count, sources: left.sources.merged(with: right.sources))
        out.grouping = left.grouping
        return out
    }

    /// The number of rows the join will make, from the key counts, before any
    /// is made: each right row counted under the first right row with its key,
    /// then each left row's key looked up once (one pass over each side).
    static func resultSize(
        _ table: KeyTable, _ lk: [[UInt64]], _ rk: [[UInt64]], leftUsable: [Bool], rightUsable: [Bool], left isLeft: Bool,
        _ env: StageEnvironment
    ) throws(Diagnostic) -> Int {
        var perKey = [Int](repeating: 0, count: rightUsable.count)
        for r in rightUsable.indices where rightUsable[r] {
            if r & (Cancellation.stride - 1) == 0 { try env.checkpoint() }
            let f = table.first(matching: rk, row: r)
            if f >= 0 { perKey[Int(f)] += 1 }
        }
        var total = 0
        for l in leftUsable.indices {
            if l & (Cancellation.stride - 1) == 0 { try env.checkpoint() }
            let f = leftUsable[l] ? table.first(matching: lk, row: l) : -1
            total += f >= 0 ? perKey[Int(f)] : (isLeft ? 1 : 0)
        }
        return total
    }

    /// True when two columns hold the same value on every row that has a partner
    /// (rows of a left join without one are ignored).
    static func sameValues(_ a: Column, _ b: Column, _ partners: [Int32]) -> Bool {
        // Read row by row: made once, not looked up per row.
        let a = a.resolvedCopy(), b = b.resolvedCopy()
        if case .text(let codesA, let stringsA) = a.data, case .text(let codesB, let stringsB) = b.data {
            // Text by its codes: each pair of strings compared once, not made per row.
            let missingA = a.missing, missingB = b.missing
            var same: [UInt64: Bool] = [:]
            for r in 0..<a.count where partners[r] >= 0 {
                let ra = missingA?[r] ?? 0, rb = missingB?[r] ?? 0
                if ra != 0 || rb != 0 {
                    if ra != rb { return false }
                    continue
                }
                let pair = UInt64(codesA[r]) << 32 | UInt64(codesB[r])
                if let known = same[pair] {
                    if !known { return false }
                    continue
                }
                let equal = stringsA[codesA[r]] == stringsB[codesB[r]]
                if !equal { return false }
                same[pair] = equal
            }
            return true
        }
        for r in 0..<a.count where partners[r] >= 0 {
            if a.value(at: r) != b.value(at: r) { return false }
        }
        return true
    }

    /// Rows whose keys are all present (a missing key never matches).
    static func usableRows(_ keys: [Column], rows: Int) -> [Bool] {
        var usable = [Bool](repeating: true, count: rows)
        for key in keys {
            guard let m = key.missing else { continue }
            for r in 0..<rows where m[r] != 0 { usable[r] = false }
        }
        return usable
    }

    /// The right side's rows by key: open addressing on the key's hash, and
    /// for each row the next row with the same hash, in row order, so the
    /// matches of a left row come out in the right side's row order.
    struct KeyTable {
        let keys: [[UInt64]]
        private var heads: [Int32]  // first row of each slot's chain, -1: none
        private var nextRow: [Int32]
        private var hashes: [UInt64]
        private let mask: Int

        init(keys: [[UInt64]], usable: [Bool]) {
            self.keys = keys
            let n = usable.count
            var size = 16
            while size < n * 2 { size <<= 1 }
            mask = size - 1
            heads = [Int32](repeating: -1, count: size)
            nextRow = [Int32](repeating: -1, count: n)
            hashes = [UInt64](repeating: 0, count: n)
            // Backwards, so that each chain lists its rows in row order.
            for r in stride(from: n - 1, through: 0, by: -1) where usable[r] {
                let h = Self.hash(keys, r)
                hashes[r] = h
                let slot = Int(truncatingIfNeeded: h) & mask
                nextRow[r] = heads[slot]
                heads[slot] = Int32(r)
            }
        }

        @inline(__always)
        static func hash(_ keys: [[UInt64]], _ r: Int) -> UInt64 {
            var h: UInt64 = 0x9E37_79B9_7F4A_7C15
            for k in keys {
                h = (h ^ k[r]) &* 0xBF58_476D_1CE4_E5B9
                h ^= h >> 29
            }
            return h
        }

        /// The first right row whose keys equal the left row's, or -1.
        func first(matching left: [[UInt64]], row l: Int) -> Int32 {
            let h = Self.hash(left, l)
            return scan(from: heads[Int(truncatingIfNeeded: h) & mask], hash: h, left, l)
        }

        /// The next such right row after `r`, or -1.
        func next(after r: Int32, matching left: [[UInt64]], row l: Int) -> Int32 {
            scan(from: nextRow[Int(r)], hash: hashes[Int(r)], left, l)
        }

        private func scan(from start: Int32, hash h: UInt64, _ left: [[UInt64]], _ l: Int) -> Int32 {
            var r = start
            while r >= 0 {
                if hashes[Int(r)] == h {
                    var equal = true
                    for k in 0..<keys.count where keys[k][Int(r)] != left[k][l] {
                        equal = false
                        break
                    }
                    if equal { return r }
                }
                r = nextRow[Int(r)]
            }
            return -1
        }
    }

    /// Per key, 64-bit values that are equal exactly when the values are equal
    /// across the two sides: text codes of the right side are translated into
    /// the left side's dictionary; numbers compare as decimals when either side is.
    static func alignedKeys(_ left: [Column], _ right: [Column]) -> ([[UInt64]], [[UInt64]]) {
        var lk: [[UInt64]] = []
        var rk: [[UInt64]] = []
        for (l, r) in zip(left, right) {
            switch (l.data, r.data) {
            case (.text(let lc, let ld), .text(let rc, let rd)):
                var index: [String: UInt64] = [:]
                for (i, s) in ld.values.enumerated() { index[s] = UInt64(i) }
                // A right-side string absent on the left gets a code no left row has.
                let translate = rd.values.enumerated().map { i, s in index[s] ?? (UInt64(1) << 40) + UInt64(i) }
                lk.append(lc.map { UInt64($0) })
                rk.append(rc.map { translate[Int($0)] })
            case (.integer(let a), .integer(let b)):
                lk.append(a.map { UInt64(bitPattern: $0) })
                rk.append(b.map { UInt64(bitPattern: $0) })
            case (.boolean(let a), .boolean(let b)):
                lk.append(a.map { $0 ? 1 : 0 })
                rk.append(b.map { $0 ? 1 : 0 })
            default:
                let a = l.doubles() ?? [], b = r.doubles() ?? []
                lk.append(a.map { ($0 == 0 ? 0.0 : $0).bitPattern })
                rk.append(b.map { ($0 == 0 ? 0.0 : $0).bitPattern })
            }
        }
        return (lk, rk)
    }
}
