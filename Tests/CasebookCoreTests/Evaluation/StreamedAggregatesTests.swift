// Aggregates of a cached column — whole, or the rows a filter kept — read a
// run at a time (StreamedAggregates.swift, CachedRuns.swift) give what the
// column read whole gives: the same bits, notes and reasons for empty groups;
// and neither the aggregated column nor the grouping keys are made.

import Testing

@testable import CasebookCore

@Suite("Streamed aggregates")
struct StreamedAggregatesTests {
    /// StreamedMeansTests' 70,000 rows (every way a segment is stored, markers,
    /// groups with no values) and a text column with markers.
    static func data() -> String {
        var rng = SeededGenerator(seed: 11)
        var lines = StreamedMeansTests.data().split(separator: "\n", omittingEmptySubsequences: false)
        lines[0] += ",label,flag"
        for i in 1..<lines.count where !lines[i].isEmpty {
            let label = rng.next() % 17 == 0 ? "c" : "L\(rng.next() % 40)"
            lines[i] += ",\(label),\(rng.next() % 2 == 0 ? "true" : "false")"
        }
        return lines.joined(separator: "\n")
    }

    static let aggregates =
        "n = count(), c = count(rate), lo = min(rate), hi = max(rate), m = mean(rate), md = median(rate), q = quantile(rate, 0.9), "
        + "ci = count(count), li = min(count), hi2 = max(count), mi = mean(count), mdi = median(count), "
        + "t = mean(third), mt = median(third), lt = max(third), w = mean(wide), qw = quantile(wide, 0.25), "
        + "p = mean(spread), xp = max(spread), np = min(spread), e = mean(ends), me = median(ends), "
        + "cl = count(label), ml = min(label), cf = count(flag), mf = max(flag)"

    @Test("after any filter, with or without groups, the cache answers as memory does")
    func sameAnswers() throws {
        let file = try CachedCSV(Self.data(), name: "s.csv", blockBytes: 65_536)
        defer { file.remove() }
        let filters = [
            "", "where count > 100 |", "where count > 4990 |", "where region = \"Mixed\" |", "where not is_missing(rate) |",
            "where rate > 9000 |", "where ends > 100 and count < 2500 |", "where label = \"L3\" |", "where flag |",
            "where region = \"nowhere\" |",
        ]
        for filter in filters {
            for by in ["", " by region", " by region, label", " by flag"] {
                let statement = "set format csv\ns | \(filter) summarise \(Self.aggregates)\(by)"
                let (cached, memory) = try file.answers(statement, as: "s")
                #expect(cached == memory, "\(statement)\n\(cached)\n\(memory)")
            }
        }
        // Aggregates inside expressions, and in `derive` and `where`.
        for statement in [
            "s | where count > 50 | summarise d = max(rate) - min(rate), h = median(rate) * 2, r = mean(rate) / count(rate) by region",
            "s | where count > 50 | derive share = rate / max(rate) | summarise x = max(share), y = min(share)",
            "s | where count > 50 | group region | derive top = rate = max(rate) | where top | count",
        ] {
            let (cached, memory) = try file.answers("set format csv\n" + statement, as: "s")
            #expect(cached == memory, "\(statement)\n\(cached)\n\(memory)")
        }
    }

    @Test("the columns summarised and grouped by stay in the cache")
    func nothingMade() throws {
        let file = try CachedCSV(Self.data(), name: "s.csv", blockBytes: 65_536)
        defer { file.remove() }
        let table = try file.cached()
        let count = try #require(table.column(named: "count"))
        let kept = (0..<table.rowCount).filter { count.value(at: $0).doubleValue.map { $0 > 100 } ?? false }.map { Int32($0) }
        #expect(kept.count > 1 << 16)
        let filtered = table.gather(kept)
        let keys = [try #require(filtered.column(named: "region")), try #require(filtered.column(named: "label"))]
        let groups = try Grouping.by(keys, rows: filtered.rowCount, cancellation: .never)
        #expect(keys.allSatisfy { $0.cachedRuns(values: false) != nil }, "the keys were not made")

        let memo = StreamedAggregates.Memo(), places = Units.PlacesMemo()
        let rate = try #require(filtered.column(named: "rate"))
        let mean = Expr(.call(name: "mean", nameSpan: .at(0), arguments: [Expr(.column("rate"), .at(0))]), .at(0))
        StreamedAggregates.plan([mean], into: memo)
        let request = try #require(StreamedAggregates.Request(.median))
        let answered = StreamedAggregates.answer(
            request, of: rate, ids: groups.groupOfRow, groups: groups.groupCount, memo: memo, places: places)
        let median = try #require(answered)
        #expect(memo.answered["rate"]?.columns.count == 2, "the planned mean came with the median")
        #expect(rate.cachedRuns(values: true) != nil, "rate was not made")
        #expect(places.places["rate"] == .some(1), "the places of rate's kept values were noted")

        // The same bits as the kept rows of the column read whole.
        let whole = try #require(file.memory.column(named: "rate")).gather(kept).resolvedCopy()
        let (q, empty) = AggregateKernels.quantiles(
            whole.doubles()!, mask: whole.missing, ids: groups.groupOfRow, groups: groups.groupCount, p: 0.5)
        #expect(median.column.doubles()!.map(\.bitPattern) == q.map(\.bitPattern))
        #expect((median.column.missing ?? []).map { $0 != 0 } == empty.map { $0 != 0 })
        #expect(median.skipped == whole.missingCounts())
    }

    @Test("runs of a selection hold the selected rows, and together the gather")
    func runsOfSelections() throws {
        let file = try CachedCSV(Self.data(), name: "s.csv", blockBytes: 65_536)
        defer { file.remove() }
        let table = try file.cached()
        var rng = SeededGenerator(seed: 3)
        let n = table.rowCount
        var selections: [[Int32]] = [
            [], [0], [Int32(n - 1)], (0..<n).map { Int32($0) },
        ]
        let third: [Int32] = (0..<n).filter { _ in rng.next() % 3 == 0 }.map { Int32($0) }
        // A few rows of one stretch, then every row of the last segments.
        let patches: [Int32] = Array(20_001..<20_500) + Array(60_001..<Int32(n))
        selections += [third, patches]
        for name in ["rate", "count", "spread", "ends", "label", "flag"] {
            let column = try #require(table.column(named: name))
            let memory = try #require(file.memory.column(named: name))
            for selection in selections {
                let picked = column.gather(selection)
                guard selection.count > Column.eagerGatherRows else { continue }
                let runs = try #require(picked.cachedRuns(values: true), "\(name)")
                #expect(runs.rows == selection.count)
                let (data, missing) = try #require(runs.assemble())
                let expected = memory.gather(selection).resolvedCopy()
                #expect(Column(name: name, data: data, missing: missing).cells() == expected.cells(), "\(name)")
                #expect(picked.cachedRuns(values: false) != nil, "assembling did not make the column")
            }
        }
    }
}

extension Column {
    /// Every value as text, for comparing columns whatever their storage.
    fileprivate func cells() -> [String] { (0..<count).map { "\(value(at: $0))" } }
}
