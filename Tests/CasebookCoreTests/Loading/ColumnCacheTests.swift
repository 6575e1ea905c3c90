// The column cache: a file read once is read again from its cache file while
// it is unchanged, only the columns a statement uses are read, the load report
// comes back with it, and a cache file that is stale, damaged or cannot be
// written is passed over without a word.

import Testing

@testable import CasebookCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

@Suite("Column cache")
struct ColumnCacheTests {
    /// Rows with a year to derive, markers, quoted text, a short and a long
    /// row, invalid UTF-8 and a blank line: something for every part of the report.
    static let sample: [UInt8] =
        Array(
            ("time_period,la_name,value,rate\n" + "201516,Reading,1673,465.1\n" + "201617,\"Bristol, City of\",c,x\n"
                + "201718,Slough,12\n" + "201819,Reading,14,2.5,extra\n" + "\n" + "201920,\"Say \"\"hi\"\"\",x,1.5\n" + "\n"
                + "202021,Caf").utf8) + [0xE9] + Array(",7,0.5\n".utf8)

    struct Setup {
        let folder = TemporaryFolder()
        var cache: ColumnCache
        let csv: String

        init(_ bytes: [UInt8] = ColumnCacheTests.sample) {
            cache = ColumnCache(directory: folder.file("cache"))
            cache.minimumBytes = 0
            csv = folder.write("data.csv", bytes: bytes)
        }

        func load(name: String = "data.csv") throws -> (Table, LoadReport) {
            try CSVLoader.load(path: csv, displayName: name, cancellation: .never, cache: cache)
        }

        var cacheFiles: [String] {
            (Directory.list(cache.directory) ?? []).filter { $0.hasSuffix(ColumnCache.suffix) }
        }

        var cacheFile: String { cache.directory + "/" + cacheFiles[0] }
    }

    static func isDeferred(_ t: Table) -> [Bool] { t.columns.map(\.isDeferred) }

    /// Sets a file's modification time `seconds` into the future (the size unchanged).
    static func touch(_ path: String, seconds: Int) {
        var st = stat()
        stat(path, &st)
        var times = [
            timespec(tv_sec: st.st_atim.tv_sec, tv_nsec: 0), timespec(tv_sec: st.st_mtim.tv_sec + seconds, tv_nsec: 0),
        ]
        utimensat(AT_FDCWD, path, &times, 0)
    }

    @Test func aSecondLoadIsReadFromTheCacheAndGivesTheSameTableAndReport() throws {
        let s = Setup()
        defer { s.folder.remove() }
        let (first, firstReport) = try s.load()
        #expect(s.cacheFiles.count == 1, "the first load writes the cache")
        let (second, secondReport) = try s.load()
        #expect(Self.isDeferred(second).allSatisfy { $0 }, "nothing is read from the cache file until used")
        #expect(second.firstDifference(from: first) == nil)
        #expect(secondReport.lines() == firstReport.lines())
        #expect(secondReport.rows == firstReport.rows && secondReport.columns == firstReport.columns)
        #expect(second.columnNames == ["time_period", "year", "la_name", "value", "rate"])
        // The same table as reading the bytes without a cache.
        let (plain, plainReport) = try CSVTest.read(bytes: Self.sample, fileName: "data.csv")
        #expect(second.firstDifference(from: plain) == nil)
        #expect(secondReport.lines() == plainReport.lines())
    }

    @Test func theReportIsShownAgainUnderTheNameUsedThisTime() throws {
        let s = Setup()
        defer { s.folder.remove() }
        _ = try s.load(name: "first.csv")
        let (_, report) = try s.load(name: "again.csv")
        let lines = report.lines()
        #expect(lines.contains("again.csv:4: row has 3 fields, expected 4; the missing ones are empty"))
        #expect(lines.contains("again.csv:5: row has 5 fields, expected 4; kept the first 4"))
        #expect(lines.contains("again.csv:9: invalid UTF-8 in column `la_name` (shown as �)"))
        #expect(lines.contains("again.csv: skipped 2 blank lines"))
        #expect(lines.contains { $0.hasPrefix("again.csv: `time_period` values such as 201516") })
    }

    @Test func onlyTheColumnsAStatementUsesAreRead() throws {
        let s = Setup()
        defer { s.folder.remove() }
        _ = try s.load()
        let (t, _) = try s.load()
        let engine = TestEngine()
        engine.workspace.bind("m", t, origin: "loaded")
        // A filter on a column streams it, and picking rows reads only what holds
        // them: nothing is kept.
        let out = engine.run("m | where value > 13 | select la_name")
        #expect(out.contains("Reading"), "\(out)")
        #expect(Self.isDeferred(engine.workspace.binding("m")!.table) == [true, true, true, true, true])
        // A column read whole is kept for the next statement; the others are never read.
        let top = engine.run("m | summarise top = max(rate)")
        #expect(top.contains("465.1"), "\(top)")
        #expect(Self.isDeferred(engine.workspace.binding("m")!.table) == [true, true, true, true, false])
    }

    @Test func aChangedSizeIsAMiss() throws {
        let s = Setup()
        defer { s.folder.remove() }
        _ = try s.load()
        s.folder.write("data.csv", bytes: Self.sample + Array("202122,Wokingham,99,9.5\n".utf8))
        let (t, report) = try s.load()
        #expect(t.rowCount == 7)
        #expect(t.values("la_name").last == .text("Wokingham"))
        #expect(report.rows == 7)
    }

    @Test func aChangedModificationTimeIsAMissEvenAtTheSameSize() throws {
        let s = Setup()
        defer { s.folder.remove() }
        _ = try s.load()
        // Same length, other content, and a later time.
        let text = String(decoding: Self.sample, as: UTF8.self).replacing("1673", with: "1973")
        s.folder.write("data.csv", bytes: Array(text.utf8))
        Self.touch(s.csv, seconds: 5)
        let (t, _) = try s.load()
        #expect(t.values("value").first == .integer(1973))
    }

    @Test func aDamagedCacheFileIsIgnoredWithoutAWord() throws {
        let s = Setup()
        defer { s.folder.remove() }
        let (original, originalReport) = try s.load()
        let path = s.cacheFile
        let file = try FileBytes(path: path)
        let size = file.size
        // Every kind of damage: garbage in the header, in the metadata, a
        // truncated file, an empty one; each time the CSV is read again.
        let damages: [(String, ([UInt8]) -> [UInt8])] = [
            ("header", { var b = $0; b[9] ^= 0xFF; return b }),
            ("metadata", { var b = $0; b[b.count - 20] ^= 0x55; return b }),
            ("truncated", { Array($0.prefix(size / 2)) }),
            ("empty", { _ in [] }),
            ("magic only", { Array($0.prefix(8)) }),
        ]
        let bytes = Array(file.bytes)
        for (what, damage) in damages {
            s.folder.write("cache/" + s.cacheFiles[0], bytes: damage(bytes))
            let (t, report) = try s.load()
            #expect(t.firstDifference(from: original) == nil, "\(what)")
            #expect(report.lines() == originalReport.lines(), "\(what): no warning about the cache")
            // The read wrote a good cache file again.
            #expect(try FileBytes(path: path).size == size, "\(what)")
        }
    }

    @Test func aDamagedSegmentIsFoundWhenReadAndTheCSVReadAgain() throws {
        let s = Setup()
        defer { s.folder.remove() }
        let (original, _) = try s.load()
        let (t, _) = try s.load()  // from the cache, nothing read yet
        // Another program overwrites the cache file's segments after it was opened.
        let fd = open(s.cacheFile, O_WRONLY)
        let junk = [UInt8](repeating: 0xAB, count: 64)
        _ = junk.withUnsafeBytes { pwrite(fd, $0.baseAddress, 64, off_t(CacheFormat.headerSize)) }
        close(fd)
        #expect(t.firstDifference(from: original) == nil)
        #expect(s.cache.warnings.drain().isEmpty)
    }

    @Test func aDamagedSegmentOfAFileThatChangedReadsAsMissingWithAWarning() throws {
        let s = Setup()
        defer { s.folder.remove() }
        _ = try s.load()
        let (t, _) = try s.load()
        truncate(s.cacheFile, off_t(CacheFormat.headerSize + 8))
        s.folder.write("data.csv", "time_period,la_name,value,rate\n201516,Reading,1,2\n")
        let values = t.values("la_name")
        #expect(values.count == 6)
        #expect(values.allSatisfy { $0 == .missing(.undefined) })
        let warnings = s.cache.warnings.drain()
        #expect(warnings.count == 1)
        #expect(warnings.first?.contains("`la_name` reads as missing values: load it again") == true)
    }

    @Test func aCacheFolderThatCannotBeWrittenIsPassedOver() throws {
        let s = Setup()
        defer { s.folder.remove() }
        // A folder under a file cannot be made, even by root.
        var cache = ColumnCache(directory: s.csv + "/cache")
        cache.minimumBytes = 0
        let (t, report) = try CSVLoader.load(path: s.csv, displayName: "data.csv", cancellation: .never, cache: cache)
        let (plain, plainReport) = try CSVTest.read(bytes: Self.sample, fileName: "data.csv")
        #expect(t.firstDifference(from: plain) == nil)
        #expect(report.lines() == plainReport.lines())
        #expect(!Self.isDeferred(t).contains(true), "read into memory")
    }

    @Test func readOnlyCacheIsReadButNeverWritten() throws {
        var s = Setup()
        defer { s.folder.remove() }
        s.cache.writes = false
        _ = try s.load()
        #expect(s.cacheFiles.isEmpty)
        s.cache.writes = true
        _ = try s.load()
        s.cache.writes = false
        let (t, _) = try s.load()
        #expect(Self.isDeferred(t).allSatisfy { $0 }, "an existing cache file is still used")
    }

    @Test func smallFilesAreNotCached() throws {
        var s = Setup()
        defer { s.folder.remove() }
        s.cache.minimumBytes = 1 << 20
        _ = try s.load()
        #expect(s.cacheFiles.isEmpty)
    }

    @Test func aFileWhoseHeaderIsAllThereIsIsNotCached() throws {
        let s = Setup(Array("a,b\n\n\n".utf8))
        defer { s.folder.remove() }
        let (t, report) = try s.load()
        #expect(t.rowCount == 0 && t.columnNames == ["a", "b"])
        #expect(report.lines() == ["data.csv: has a header but no rows"])
        #expect(s.cacheFiles.isEmpty)
    }

    @Test func oldCacheFilesAreTrimmedToTheLimit() throws {
        var s = Setup()
        defer { s.folder.remove() }
        s.cache.maximumBytes = 1
        let other = s.folder.write("other.csv", bytes: Self.sample)
        _ = try CSVLoader.load(path: other, displayName: "other.csv", cancellation: .never, cache: s.cache)
        #expect(s.cacheFiles.count == 1)
        _ = try s.load()
        #expect(s.cacheFiles.count == 1, "the older file went")
        #expect(s.cacheFiles[0] == s.cache.path(for: ColumnCache.canonicalPath(s.csv)).split(separator: "/").last.map(String.init))
    }

    @Test func columnsTurningTextLateAreTheSameFromTheCache() throws {
        // A column of numbers that turns to text in a later block: the earlier
        // blocks are read again (from the file) as text, markers as written.
        var text = "id,count\n"
        for i in 0..<2_000 { text += "\(i),\(i % 7 == 0 ? "c" : String(i))\n" }
        text += "2000,see note\n"
        let s = Setup(Array(text.utf8))
        defer { s.folder.remove() }
        let (t, report) = try CSVLoader.load(
            path: s.csv, displayName: "data.csv", cancellation: .never, cache: s.cache, blockBytes: 1000)
        let (plain, plainReport) = try CSVTest.read(text, fileName: "data.csv")
        #expect(t.firstDifference(from: plain) == nil)
        #expect(report.lines() == plainReport.lines())
        #expect(t.values("count").first == .text("c"))
        let (again, _) = try s.load()
        #expect(again.firstDifference(from: plain) == nil)
    }
}

@Suite("Column cache, read in parts")
struct CachedColumnReadTests {
    /// Statements over a table read from the cache (many segments, nothing
    /// loaded yet) print exactly what they print over the same table in memory:
    /// comparisons made a segment at a time, rows picked from the segments
    /// that hold them (in order, out of order, with no match), whole columns.
    @Test func everyWayOfReadingGivesWhatTheTableInMemoryGives() throws {
        var text = "id,name,value,rate,flag\n"
        var rng = SeededGenerator(seed: 99)
        let names = ["Reading", "Slough", "Bristol, City of", "Wokingham", "Café"]
        for i in 0..<6_000 {
            let value = rng.next() % 9 == 0 ? ["c", "x", ""][Int(rng.next() % 3)] : String(rng.next() % 500)
            let rate = rng.next() % 11 == 0 ? "z" : String(Double(rng.next() % 10_000) / 8)
            text += "\(i),\"\(names[Int(rng.next() % 5)])\",\(value),\(rate),\(rng.next() % 2)\n"
        }
        let file = try CachedCSV(text, name: "t.csv", blockBytes: 4096)
        defer { file.remove() }
        let statements = [
            "t | where value > 250 | count",
            "t | where value = 7 or rate <= 100.5 | select id, name, value | take 40",
            "t | where 300 < value and name = \"Slough\" | select id, rate",
            "t | where name >= \"Reading\" | count by name",
            "t | where rate > 1000 | summarise n = count(), m = median(value), s = sum(value) by name",
            "t | where not is_missing(value) | summarise mean(rate), min(rate), max(value) by flag",
            "t | where is_missing(rate) | select id, rate, value | take 20",
            "t | sort value desc, id | take 15",
            "t | sort name, rate | skip 5990",
            "t | where id % 97 = 0 | join left (t | where value > 400 | select id, big = value) on id | take 30",
            "t | where value != 3 | change value over id by name | where id > 5900 | select id, value_previous, value_change",
        ]
        for statement in statements {
            let (a, b) = try file.answers(statement, as: "t")
            #expect(a == b, "\(statement)\n\(a)\n\(b)")
            #expect(!a.contains("error"), "\(statement): \(a)")
        }
    }
}

/// An engine over an empty workspace, collecting what it prints.
final class TestEngine: OutputSink {
    var printed = ""
    let workspace = Workspace(catalog: nil)
    lazy var engine = TestEngines.make(sink: self, workspace: workspace, baseDirectory: "/tmp", homeDirectory: nil)

    func output(_ text: String) { printed += text }
    func diagnostic(_ text: String) { printed += text }
    func info(_ text: String) {}

    func run(_ source: String) -> String {
        printed = ""
        engine.run(SourceText(name: "<test>", text: source))
        return printed
    }
}
