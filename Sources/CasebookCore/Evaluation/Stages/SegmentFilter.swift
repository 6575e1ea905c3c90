// `where` over a table whose columns are still in the column cache, when the
// condition is tests the cache can answer a segment at a time: conditions
// joined by `and`, each a column against a constant (`measure = "…"`,
// `time_period >= 201920`, `-5 < x`) or `is_missing(x)` / `not is_missing(x)`.
//
// Each segment's range of values (kept in the cache file) says whether a
// test can hold anywhere in it; a segment where one cannot is never read.
// In the others the tests run in turn and a segment is left as soon as no
// row is still in play, so a later test reads only the segments an earlier
// one left something in. The answer is the kept rows' numbers, and no column
// is held whole.
//
// The result is exactly the ordinary filter's: a row is kept when every test
// is true, and a test on a missing value is not true (in `where`, a missing
// `and` is a dropped row). Anything else — another shape of condition, a
// test of mismatched types (whose error the ordinary way gives), a column not
// in the cache, a segment that fails its checks — goes the ordinary way.

import Dispatch

enum SegmentFilter {
    /// One test of the condition.
    struct Test: Sendable {
        enum Kind: Sendable {
            case compare(BinaryOperator, Value)
            /// `is_missing(x)` (true) or `not is_missing(x)` (false).
            case missing(Bool)
        }

        let column: Int
        let kind: Kind
    }

    /// The rows the condition keeps, in order; nil when it cannot be worked
    /// out this way (then the ordinary filter runs).
    static func rows(_ table: Table, _ condition: Expr, cancellation: Cancellation) throws(Diagnostic) -> [Int32]? {
        guard let plan = prepare(table, condition) else { return nil }
        try cancellation.checkpoint()
        let kept = WorkerSlots<[Int32]?>.run(plan.candidates.count, parallel: plan.candidates.count > 1) { k in
            if cancellation.cancelled { return [] }
            let i = plan.candidates[k]
            return keptRows(segment: i, first: plan.starts[i], rows: plan.starts[i + 1] - plan.starts[i], plan.tests)
        }
        try cancellation.checkpoint()
        var out: [Int32] = []
        out.reserveCapacity(kept.reduce(0) { $0 + ($1?.count ?? 0) })
        for rows in kept {
            guard let rows else { return nil }  // a segment failed its checks
            out.append(contentsOf: rows)
        }
        return out
    }

    /// The tests, ready to run, and the segments they may hold in.
    struct Plan: Sendable {
        let tests: [Prepared]
        /// First row of each segment, and the total at the end.
        let starts: [Int]
        /// The segments no test's range rules out (only these are read).
        let candidates: [Int]
        var segmentCount: Int { starts.count - 1 }
    }

    /// The plan for `condition` over `table`, or nil when it cannot be run this way.
    static func prepare(_ table: Table, _ condition: Expr) -> Plan? {
        guard table.rowCount > 0, let tests = plan(condition, table) else { return nil }
        var sources: [Int: CachedColumnSource] = [:]
        for t in tests where sources[t.column] == nil {
            guard let s = table.columns[t.column].pendingSource as? CachedColumnSource,
                table.columns[t.column].count == table.rowCount
            else { return nil }
            sources[t.column] = s
        }
        // One file, one layout: the tests' segments line up row for row.
        let first = sources.values.first!
        let layout = first.segmentRows
        guard layout.reduce(0, +) == table.rowCount,
            sources.values.allSatisfy({ $0.sharesFile(with: first) && $0.segmentRows == layout })
        else { return nil }
        var prepared: [Prepared] = []
        for t in tests {
            let needsValues: Bool
            if case .compare = t.kind { needsValues = true } else { needsValues = false }
            guard let reader = sources[t.column]!.segmentReader(values: needsValues) else { return nil }
            prepared.append(Prepared(test: t, source: sources[t.column]!, reader: reader))
        }
        // The test likely to keep fewest rows first: a segment is left once
        // none is in play, before the other tests' columns are read.
        let shares = prepared.map(\.expectedShare)
        prepared = prepared.indices.sorted { (shares[$0], $0) < (shares[$1], $1) }.map { prepared[$0] }
        var starts = [0]
        for n in layout { starts.append(starts.last! + n) }
        let candidates = layout.indices.filter { i in prepared.allSatisfy { $0.mayHold(inSegment: i) } }
        return Plan(tests: prepared, starts: starts, candidates: candidates)
    }

    // MARK: - The shape of the condition

    /// The condition's tests, or nil when it is not only such tests.
    static func plan(_ condition: Expr, _ table: Table) -> [Test]? {
        var tests: [Test] = []
        func walk(_ e: Expr) -> Bool {
            switch e.kind {
            case .binary(.and, let a, let b):
                return walk(a) && walk(b)
            case .binary(let op, let a, let b) where op.isComparison:
                if let c = column(a, table), let v = constant(b), compatible(table.columns[c].type, v) {
                    tests.append(Test(column: c, kind: .compare(op, v)))
                    return true
                }
                if let c = column(b, table), let v = constant(a), compatible(table.columns[c].type, v) {
                    tests.append(Test(column: c, kind: .compare(Kernels.flipped(op), v)))
                    return true
                }
                return false
            case .call(let name, _, let arguments):
                guard FunctionWord(spelled: name) == .is_missing, arguments.count == 1, let c = column(arguments[0], table)
                else { return false }
                tests.append(Test(column: c, kind: .missing(true)))
                return true
            case .unary(.not, let inner):
                guard case .call(let name, _, let arguments) = inner.kind, FunctionWord(spelled: name) == .is_missing,
                    arguments.count == 1, let c = column(arguments[0], table)
                else { return false }
                tests.append(Test(column: c, kind: .missing(false)))
                return true
            default:
                return false
            }
        }
        return walk(condition) && !tests.isEmpty ? tests : nil
    }

    private static func column(_ e: Expr, _ table: Table) -> Int? {
        guard case .column(let name) = e.kind else { return nil }
        return table.index(of: name)
    }

    private static func constant(_ e: Expr) -> Value? {
        switch e.kind {
        case .integer(let v): return .integer(v)
        case .decimal(let v): return v.isNaN ? nil : .decimal(v)
        case .string(let s): return .text(s)
        case .unary(.negate, let inner):
            switch inner.kind {
            case .integer(let v) where v != .min: return .integer(-v)
            case .decimal(let v) where !v.isNaN: return .decimal(-v)
            default: return nil
            }
        default: return nil
        }
    }

    /// The pairs the ordinary comparison takes without an error or a note.
    private static func compatible(_ type: ColumnType, _ v: Value) -> Bool {
        switch (type, v) {
        case (.integer, .integer), (.integer, .decimal), (.decimal, .integer), (.decimal, .decimal), (.text, .text):
            return true
        default: return false
        }
    }

    // MARK: - Running the tests

    /// A test with what it reads, and for text the answer for each string.
    struct Prepared: Sendable {
        let test: Test
        let source: CachedColumnSource
        let reader: SegmentReader
        /// Text: the answer for each dictionary code, and for each stored code
        /// the number of true answers below it (to ask of a range of codes).
        var answers: [Bool] = []
        var trueBelow: [Int] = []
        /// The dictionary code of the only string the test holds for, if one.
        var onlyTrueCode: UInt32? = nil

        init(test: Test, source: CachedColumnSource, reader: SegmentReader) {
            self.test = test
            self.source = source
            self.reader = reader
            if case .compare(let op, .text(let s)) = test.kind, let dictionary = reader.dictionary {
                answers = dictionary.values.map { Operators.textTest(op, $0, s) }
                if answers.lazy.filter({ $0 }).count == 1 { onlyTrueCode = UInt32(answers.firstIndex(of: true)!) }
                let stored = Int(reader.limit)
                var below = [Int](repeating: 0, count: stored + 1)
                for code in 0..<stored {
                    let d = Int(reader.dictionaryCode(UInt32(code)))
                    below[code + 1] = below[code] + (d < answers.count && answers[d] ? 1 : 0)
                }
                trueBelow = below
            }
        }

        /// False when the segment's range shows the test holds in none of its rows.
        func mayHold(inSegment i: Int) -> Bool {
            switch test.kind {
            case .missing(true): return source.hasMissing(inSegment: i)
            case .missing(false):
                if case .noValues? = source.range(ofSegment: i) { return false }
                return true
            case .compare(let op, let v):
                guard let range = source.range(ofSegment: i) else { return true }
                switch (range, v) {
                case (.noValues, _): return false
                case (.integers(let lo, let hi), .integer(let y)): return Self.mayHold(op, lo, hi, y)
                case (.integers(let lo, let hi), .decimal(let y)): return Self.mayHold(op, Double(lo), Double(hi), y)
                case (.decimals(let lo, let hi), .integer(let y)): return Self.mayHold(op, lo, hi, Double(y))
                case (.decimals(let lo, let hi), .decimal(let y)): return Self.mayHold(op, lo, hi, y)
                case (.codes(let lo, let hi), .text):
                    guard Int(hi) + 1 < trueBelow.count else { return true }
                    return trueBelow[Int(hi) + 1] - trueBelow[Int(lo)] > 0
                default: return true
                }
            }
        }

        /// Whether `x OP y` can hold for some x in lo...hi.
        static func mayHold<T: Comparable>(_ op: BinaryOperator, _ lo: T, _ hi: T, _ y: T) -> Bool {
            switch op {
            case .equal: return lo <= y && y <= hi
            case .notEqual: return !(lo == y && hi == y)
            case .less: return lo < y
            case .lessEqual: return lo <= y
            case .greater: return hi > y
            default: return hi >= y
            }
        }

        /// Narrows `keep` (1: still in play) to the rows where the test is
        /// true, in one pass into `keep`; the rows still in play, or nil when
        /// the segment fails its checks.
        func narrow(_ keep: inout [UInt8], segment i: Int) -> Int? {
            guard let (data, mask) = reader.read(i) else { return nil }
            let n = keep.count
            // Without branches (1 or 0 ANDed in), so that the loops run many rows at a time.
            @inline(__always) func bit(_ b: Bool) -> UInt8 { b ? 1 : 0 }
            return keep.withUnsafeMutableBufferPointer { k -> Int in
                switch test.kind {
                case .missing(let wanted):
                    if let mask {
                        for r in 0..<n { k[r] &= bit((mask[r] != 0) == wanted) }
                    } else if wanted {
                        for r in 0..<n { k[r] = 0 }
                    }
                case .compare(let op, let v):
                    switch (data, v) {
                    case (.integer(let a)?, .integer(let y)):
                        a.withUnsafeBufferPointer { Self.narrow(k, op, $0, y) }
                    case (.integer(let a)?, .decimal(let y)):
                        a.map { Double($0) }.withUnsafeBufferPointer { Self.narrow(k, op, $0, y) }
                    case (.decimal(let a)?, .integer(let y)):
                        a.withUnsafeBufferPointer { Self.narrow(k, op, $0, Double(y)) }
                    case (.decimal(let a)?, .decimal(let y)):
                        a.withUnsafeBufferPointer { Self.narrow(k, op, $0, y) }
                    case (.text(let codes, _)?, .text):
                        codes.withUnsafeBufferPointer { c in
                            if let only = onlyTrueCode {
                                // One string answers true (`measure = "…"`): a comparison of codes.
                                for r in 0..<n { k[r] &= bit(c[r] == only) }
                            } else {
                                answers.withUnsafeBufferPointer { a in
                                    for r in 0..<n { k[r] &= bit(a[Int(c[r])]) }
                                }
                            }
                        }
                    default:
                        for r in 0..<n { k[r] = 0 }
                    }
                    // A missing value does not compare true.
                    if let mask {
                        for r in 0..<n { k[r] &= bit(mask[r] == 0) }
                    }
                }
                var alive = 0
                for r in 0..<n { alive &+= Int(k[r]) }
                return alive
            }
        }

        /// keep[r] stays 1 where a[r] OP y.
        private static func narrow<T: Comparable>(_ k: UnsafeMutableBufferPointer<UInt8>, _ op: BinaryOperator, _ a: UnsafeBufferPointer<T>, _ y: T) {
            let n = k.count
            switch op {
            case .equal: for r in 0..<n { k[r] &= a[r] == y ? 1 : 0 }
            case .notEqual: for r in 0..<n { k[r] &= a[r] != y ? 1 : 0 }
            case .less: for r in 0..<n { k[r] &= a[r] < y ? 1 : 0 }
            case .lessEqual: for r in 0..<n { k[r] &= a[r] <= y ? 1 : 0 }
            case .greater: for r in 0..<n { k[r] &= a[r] > y ? 1 : 0 }
            default: for r in 0..<n { k[r] &= a[r] >= y ? 1 : 0 }
            }
        }

        /// The share of rows the test may keep, as far as can be told before
        /// reading any: a text test by the share of strings it holds for.
        var expectedShare: Double {
            switch test.kind {
            case .missing(let wanted): return wanted ? 0.1 : 0.9
            case .compare(let op, _):
                if !answers.isEmpty { return Double(answers.lazy.filter { $0 }.count) / Double(answers.count) }
                return op == .equal ? 0.1 : 0.5
            }
        }
    }

    /// The rows of one segment every test keeps (numbered in the table), or
    /// nil when a read fails its checks.
    private static func keptRows(segment i: Int, first: Int, rows n: Int, _ tests: [Prepared]) -> [Int32]? {
        var keep = [UInt8](repeating: 1, count: n)
        var alive = n
        for t in tests {
            guard let left = t.narrow(&keep, segment: i) else { return nil }
            alive = left
            if alive == 0 { return [] }
        }
        var out: [Int32] = []
        out.reserveCapacity(alive)
        for r in 0..<n where keep[r] != 0 { out.append(Int32(first + r)) }
        return out
    }
}
