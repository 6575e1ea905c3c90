// The column-at-a-time loops behind operators, grouping and aggregates,
// checked against the plain definitions they replaced, on random inputs.

import Testing

@testable import CasebookCore

@Suite("Kernels")
struct KernelTests {
    static func randomBooleans(_ n: Int, _ rng: inout SeededGenerator, missing: Bool) -> Column {
        let values = (0..<n).map { _ in rng.next() % 2 == 0 }
        let mask = missing ? (0..<n).map { _ in rng.next() % 3 == 0 ? UInt8(1 + rng.next() % 14) : 0 } : nil
        return Column(name: "", data: .boolean(values), missing: mask)
    }

    @Test func andOrFollowThreeValuedLogicRowByRow() {
        var rng = SeededGenerator(seed: 1)
        for round in 0..<200 {
            let n = Int(rng.next() % 50)
            let l = Self.randomBooleans(n, &rng, missing: round % 2 == 0)
            let r = Self.randomBooleans(n, &rng, missing: round % 3 == 0)
            let scalars: [Value] = [.boolean(true), .boolean(false), .missing(.confidential)]
            let pairs: [(Vector, Vector)] = [
                (.column(l), .column(r)), (.column(l), .scalar(scalars[round % 3])), (.scalar(scalars[round % 3]), .column(r)),
            ]
            for (a, b) in pairs {
                for op in [BinaryOperator.and, .or] {
                    guard case .column(let out) = Operators.logical(op, a, b) else {
                        Issue.record("a column was expected")
                        continue
                    }
                    for i in 0..<n {
                        let want = Operators.scalarLogic(op == .and, a.value(at: i), b.value(at: i))
                        #expect(out.value(at: i) == want, "row \(i) \(op)")
                    }
                }
            }
        }
    }

    @Test func groupsAreNumberedInOrderOfFirstAppearance() throws {
        var rng = SeededGenerator(seed: 2)
        for round in 0..<100 {
            let n = Int(rng.next() % 300)
            let words = ["a", "b", "c", "d"]
            var text = TextColumnBuilder()
            var ints: [Int64] = [], doubles: [Double] = []
            var mask: [UInt8] = []
            for _ in 0..<n {
                text.append(words[Int(rng.next() % 4)])
                ints.append(round % 2 == 0 ? Int64(rng.next() % 5) : Int64(bitPattern: rng.next()) / 4)
                doubles.append([0.0, -0.0, 1.5, 2.5][Int(rng.next() % 4)])
                mask.append(rng.next() % 5 == 0 ? UInt8(1 + rng.next() % 3) : 0)
            }
            let columns = [
                Column(name: "t", data: text.finish(), missing: round % 3 == 0 ? mask : nil),
                Column(name: "i", data: .integer(ints), missing: round % 4 == 0 ? mask : nil),
                Column(name: "d", data: .decimal(doubles)),
            ]
            let g = try Grouping.by(columns, rows: n, cancellation: .never)
            // Reference: the tuple of each row's key values, numbered by first appearance.
            var seen: [[String]: Int32] = [:]
            for r in 0..<n {
                let key = columns.map { c -> String in
                    let v = c.value(at: r)
                    if case .decimal(let d) = v, d == 0 { return "0" }
                    return "\(v)"
                }
                let id = seen[key] ?? Int32(seen.count)
                seen[key] = id
                #expect(g.groupOfRow[r] == id, "round \(round) row \(r)")
            }
            #expect(g.groupCount == seen.count)
            let csr = g.members()
            #expect(g.rowsByGroup().flatMap { $0 }.count == n)
            #expect(csr.offsets.last == n)
        }
    }

    @Test func quantilesBySelectionEqualQuantilesOfTheSortedValues() {
        var rng = SeededGenerator(seed: 3)
        for round in 0..<400 {
            let n = 1 + Int(rng.next() % 200)
            let few = round % 3 == 0  // many ties
            var values = (0..<n).map { _ in few ? Double(rng.next() % 4) : Double(Int64(rng.next() % 10_000) - 5000) / 7 }
            let p = [0.0, 0.25, 0.5, 0.75, 1.0, Double(rng.next() % 1000) / 1000][round % 6]
            let sorted = values.sorted()
            let h = Double(n - 1) * p
            let lo = Int(h.rounded(.down)), hi = min(lo + 1, n - 1)
            let want = sorted[lo] + (h - Double(lo)) * (sorted[hi] - sorted[lo])
            let got = values.withUnsafeMutableBufferPointer { AggregateKernels.quantile($0, p) }
            #expect(got == want, "n \(n) p \(p)")
        }
    }

    @Test func groupedQuantilesSkipMissingValuesAndMarkEmptyGroups() {
        let values: [Double] = [5, 1, 9, 2, 7, 3, 100]
        let ids: [Int32] = [0, 0, 1, 0, 1, 2, 2]
        let mask: [UInt8] = [0, 0, 0, 0, 0, 2, 2]
        let (out, missing) = AggregateKernels.quantiles(values, mask: mask, ids: ids, groups: 3, p: 0.5)
        #expect(out[0] == 2 && out[1] == 8)
        #expect(missing == [0, 0, 1])
    }

    @Test func selectionVectorKeepsTrueRowsThatAreNotMissing() {
        let keep = [true, false, true, true, false, true]
        #expect(Kernels.selected(keep, missing: nil) == [0, 2, 3, 5])
        #expect(Kernels.selected(keep, missing: [0, 0, 1, 0, 0, 0]) == [0, 3, 5])
    }

    /// The order as it was defined value by value: missing last, ties to the next key, then row order.
    static func referenceOrder(_ columns: [(Column, Bool)], _ rows: Int) -> [Int32] {
        func less(_ x: Value, _ y: Value) -> Bool {
            switch (x, y) {
            case (.integer(let a), .integer(let b)): return a < b
            case (.decimal(let a), .decimal(let b)): return a < b
            case (.text(let a), .text(let b)): return TextDictionary.byteLess(a, b)
            case (.boolean(let a), .boolean(let b)): return !a && b
            default: return false
            }
        }
        return (0..<Int32(rows)).sorted { a, b in
            for (c, descending) in columns {
                let x = c.value(at: Int(a)), y = c.value(at: Int(b))
                if x.isMissing || y.isMissing {
                    if x.isMissing && y.isMissing { continue }
                    return y.isMissing
                }
                if less(x, y) { return !descending }
                if less(y, x) { return descending }
            }
            return a < b
        }
    }

    @Test func sortOrderMatchesTheValueByValueDefinition() {
        var rng = SeededGenerator(seed: 4)
        for round in 0..<150 {
            let n = Int(rng.next() % 120)
            let words = ["b", "a", "Ab", "é", "", "ab"]
            var text = TextColumnBuilder()
            var ints: [Int64] = [], doubles: [Double] = [], bools: [Bool] = []
            var mask: [UInt8] = []
            for _ in 0..<n {
                text.append(words[Int(rng.next() % 6)])
                ints.append([Int64.min, -3, 0, 7, Int64.max, 1 << 53, (1 << 53) + 1][Int(rng.next() % 7)])
                doubles.append([-0.0, 0.0, -2.5, 1e300, -1e-300, 3.25][Int(rng.next() % 6)])
                bools.append(rng.next() % 2 == 0)
                mask.append(rng.next() % 6 == 0 ? UInt8(1 + rng.next() % 3) : 0)
            }
            let all = [
                Column(name: "t", data: text.finish(), missing: round % 2 == 0 ? mask : nil),
                Column(name: "i", data: .integer(ints), missing: round % 3 == 0 ? mask : nil),
                Column(name: "d", data: .decimal(doubles)),
                Column(name: "b", data: .boolean(bools), missing: mask),
            ]
            let k = 1 + Int(rng.next() % 3)
            let chosen = (0..<k).map { _ in (all[Int(rng.next() % 4)], rng.next() % 2 == 0) }
            let got = RowOrder(columns: chosen.map { ($0.0, descending: $0.1) }).sorted((0..<Int32(n)).map { $0 })
            #expect(got == Self.referenceOrder(chosen, n), "round \(round)")
        }
    }

    @Test func firstRowsAreTheFullSortsFirstRows() throws {
        var rng = SeededGenerator(seed: 6)
        for round in 0..<200 {
            let n = Int(rng.next() % 600)
            var ints: [Int64] = [], doubles: [Double] = [], mask: [UInt8] = []
            for _ in 0..<n {
                ints.append(Int64(rng.next() % 5) - 2)  // many ties
                doubles.append([-0.0, 0.0, -2.5, 3.25, .infinity][Int(rng.next() % 5)])
                mask.append(rng.next() % 5 == 0 ? UInt8(1 + rng.next() % 3) : 0)
            }
            let all = [
                Column(name: "i", data: .integer(ints), missing: round % 2 == 0 ? mask : nil),
                Column(name: "d", data: .decimal(doubles), missing: round % 3 == 0 ? mask : nil),
            ]
            let k = 1 + Int(rng.next() % 2)
            let chosen = (0..<k).map { _ in (all[Int(rng.next() % 2)], descending: rng.next() % 2 == 0) }
            let order = RowOrder(columns: chosen)
            let rows = (0..<Int32(n)).map { $0 }
            let limit = [0, 1, 3, 10, 50, n, n + 5][Int(rng.next() % 7)]
            let got = try order.first(limit, of: rows, cancellation: .never)
            #expect(got == Array(order.sorted(rows).prefix(limit)), "round \(round), \(n) rows, first \(limit)")
        }
    }

    @Test func joinMatchesEveryEqualKeyInRightRowOrder() {
        var rng = SeededGenerator(seed: 5)
        for _ in 0..<100 {
            let nl = Int(rng.next() % 60), nr = Int(rng.next() % 60)
            let left = (0..<2).map { _ in (0..<nl).map { _ in rng.next() % 5 } }
            let right = (0..<2).map { _ in (0..<nr).map { _ in rng.next() % 5 } }
            let usable = (0..<nr).map { _ in rng.next() % 7 != 0 }
            let table = Join.KeyTable(keys: right, usable: usable)
            for l in 0..<nl {
                var got: [Int32] = []
                var m = table.first(matching: left, row: l)
                while m >= 0 {
                    got.append(m)
                    m = table.next(after: m, matching: left, row: l)
                }
                let want = (0..<nr).filter { r in usable[r] && right[0][r] == left[0][l] && right[1][r] == left[1][l] }.map { Int32($0) }
                #expect(got == want)
            }
        }
    }

    @Test("means without the squares are the same bits as Welford's means")
    func welfordMeansAreWelfords() {
        var rng = SeededGenerator(seed: 12)
        let n = 50_000
        let values = (0..<n).map { _ in Double(Int64(bitPattern: rng.next()) % 1_000_000) / Double(1 + rng.next() % 1000) }
        let mask = (0..<n).map { _ in UInt8(rng.next() % 9 == 0 ? 1 : 0) }
        let ids = (0..<n).map { _ in Int32(rng.next() % 37) }
        for m in [mask, nil] {
            let full = AggregateKernels.welford(values, mask: m, ids: ids, groups: 37)
            let means = AggregateKernels.welfordMeans(values, mask: m, ids: ids, groups: 37)
            #expect(means.n == full.n)
            #expect(means.mean.map(\.bitPattern) == full.mean.map(\.bitPattern))
        }
    }
}
