// The dataset catalog: names from a folder listing (no file parsed), column
// names from the header line alone, metadata for every shipped dataset, and
// row counts that match the metadata.

import Testing

@testable import CasebookCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

@Suite("Dataset catalog")
struct DatasetCatalogTests {
    static let shippedNames = [
        "assessments", "assessments_45_days", "authorities", "children_in_need", "cin_primary_need", "cla_social_workers",
        "indicators", "inspections", "looked_after", "measures", "neighbours", "plans_by_category", "population",
        "protection_plans", "referrals", "section47", "sources_of_referral", "workforce",
    ]

    @Test func namesOfTheShippedDatasets() throws {
        let catalog = try #require(DatasetCatalog(directory: DataPaths.datasets))
        #expect(catalog.names == Self.shippedNames)
        #expect(catalog.contains("referrals"))
        #expect(!catalog.contains("PROVENANCE"))
    }

    @Test func namesAreListedWithoutOpeningAnyFile() throws {
        // ghost.csv is a link to nothing: listing works, loading says so.
        let folder = TemporaryFolder()
        defer { folder.remove() }
        folder.write("real.csv", "a\n1\n")
        #expect(symlink("/nonexistent/casebook/ghost.csv", folder.file("ghost.csv")) == 0)
        folder.write("notes.txt", "not a dataset")
        let catalog = try #require(DatasetCatalog(directory: folder.path))
        #expect(catalog.names == ["ghost", "real"])
        #expect(catalog.columnNames("ghost") == [])
        #expect(catalog.metadata("ghost") == nil)
        do {
            _ = try catalog.table("ghost", cancellation: .never)
            Issue.record("expected a failure")
        } catch {
            #expect(error.message == "no file at ghost")
        }
    }

    @Test func aFolderThatCannotBeListed() {
        #expect(DatasetCatalog(directory: "/nonexistent/casebook/datasets") == nil)
    }

    @Test func unknownDataset() throws {
        let catalog = try #require(DatasetCatalog(directory: DataPaths.datasets))
        do {
            _ = try catalog.table("referals", cancellation: .never)
            Issue.record("expected a failure")
        } catch {
            #expect(error.id == .unknownDataset)
            #expect(error.message == "no dataset named `referals`")
        }
    }

    @Test func columnNamesComeFromTheHeaderAlone() throws {
        // A full load of this file adds `year` (from time_period); the header alone cannot.
        let folder = TemporaryFolder()
        defer { folder.remove() }
        folder.write("cin.csv", "time_period,la_code,\"Referrals, total\"\n201516,870,3078\n201617,870,x\n")
        let catalog = try #require(DatasetCatalog(directory: folder.path))
        #expect(catalog.columnNames("cin") == ["time_period", "la_code", "Referrals, total"])
        let table = try catalog.table("cin", cancellation: .never)
        #expect(table.columnNames == ["time_period", "year", "la_code", "Referrals, total"])
        #expect(catalog.columnNames("cin") == table.columnNames, "once loaded, the table's own names")
    }

    @Test func columnNamesOfAHeaderWithAQuotedLineEnd() throws {
        // Before the fix the header was cut at the first line end, even inside quotes.
        let folder = TemporaryFolder()
        defer { folder.remove() }
        folder.write("odd.csv", "\u{FEFF}\r\nid,\"two\nlines\",\"a \"\"b\"\"\"\r\n1,2,3\n")
        let catalog = try #require(DatasetCatalog(directory: folder.path))
        #expect(catalog.columnNames("odd") == ["id", "two\nlines", "a \"b\""])
        #expect(try catalog.table("odd", cancellation: .never).columnNames == ["id", "two\nlines", "a \"b\""])
    }

    @Test func columnNamesOfAHeaderLongerThanTheFirstRead() throws {
        // The catalog reads the first 64 KB for a header; this one is longer.
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let names = (0..<3_000).map { "measure_with_a_long_descriptive_name_\($0)" }
        folder.write("wide.csv", names.joined(separator: ",") + "\n" + names.map { _ in "1" }.joined(separator: ",") + "\n")
        let catalog = try #require(DatasetCatalog(directory: folder.path))
        #expect(catalog.columnNames("wide") == names)
    }

    @Test(arguments: shippedNames)
    func shippedDataset(_ name: String) throws {
        let catalog = try #require(DatasetCatalog(directory: DataPaths.datasets))
        // The header line, split by hand: the catalog's names without a load.
        let headerNames = catalog.columnNames(name)
        let path = try #require(catalog.entries[name]).csvPath
        let firstLine = try Self.firstLine(of: path)
        #expect(headerNames == firstLine.split(separator: ",", omittingEmptySubsequences: false).map(String.init))

        let meta = try #require(catalog.metadata(name), "no metadata for \(name)")
        #expect(meta.name == name)
        #expect(!(meta.title ?? "").isEmpty)
        #expect(!(meta.publisher ?? "").isEmpty)
        #expect(meta.licence == "Open Government Licence v3.0")
        #expect(!(meta.release ?? "").isEmpty)
        #expect(meta.caveats != nil)
        let described = Set(meta.columns?.keys.map { $0 } ?? [])
        #expect(described == Set(headerNames), "every column, and only those, has a description")

        let (table, report) = try CSVTest.load(path, as: name)
        #expect(report.issues.isEmpty, "\(report.lines())")
        #expect(table.rowCount == meta.rows, "\(name): \(table.rowCount) rows, metadata says \(meta.rows ?? -1)")
        let viaCatalog = try catalog.table(name, cancellation: .never)
        #expect(viaCatalog.rowCount == table.rowCount)
        #expect(viaCatalog.columnNames == headerNames)
        #expect(viaCatalog.sources.first?.dataset == name)
        #expect(viaCatalog.sources.first?.licence == "Open Government Licence v3.0")
        #expect(viaCatalog.sources.first?.title == meta.title)
    }

    @Test func rowCountsInProvenanceMatchTheMetadata() throws {
        // datasets/PROVENANCE.md lists `| name | rows | years |`.
        let text = try Self.contents(of: DataPaths.datasets + "/PROVENANCE.md")
        let catalog = try #require(DatasetCatalog(directory: DataPaths.datasets))
        var seen = 0
        for line in text.split(separator: "\n") where line.hasPrefix("| `") {
            let cells = line.split(separator: "|").map { String($0).trimmedSpaces }
            let name = cells[0].replacing("`", with: "")
            guard catalog.contains(name), let rows = Int(cells[1]) else { continue }
            #expect(catalog.metadata(name)?.rows == rows, "\(name)")
            seen += 1
        }
        #expect(seen == Self.shippedNames.count)
    }

    /// A file's text (inflated first when it is gzip).
    static func contents(of path: String) throws -> String {
        let file = try FileBytes(path: path)
        if Gzip.isGzip(file.bytes) {
            return try Gzip.inflate(file.bytes, limit: 1 << 30).withBytes { String(decoding: $0, as: UTF8.self) }
        }
        return String(decoding: file.bytes, as: UTF8.self)
    }

    static func firstLine(of path: String) throws -> String {
        String(try contents(of: path).prefix { $0 != "\n" && $0 != "\r\n" && $0 != "\r" })
    }
}
