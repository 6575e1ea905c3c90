// Excel workbooks written by `write "r.xlsx"` and `casebook export --xlsx`,
// read back by openpyxl (an independent reader): numbers are numbers in their
// column's number format, markers are text with a note of their meaning, the
// header row is frozen, sheet names are valid, and a Sources sheet cites them.

@testable import CasebookCore
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("Workbooks")
struct WorkbookTests {
    static let csv = """
        name,year,children,rate,agency_pct
        Reading,2016,1234,839.6,3.25
        =HYPERLINK("http://example.com"),2017,c,low,x
        <b>Slough</b>,2018,56789,12.0,u

        """

    @Test("`write \"r.xlsx\"` writes a workbook: numbers, formats, markers with notes, a frozen header, a Sources sheet")
    func writeMakesAWorkbook() throws {
        let sandbox = try Sandbox()
        try sandbox.write("in.csv", Self.csv)
        let run = try sandbox.run(["-c", "load \"in.csv\" as t\nt | write \"out.xlsx\""])
        #expect(run.status == 0, "\(run.stderr)")
        let book = try ReadWorkbook.read(sandbox.work + "/out.xlsx")
        #expect(book.sheets == ["out", "Sources"])
        #expect(book.frozen["out"] == "A2")
        // The header row.
        #expect(book["out", "A1"]?.value == "name")
        #expect(book["out", "E1"]?.value == "agency_pct")
        // Numbers as numbers: a year without separators, a count with them, one decimal for the rate.
        #expect(book["out", "B2"] == .init(kind: "n", value: "2016.0", format: "0", note: nil))
        #expect(book["out", "C2"] == .init(kind: "n", value: "1234.0", format: "#,##0", note: nil))
        #expect(book["out", "D2"] == .init(kind: "n", value: "839.6", format: "#,##0.0", note: nil))
        #expect(book["out", "E2"] == .init(kind: "n", value: "3.25", format: "#,##0.00", note: nil))
        // Markers as published, with their meaning in a note.
        #expect(book["out", "C3"] == .init(kind: "s", value: "c", format: "General", note: "c: suppressed (confidential)"))
        #expect(book["out", "D3"] == .init(kind: "s", value: "low", format: "General", note: "low: rounds to zero"))
        #expect(book["out", "E3"] == .init(kind: "s", value: "x", format: "General", note: "x: not available"))
        #expect(book["out", "E4"]?.note == "u: low reliability")
        // A cell that looks like a formula stays text: opening the file runs nothing.
        #expect(book["out", "A3"] == .init(kind: "s", value: "=HYPERLINK(\"http://example.com\")", format: "General", note: nil))
        #expect(book["out", "A4"]?.value == "<b>Slough</b>")
        // The Sources sheet names the file and lists the markers used.
        #expect(book["Sources", "A1"]?.value == "dataset")
        #expect(book.frozen["Sources"] == "A2")
        let sources = (book.cells["Sources"] ?? [:]).values.map(\.value)
        #expect(sources.contains("t") || sources.contains("in.csv"), "\(sources)")
        #expect(sources.contains("suppressed (confidential)"))
        #expect(sources.contains("low reliability"))
    }

    @Test("the Excel library is loaded when a workbook is written, not at start-up")
    func libraryLoadedOnlyToWrite() throws {
        // Not among the libraries the binary needs to start.
        let needed = try NeededLibraries.of()
        #expect(needed.contains { $0.hasPrefix("libc.so") }, "\(needed)")
        #expect(!needed.contains { $0.contains("xlsxwriter") }, "\(needed)")
        // Without the library, everything else works and a workbook is a clear error.
        let sandbox = try Sandbox()
        let missing = ["CASEBOOK_XLSXWRITER": sandbox.root + "/no-such-libxlsxwriter.so"]
        let fine = try sandbox.run(["-c", "authorities | take 2 | write \"a.csv\""], environment: missing)
        #expect(fine.status == 0, "\(fine.stderr)")
        let run = try sandbox.run(["-c", "authorities | take 2 | write \"a.xlsx\""], environment: missing)
        #expect(run.status == 1)
        #expect(run.stderr.contains("cannot write an Excel workbook: libxlsxwriter could not be loaded"), "\(run.stderr)")
        #expect(run.stderr.contains("apt-get install libxlsxwriter-dev"), "\(run.stderr)")
        #expect(access(sandbox.work + "/a.xlsx", F_OK) != 0, "no file left behind")
    }

    @Test("a shipped dataset's workbook cites its publisher, release, licence and caveats")
    func shippedSourcesAreCited() throws {
        let sandbox = try Sandbox()
        let run = try sandbox.run(["-c", "workforce | where year = 2024 | select la_name, caseload, agency_pct | take 30 | write \"w.xlsx\""])
        #expect(run.status == 0, "\(run.stderr)")
        let book = try ReadWorkbook.read(sandbox.work + "/w.xlsx")
        #expect(book["Sources", "A2"]?.value == "workforce")
        #expect(book["Sources", "C2"]?.value == "Department for Education")
        #expect(book["Sources", "E2"]?.value == "Open Government Licence v3.0")
        #expect(book["Sources", "D2"]?.value.isEmpty == false)
        #expect(book["Sources", "G2"]?.value.contains("Markers as published") == true)
        // Kensington and Chelsea's agency rate is published as x.
        let markers = (book.cells["w"] ?? [:]).values.filter { $0.kind == "s" && $0.value == "x" }
        #expect(!markers.isEmpty && markers.allSatisfy { $0.note == "x: not available" })
    }

    @Test("`.xls` is refused with a pointer to `.xlsx`, not written as text under an Excel name")
    func oldExcelIsRefused() throws {
        let sandbox = try Sandbox()
        let run = try sandbox.run(["-c", "authorities | take 2 | write \"a.xls\""])
        #expect(run.status == 1)
        #expect(run.stderr.contains("Casebook writes Excel workbooks as .xlsx, not .xls"), "\(run.stderr)")
        #expect(run.stderr.contains("name the file a.xlsx"))
        #expect(access(sandbox.work + "/a.xls", F_OK) != 0)
    }

    @Test("`output \"r.xlsx\"` puts each result on a sheet of its own")
    func outputCollectsSheets() throws {
        let sandbox = try Sandbox()
        let run = try sandbox.run([
            "-c", "output \"r.xlsx\"\nauthorities | take 2 | select la_name\nreferrals | for \"Reading\" | take 3 | select year, referrals\noutput off",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        let book = try ReadWorkbook.read(sandbox.work + "/r.xlsx")
        #expect(book.sheets == ["Result 1", "Result 2", "Sources"])
        #expect(book["Result 2", "B2"]?.kind == "n")
    }

    @Test("every shipped session exports to a workbook: a Contents sheet, a sheet per result, the Sources")
    func sessionsExport() throws {
        let sandbox = try Sandbox()
        let folder = Checkout.root + "/sessions"
        let names = FileSystem.list(folder).filter { $0.hasSuffix(".cb") }.sorted()
        #expect(names.count >= 4)
        for name in names {
            let out = sandbox.work + "/" + name.dropLast(3) + ".xlsx"
            let run = try sandbox.run(["export", folder + "/" + name, "--xlsx", "-o", out])
            #expect(run.status == 0, "\(name): \(run.stderr)")
            let book = try ReadWorkbook.read(out)
            #expect(book.sheets.first == "Contents" && book.sheets.last == "Sources", "\(name): \(book.sheets)")
            #expect(book.sheets.count >= 4, "\(name): \(book.sheets)")
            for sheet in book.sheets {
                #expect(sheet.count <= 31 && !sheet.contains(where: { "[]:*?/\\".contains($0) }), "\(sheet)")
                #expect(book.frozen[sheet] != "-", "\(name): \(sheet) has no frozen header")
            }
            // The Contents sheet lists every result sheet.
            let listed = Set((book.cells["Contents"] ?? [:]).values.map(\.value))
            for sheet in book.sheets.dropFirst().dropLast() { #expect(listed.contains(sheet), "\(name): \(sheet)") }
            #expect((book.cells["Sources"] ?? [:]).values.contains { $0.value == "Department for Education" })
        }
    }

    @Test("sheet names are made valid: 31 characters, no []:*?/\\, unique whatever the case")
    func sheetNames() throws {
        let sandbox = try Sandbox()
        let long = "compare \"Reading\" on referrals_rate [2016]: a/b*c?d\\e"
        let a = WorkbookSheet(name: long, table: Table(columns: [Column(name: "n", data: .integer([1]))]))
        let b = WorkbookSheet(name: long.uppercased(), table: Table(columns: [Column(name: "n", data: .integer([2]))]))
        let c = WorkbookSheet(name: "'history'", table: Table(columns: [Column(name: "n", data: .integer([3]))]))
        let path = sandbox.work + "/names.xlsx"
        try WorkbookWriter.write([a, b, c], title: "names", to: path)
        let book = try ReadWorkbook.read(path)
        #expect(book.sheets == ["compare \"Reading\" on referrals_", "COMPARE \"READING\" ON REFERR (2)", "history 1", "Sources"])
        #expect(book["COMPARE \"READING\" ON REFERR (2)", "A2"]?.value == "2.0")
    }
}
