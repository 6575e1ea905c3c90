// The mean of a cached column read a segment at a time (StreamedMeans.swift)
// gives what reading the column whole gives: the same bits, the same counts
// of skipped values, the same reasons for groups with none — and it never
// holds the column.

import Testing

@testable import CasebookCore

@Suite("Streamed means")
struct StreamedMeansTests {
    /// 70,000 rows in segments of a few thousand: tenths and counts with
    /// markers, a group whose rates are all `c`, one whose rates are `c` and
    /// `x`, and a column of thirds that no exact sum can hold.
    static func data() -> String {
        var rng = SeededGenerator(seed: 5)
        var text = "region,rate,count,third,wide,spread,ends\n"
        for i in 0..<70_000 {
            let region = i % 11 == 0 ? "All c" : i % 13 == 0 ? "Mixed" : "Region \(rng.next() % 9)"
            var rate = NumberText.shortest(Double(Int(rng.next() % 100_000) - 20_000) / 10)
            if region == "All c" { rate = "c" } else if region == "Mixed" { rate = i % 2 == 0 ? "c" : "x" } else if rng.next() % 23 == 0 { rate = "z" }
            let count = rng.next() % 31 == 0 ? "c" : String(rng.next() % 5000)
            let third = NumberText.shortest(Double(rng.next() % 1000) / 3)
            let wide = NumberText.shortest(Double(rng.next() % 1_000_000) / 100)
            // Whole numbers too far apart to pack (stored as they are), and a
            // column of whole numbers that turns to hundredths near the end.
            let spread = i < 30_000 || i % 2 == 0 ? String(rng.next() % 100) : String((1 << 33) + Int(rng.next() % 1000))
            let ends = i < 60_000 ? String(rng.next() % 900) : NumberText.shortest(Double(rng.next() % 90_000) / 100)
            text += "\(region),\(rate),\(count),\(third),\(wide),\(spread),\(ends)\n"
        }
        return text
    }

    @Test("the same means, notes and reasons as the column read whole")
    func sameAsWhole() throws {
        let file = try CachedCSV(Self.data(), name: "s.csv", blockBytes: 65_536)
        defer { file.remove() }
        let table = try file.cached()
        let keys = [try #require(table.column(named: "region"))]
        let groups = try Grouping.by(keys, rows: table.rowCount, cancellation: .never)
        for name in ["rate", "count", "wide", "spread", "ends"] {
            let column = try #require(table.column(named: name))
            let streamed = try #require(
                StreamedMeans.means(of: column, ids: groups.groupOfRow, groups: groups.groupCount), "\(name) is streamed")
            #expect(column.pendingSource != nil, "\(name) was not read whole")
            // The whole column, from memory.
            let whole = try #require(file.memory.column(named: name))
            let expected: (n: [Double], mean: [Double])?
            switch whole.data {
            case .integer(let v): expected = AggregateKernels.integerMeans(v, mask: whole.missing, ids: groups.groupOfRow, groups: groups.groupCount)
            case .decimal(let v):
                expected = AggregateKernels.decimalMeans(
                    v, mask: whole.missing, ids: groups.groupOfRow, groups: groups.groupCount, places: try #require(Units.valuePlaces(whole)))
            default: expected = nil
            }
            let e = try #require(expected)
            #expect(streamed.n == e.n, "\(name)")
            #expect(streamed.mean.map(\.bitPattern) == e.mean.map(\.bitPattern), "\(name)")
            var skipped: [MissingReason: Int] = [:]
            for (raw, n) in streamed.skipped.enumerated() where n > 0 { skipped[MissingReason(rawValue: UInt8(raw))!] = n }
            #expect(skipped == whole.missingCounts(), "\(name)")
        }
        // Each way a segment is stored was met.
        var stored = Set<String>()
        for name in ["spread", "ends", "wide"] {
            let source = try #require(table.column(named: name)?.pendingSource as? CachedColumnSource)
            for seg in source.column.segments {
                switch seg.packing {
                case .plain: stored.insert("\(name) plain \(seg.kind)")
                case .offset(_, _, let d): stored.insert("\(name) packed \(seg.kind) \(d)")
                }
            }
        }
        for expected in ["spread plain integer", "spread packed integer 0", "ends packed integer 0", "ends packed decimal 2", "wide packed decimal 2"] {
            #expect(stored.contains(expected), "\(expected) in \(stored.sorted())")
        }
        // Reasons of the groups with no rate: all `c`, or `c` and `x` (not available).
        let rate = try StreamedMeans.means(of: #require(table.column(named: "rate")), ids: groups.groupOfRow, groups: groups.groupCount)
        let allC = try #require(groups.firstRow.firstIndex { keys[0].value(at: Int($0)) == .text("All c") })
        let mixed = try #require(groups.firstRow.firstIndex { keys[0].value(at: Int($0)) == .text("Mixed") })
        #expect(rate?.emptyReasons[allC] == MissingReason.confidential.rawValue)
        #expect(rate?.emptyReasons[mixed] == MissingReason.notAvailable.rawValue)
        #expect(rate?.emptyReasons.filter { $0 != 0 }.count == 2)
        // Thirds are stored as they are: read whole, by Welford's steps.
        #expect(StreamedMeans.means(of: try #require(table.column(named: "third")), ids: groups.groupOfRow, groups: groups.groupCount) == nil)
    }

    @Test("a summarise prints the same from the cache as from memory")
    func sameAnswers() throws {
        let file = try CachedCSV(Self.data(), name: "s.csv", blockBytes: 65_536)
        defer { file.remove() }
        for statement in [
            "s | summarise r = mean(rate), c = mean(count), t = mean(third), w = mean(wide), p = mean(spread), e = mean(ends) by region",
            "s | summarise r = mean(rate), n = count()",
            "s | where count > 100 | summarise r = mean(rate) by region",
        ] {
            let (a, b) = try file.answers(statement, as: "s")
            #expect(a == b, "\(statement)\n\(a)\n\(b)")
            #expect(a.contains("All c") || !statement.contains("by region"), "\(a)")
        }
    }
}
