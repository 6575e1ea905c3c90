// A dataset shipped as NAME.csv.gz: listed with the others, its column names
// read from the start of the file without inflating the rest, loaded on
// first use, and the plain NAME.csv preferred when both are there.

import Testing

@testable import CasebookCore

@Suite("Compressed datasets")
struct CompressedDatasetTests {
    static let header = "la_code,la_name,year,measure,value\n"

    @Test func aCsvGzIsListedAndItsHeaderReadWithoutInflatingTheRest() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        // Far more than a header read inflates: 16 MB of rows.
        let row = "870,Reading,2016,CIN,509.8\n"
        let bytes = Array(Self.header.utf8) + Array(String(repeating: row, count: (16 << 20) / row.utf8.count).utf8)
        folder.write("long.csv.gz", bytes: GzipTest.gzip(bytes, level: 9))
        folder.write("long.json", "{}")
        let catalog = try #require(DatasetCatalog(directory: folder.path))
        #expect(catalog.names == ["long"])
        #expect(catalog.columnNames("long") == ["la_code", "la_name", "year", "measure", "value"])
        let t = try catalog.table("long", cancellation: .never)
        #expect(t.rowCount == (16 << 20) / row.utf8.count)
    }

    @Test func thePlainFileWinsWhenBothAreThere() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        folder.write("d.csv", "plain\n1\n")
        folder.write("d.csv.gz", bytes: GzipTest.gzip("packed\n2\n"))
        let catalog = try #require(DatasetCatalog(directory: folder.path))
        #expect(catalog.names == ["d"])
        #expect(try catalog.table("d", cancellation: .never).columnNames == ["plain"])
    }

    @Test func aDamagedShippedFileIsAnErrorNotACrash() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        folder.write("cut.csv.gz", bytes: Array(GzipTest.gzip(String(repeating: Self.header, count: 100)).dropLast(8)))
        let catalog = try #require(DatasetCatalog(directory: folder.path))
        #expect(catalog.columnNames("cut") == ["la_code", "la_name", "year", "measure", "value"], "the start is still there")
        do {
            _ = try catalog.table("cut", cancellation: .never)
            Issue.record("a cut file loaded")
        } catch {
            #expect(error.id == .gzipTruncated, "\(error.message)")
        }
    }

    @Test func aLargeShippedDatasetIsKeptInTheColumnCache() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        var cache = ColumnCache(directory: folder.file("cache"))
        cache.minimumBytes = 0
        folder.write("d.csv.gz", bytes: GzipTest.gzip(Self.header + "870,Reading,2016,CIN,509.8\n"))
        _ = try #require(DatasetCatalog(directory: folder.path)).table("d", cancellation: .never, cache: cache)
        let again = try #require(DatasetCatalog(directory: folder.path)).table("d", cancellation: .never, cache: cache)
        #expect(again.columns.allSatisfy { $0.isDeferred }, "a new session reads it from the cache")
    }
}
