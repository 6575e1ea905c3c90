// Grouping by text keys still in the cache, a run at a time
// (CachedGrouping.swift), numbers the groups exactly as grouping the keys
// read whole does, and leaves the keys unmade.

import Testing

@testable import CasebookCore

@Suite("Grouping by cached keys")
struct CachedGroupingTests {
    @Test("the same groups, numbered alike, for whole columns and filters' selections")
    func sameGroups() throws {
        let file = try CachedCSV(StreamedAggregatesTests.data(), name: "s.csv", blockBytes: 65_536)
        defer { file.remove() }
        let table = try file.cached()
        let n = table.rowCount
        var rng = SeededGenerator(seed: 8)
        // Kept rows above CachedGrouping.minimumRows: scattered, and all after a point.
        let selections: [[Int32]?] = [
            nil, (0..<n).filter { _ in rng.next() % 40 != 0 }.map { Int32($0) }, Array(3_000..<Int32(n)),
        ]
        for selection in selections {
            for names in [["region"], ["label"], ["region", "label"], ["label", "region", "label"]] {
                let cached = try names.map { name in
                    let c = try #require(table.column(named: name))
                    return selection.map { c.gather($0) } ?? c
                }
                let memory = try names.map { name in
                    let c = try #require(file.memory.column(named: name))
                    return selection.map { c.gather($0).resolvedCopy() } ?? c
                }
                let rows = selection?.count ?? n
                let streamed = try #require(try CachedGrouping.by(cached, rows: rows, cancellation: .never), "\(names)")
                let whole = try Grouping.by(memory, rows: rows, cancellation: .never)
                #expect(streamed.groupCount == whole.groupCount, "\(names)")
                #expect(streamed.groupOfRow == whole.groupOfRow, "\(names)")
                #expect(streamed.firstRow == whole.firstRow, "\(names)")
                #expect(cached.allSatisfy { $0.cachedRuns(values: false) != nil }, "the keys were not made")
            }
        }
        // Not text, or not in the cache: left to Grouping.by.
        #expect(try CachedGrouping.by([#require(table.column(named: "count"))], rows: n, cancellation: .never) == nil)
        #expect(try CachedGrouping.by([#require(file.memory.column(named: "region"))], rows: n, cancellation: .never) == nil)
    }
}
