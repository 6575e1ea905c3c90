// Values packed to their width in the cache (Packing, CacheFormat.swift): each
// kind of column chooses the packing that holds it exactly, reads back bit
// for bit through every way a cached column is read, and the cache of
// published long-format data is a fraction of the CSV's size.

import Testing

@testable import CasebookCore

@Suite("Cache packing")
struct CachePackingTests {
    @Test("the packing chosen holds the values exactly, else they are stored as they are")
    func choices() {
        func choose(_ v: Segment.Values, _ mask: [UInt8]? = nil) -> Packing {
            Packing.choose(v, mask: mask, range: SegmentRange.of(v, mask: mask))
        }
        #expect(choose(.integers([201516, 201617, 202324])) == .offset(base: 201516, width: 2, decimals: 0))
        #expect(choose(.integers([3, 200, 7])) == .offset(base: 3, width: 1, decimals: 0))
        #expect(choose(.integers([0, 1 << 40])) == .plain)
        #expect(choose(.integers([.min, .max])) == .plain)
        #expect(choose(.integers([-5, 0, 900_000_000, 7]), [0, 1, 0, 0]) == .offset(base: -5, width: 4, decimals: 0))
        #expect(choose(.codes([0, 152, 7])) == .offset(base: 0, width: 1, decimals: 0))
        #expect(choose(.codes([10, 70_000])) == .plain)
        #expect(choose(.decimals([465.1, 12.5, -3.25])) == .offset(base: -325, width: 2, decimals: 2))
        #expect(choose(.decimals([1.0 / 3, 2])) == .plain)
        #expect(choose(.decimals([-0.0, 1])) == .plain, "-0.0 would come back as 0.0")
        #expect(choose(.decimals([1e300, 1])) == .plain)
        #expect(choose(.decimals([0.5, .nan])) == .plain)
        #expect(choose(.integers([9, 9]), [1, 1]) == .offset(base: 0, width: 1, decimals: 0), "all missing")
    }

    /// A file with a column for every packing, markers here and there.
    static func data(rows: Int) -> String {
        var rng = SeededGenerator(seed: 11)
        var text = "year,small,wide,huge,tenths,thousandths,raw,signed_zero,name,many\n"
        for i in 0..<rows {
            func maybe(_ s: String) -> String { rng.next() % 17 == 0 ? ["c", "x", "z", ""][Int(rng.next() % 4)] : s }
            let year = 2024 - i / 500
            let tenths = Double(Int(rng.next() % 20_000) - 10_000) / 10
            let thousandths = Double(Int(rng.next() % 2_000_000) - 1_000_000) / 1000
            let raw = Double(rng.next() % 1_000_000) / 7
            let zero = rng.next() % 2 == 0 ? "-0.0" : "0.5"
            text += "\(year),\(maybe(String(rng.next() % 250))),\(maybe(String(rng.next() % 3_000_000))),"
                + "\(maybe(String(Int64(bitPattern: rng.next()) / 3))),\(maybe(NumberText.shortest(tenths))),"
                + "\(maybe(NumberText.shortest(thousandths))),\(maybe(NumberText.shortest(raw))),\(zero),"
                + "\(maybe("LA \(rng.next() % 153)")),\(maybe("item \(rng.next() % 4000)"))\n"
        }
        return text
    }

    @Test("every way of reading a packed column gives the values bit for bit")
    func readBack() throws {
        let file = try CachedCSV(Self.data(rows: 8000), name: "p.csv", blockBytes: 16_384)
        defer { file.remove() }
        let memory = file.memory
        func cached() throws -> Table { try file.cached() }
        // The packings the file was given.
        var seen = Set<String>()
        for c in try cached().columns {
            let source = try #require(c.pendingSource as? CachedColumnSource)
            for s in source.column.segments {
                switch s.packing {
                case .plain: seen.insert("\(c.name) plain")
                case .offset(_, let w, let d): seen.insert("\(c.name) \(w)/\(d)")
                }
            }
        }
        for expected in [
            "year 1/0", "small 1/0", "wide 4/0", "huge plain", "tenths 2/1", "thousandths 4/3", "raw plain",
            "signed_zero plain", "name 1/0", "many 2/0",
        ] {
            #expect(seen.contains(expected), "\(expected) in \(seen.sorted())")
        }
        func same(_ a: Table, _ b: Table, _ what: String) {
            #expect(a.columnNames == b.columnNames && a.rowCount == b.rowCount, "\(what)")
            for (x, y) in zip(a.columns, b.columns) {
                let (dx, mx) = x.parts, (dy, my) = y.parts
                #expect((mx ?? []) == (my ?? []) || (mx == nil && my?.allSatisfy { $0 == 0 } == true), "\(what) \(x.name) missing")
                switch (dx, dy) {
                case (.integer(let p), .integer(let q)): #expect(p == q, "\(what) \(x.name)")
                case (.decimal(let p), .decimal(let q)): #expect(p.map(\.bitPattern) == q.map(\.bitPattern), "\(what) \(x.name)")
                case (.text, .text): #expect(a.firstDifference(from: b) == nil, "\(what) \(x.name)")
                default: Issue.record("\(what) \(x.name): types differ")
                }
            }
        }
        // Whole, as the table in memory.
        same(try cached().resolved(), memory, "whole")
        // Some rows (scattered, and most rows in order).
        let scattered: [Int32] = stride(from: 7999, through: 0, by: -37).map(Int32.init)
        same(try cached().gather(scattered).resolved(), memory.gather(scattered).resolved(), "scattered rows")
        let most: [Int32] = (0..<8000).filter { $0 % 5 != 0 }.map(Int32.init)
        same(try cached().gather(most).resolved(), memory.gather(most).resolved(), "most rows")
        // A segment at a time, through filters.
        for condition in ["tenths > 0.5", "thousandths <= -1.5 and year = 2020", "many = \"item 7\"", "not is_missing(small)"] {
            let (a, b) = try file.answers("p | where \(condition) | select year, tenths, thousandths, raw, many | take 50", as: "p")
            #expect(a == b, "\(condition)")
        }
    }

    @Test("a cached column knows the places its values need, or says it does not")
    func knownPlaces() throws {
        // Segments of 1,000 rows or so: some columns change their places from one to the next.
        var text = Self.data(rows: 6000)
        var lines = text.split(separator: "\n").map(String.init)
        lines[0] += ",mixed,ends,large"
        for i in 1..<lines.count {
            let places = (i / 900) % 4
            let k = Int(i * 7919 % 100_000) - 50_000
            let mixed = NumberText.shortest(Double(k) / NumberText.power10(places))
            let ends = i < 5000 ? String(k) : NumberText.shortest(Double(k) / 100)  // whole numbers, then hundredths
            let large = NumberText.shortest(Double(k) * 1e8 + 0.25)
            lines[i] += ",\(i % 13 == 0 ? "c" : mixed),\(ends),\(large)"
        }
        text = lines.joined(separator: "\n") + "\n"
        let file = try CachedCSV(text, name: "k.csv", blockBytes: 16_384)
        defer { file.remove() }
        var known: [String: Int] = [:]
        for c in try file.cached().columns where c.type != .text {
            let memory = try #require(file.memory.column(named: c.name))
            let needed = Units.valuePlaces(memory)
            if let p = c.knownPlaces {
                known[c.name] = p
                #expect(p == needed, "\(c.name): the cache says \(p), the values need \(String(describing: needed))")
            }
        }
        // Known without reading for the packed columns; not for those stored as they are.
        #expect(known["tenths"] == 1 && known["thousandths"] == 3 && known["mixed"] == 3 && known["ends"] == 2)
        #expect(known["year"] == 0 && known["small"] == 0)
        #expect(known["raw"] == nil && known["signed_zero"] == nil && known["large"] == nil, "\(known)")
        // A gather of a cached column does not claim them (its rows may need fewer).
        #expect(try file.cached().gather(Array(0..<5000)).column(named: "tenths")?.knownPlaces == nil)
    }

    @Test("means from the cache and from memory are the same, exact or not")
    func meansAgree() throws {
        let file = try CachedCSV(Self.data(rows: 8000), name: "m.csv", blockBytes: 16_384)
        defer { file.remove() }
        for statement in [
            "m | summarise a = mean(tenths), b = mean(thousandths), c = mean(raw), d = mean(small), e = mean(wide) by year",
            "m | where tenths > 0 | summarise a = mean(tenths), b = mean(thousandths * 2), c = mean(raw) by name",
            "m | group year | derive a = mean(tenths) | select year, a | distinct",
        ] {
            let (a, b) = try file.answers(statement + " | take 40", as: "m")
            #expect(a == b, "\(statement)")
            #expect(!a.contains("error"), "\(a)")
        }
    }

    @Test("long-format data as published caches to a fraction of the CSV's size")
    func compact() throws {
        var text = "time_period,geographic_level,old_la_code,new_la_code,la_name,region_name,measure,value\n"
        var rng = SeededGenerator(seed: 3)
        for year in stride(from: 2024, through: 2013, by: -1) {
            for m in 0..<40 {
                for la in 0..<153 {
                    let value = rng.next() % 50 == 0 ? "c" : (m % 2 == 0 ? String(rng.next() % 5000) : NumberText.shortest(Double(rng.next() % 10_000) / 10))
                    text += "\(year - 1)\(year % 100),Local authority,\(800 + la),E0\(6_000_000 + la),Authority \(la),Region \(la % 9),measure_\(m),\(value)\n"
                }
            }
        }
        let file = try CachedCSV(text, name: "m.csv")
        defer { file.remove() }
        let size = file.cacheFileBytes
        #expect(size > 0, "a cache file was written")
        let ratio = Double(size) / Double(text.utf8.count)
        #expect(ratio < 1.0 / 3, "cache \(size) bytes for a CSV of \(text.utf8.count): \(ratio)")
    }
}
