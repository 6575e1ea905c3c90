// The CSV reader on real bytes: RFC 4180 quoting, BOM, line ends, delimiters,
// headers, type inference, markers, DfE time periods and the load report.

import Testing

@testable import CasebookCore

@Suite("CSV reader")
struct CSVReaderTests {
    // MARK: - RFC 4180 quoting

    @Test func quotedFieldsWithCommasQuotesAndNewlines() throws {
        let text = "name,said,note\n\"Smith, J\",\"he said \"\"hi\"\"\",\"line one\nline two\"\nplain,\"\",x\n"
        let (t, report) = try CSVTest.read(text)
        #expect(t.rowCount == 2)
        #expect(t.values("name") == [.text("Smith, J"), .text("plain")])
        #expect(t.values("said") == [.text("he said \"hi\""), .missing(.empty)])
        #expect(t.values("note") == [.text("line one\nline two"), .text("x")])
        #expect(report.issues.isEmpty)
    }

    @Test func quotedNewlinesCountTowardsLaterLineNumbers() throws {
        // Row 1 spans lines 2-4; the short row is on line 5.
        let text = "a,b\n\"1\n2\r\n3\",x\nshort\n"
        let (t, report) = try CSVTest.read(text)
        #expect(t.values("a") == [.text("1\n2\r\n3"), .text("short")])
        #expect(report.lines() == ["t.csv:5: row has 1 field, expected 2; the missing ones are empty"])
    }

    @Test func doubledQuotesOnly() throws {
        let (t, _) = try CSVTest.read("q\n\"\"\"\"\n\"a\"\"\"\n")
        #expect(t.values("q") == [.text("\""), .text("a\"")])
    }

    @Test func quotedNumbersAreNumbers() throws {
        let (t, _) = try CSVTest.read("n\n\"12\"\n\"-3\"\n")
        #expect(t.values("n") == [.integer(12), .integer(-3)])
    }

    // MARK: - BOM and line ends

    @Test func utf8BOMIsNotPartOfTheFirstName() throws {
        let (t, report) = try CSVTest.read(bytes: [0xEF, 0xBB, 0xBF] + Array("la_code,la_name\n870,Reading\n".utf8))
        #expect(t.columnNames == ["la_code", "la_name"])
        #expect(t.values("la_code") == [.integer(870)])
        #expect(report.issues.isEmpty)
    }

    @Test(arguments: [("CRLF", "\r\n"), ("LF", "\n"), ("CR", "\r")])
    func lineEnds(_ label: String, _ end: String) throws {
        let text = ["a,b", "1,x", "2,y", "3"].joined(separator: end) + end
        let (t, report) = try CSVTest.read(text)
        #expect(t.rowCount == 3, "\(label)")
        #expect(t.values("a") == [.integer(1), .integer(2), .integer(3)], "\(label)")
        #expect(t.values("b") == [.text("x"), .text("y"), .missing(.empty)], "\(label)")
        #expect(report.lines() == ["t.csv:4: row has 1 field, expected 2; the missing ones are empty"], "\(label)")
    }

    @Test func mixedLineEndsInOneFile() throws {
        // Lines: 1 header (CRLF), 2 (LF), 3 (CR), 4 (CRLF), 5 short (no end).
        let text = "a,b\r\n1,2\n3,4\r5,6\r\n7"
        let (t, report) = try CSVTest.read(text)
        #expect(t.values("a") == [.integer(1), .integer(3), .integer(5), .integer(7)])
        #expect(t.values("b") == [.integer(2), .integer(4), .integer(6), .missing(.empty)])
        #expect(report.lines() == ["t.csv:5: row has 1 field, expected 2; the missing ones are empty"])
    }

    @Test func lineFeedThenCarriageReturnIsTwoLineEnds() throws {
        // "\n\r" is not a line end of any convention: the CR makes a blank line.
        let (t, report) = try CSVTest.read("a\n1\n\r2\n")
        #expect(t.values("a") == [.integer(1), .integer(2)])
        #expect(report.lines() == ["t.csv: skipped 1 blank line"])
    }

    // MARK: - Delimiters

    @Test func commaTabAndSemicolonAreDetected() throws {
        let (comma, _) = try CSVTest.read("a,b\n1,2\n")
        #expect(comma.columnNames == ["a", "b"])
        let (tab, _) = try CSVTest.read("a\tb\tc,d\n1\t2\t3,4\n")
        #expect(tab.columnNames == ["a", "b", "c,d"])
        #expect(tab.values("c,d") == [.text("3,4")])
        // A tie between comma and tab goes to the comma.
        let (tie, _) = try CSVTest.read("a\tb,c\n1\t2,3\n")
        #expect(tie.columnNames == ["a\tb", "c"])
        let (semi, _) = try CSVTest.read("a;b;c\n1,5;2;x\n")
        #expect(semi.columnNames == ["a", "b", "c"])
        #expect(semi.values("a") == [.decimal(1.5)], "in a `;` file the comma is the decimal point")
        #expect(semi.values("b") == [.integer(2)])
    }

    @Test func delimitersInsideQuotedHeaderNamesDoNotCount() throws {
        let (t, _) = try CSVTest.read("\"a,b,c\";d\n1;2\n")
        #expect(t.columnNames == ["a,b,c", "d"])
    }

    @Test func givenDelimiterOverridesDetection() throws {
        let (t, _) = try CSVTest.read("a,b|c\n1,2|3\n", delimiter: UInt8(ascii: "|"))
        #expect(t.columnNames == ["a,b", "c"])
        #expect(t.values("c") == [.integer(3)])
    }

    @Test func singleColumnFileUsesComma() throws {
        let (t, _) = try CSVTest.read("only\n1\n2\n")
        #expect(t.columnNames == ["only"])
        #expect(t.values("only") == [.integer(1), .integer(2)])
    }

    // MARK: - Header

    @Test func blankAndDuplicateNamesAreMadeUniqueAndReported() throws {
        let (t, report) = try CSVTest.read("a,,a, ,b,a\n1,2,3,4,5,6\n")
        #expect(t.columnNames == ["a", "column_2", "a_2", "column_4", "b", "a_3"])
        #expect(
            report.lines() == [
                "t.csv:1: column 2 has no name; called it `column_2`",
                "t.csv:1: column 3 repeats the name `a`; called it `a_2`",
                "t.csv:1: column 4 has no name; called it `column_4`",
                "t.csv:1: column 6 repeats the name `a`; called it `a_3`",
            ])
        #expect(report.counts[.renamedHeader] == 4)
    }

    @Test func renamedColumnDoesNotTakeAnExistingName() throws {
        // `a_2` is the file's own name for column 3: the repeated `a` must not take it.
        let (t, report) = try CSVTest.read("a,a,a_2\n1,2,3\n")
        #expect(t.columnNames == ["a", "a_3", "a_2"])
        #expect(report.lines() == ["t.csv:1: column 2 repeats the name `a`; called it `a_3`"])
    }

    @Test func namesAreTrimmedOfSpaces() throws {
        let (t, _) = try CSVTest.read(" a , b \n1,2\n")
        #expect(t.columnNames == ["a", "b"])
    }

    @Test func renamedHeaderIsReportedOnItsOwnLine() throws {
        // Two blank lines before the header put it on line 3.
        let (_, report) = try CSVTest.read("\n\na,\n1,2\n")
        #expect(report.lines() == ["t.csv:3: column 2 has no name; called it `column_2`"])
    }

    // MARK: - Types

    @Test func typesAreInferredOverTheWholeColumn() throws {
        let (t, _) = try CSVTest.read("i,d,s\n1,1,1\n2,2,2\n3,3.5,x1\n")
        #expect(t.type(of: "i") == .integer)
        #expect(t.type(of: "d") == .decimal)
        #expect(t.values("d") == [.decimal(1), .decimal(2), .decimal(3.5)])
        #expect(t.type(of: "s") == .text)
        #expect(t.values("s") == [.text("1"), .text("2"), .text("x1")])
    }

    @Test func textOnTheLastRowTurnsTheColumnToTextAndMarkersStayAsWritten() throws {
        var rows = ["id,v"]
        for i in 0..<200 { rows.append("\(i)," + (i % 7 == 0 ? "c" : i % 11 == 0 ? "" : String(i))) }
        rows.append("200,see note")
        let (t, _) = try CSVTest.read(rows.joined(separator: "\n") + "\n")
        #expect(t.type(of: "v") == .text)
        let values = t.values("v")
        try #require(values.count == 201)
        #expect(values[0] == .text("c"))
        #expect(values[1] == .text("1"))
        #expect(values[11] == .missing(.empty))
        #expect(values[14] == .text("c"))
        #expect(values[200] == .text("see note"))
    }

    @Test func thousandsSeparatorsAndPercentagesAreNumbers() throws {
        let (t, _) = try CSVTest.read("n,p\n\"1,234\",12.5%\n\"1,234,567\",50%\n-7,-0.5%\n")
        #expect(t.values("n") == [.integer(1234), .integer(1_234_567), .integer(-7)])
        #expect(t.values("p") == [.decimal(12.5), .decimal(50), .decimal(-0.5)])
    }

    @Test func leadingZeroCodesStayText() throws {
        let (t, _) = try CSVTest.read("code,n\n0123,0\n456,0.5\n007,10\n")
        #expect(t.type(of: "code") == .text)
        #expect(t.values("code") == [.text("0123"), .text("456"), .text("007")])
        #expect(t.values("n") == [.decimal(0), .decimal(0.5), .decimal(10)])
    }

    @Test func markersAreMissingValuesWithTheirReason() throws {
        let markers: [(String, MissingReason)] = [
            ("c", .confidential), ("x", .notAvailable), ("z", .notApplicable), ("u", .lowReliability),
            ("low", .low), ("k", .roundsToZero), ("..", .dots), ("-", .dash), (":", .colon), ("~", .tilde),
            ("", .empty),
        ]
        let text = "v,w\n1,1.5\n" + markers.map { "\($0.0),\($0.0)" }.joined(separator: "\n") + "\n"
        let (t, _) = try CSVTest.read(text)
        #expect(t.type(of: "v") == .integer)
        #expect(t.type(of: "w") == .decimal)
        #expect(t.values("v") == [.integer(1)] + markers.map { .missing($0.1) })
        #expect(t.values("w") == [.decimal(1.5)] + markers.map { .missing($0.1) })
        #expect(t.column(named: "v")!.missingCount == markers.count)
    }

    @Test func aColumnOfOnlyMarkersIsNumericAndAllMissing() throws {
        let (t, report) = try CSVTest.read("v\nc\nx\nz\nlow\n")
        #expect(t.type(of: "v") == .integer)
        #expect(t.values("v") == [.missing(.confidential), .missing(.notAvailable), .missing(.notApplicable), .missing(.low)])
        #expect(report.issues.isEmpty)
    }

    @Test func capitalLettersAreNotMarkers() throws {
        let (t, _) = try CSVTest.read("v\n1\nC\n")
        #expect(t.type(of: "v") == .text)
        #expect(t.values("v") == [.text("1"), .text("C")])
    }

    @Test func markersInATextColumnAreKeptAsText() throws {
        let (t, _) = try CSVTest.read("name\nReading\nc\n\n")
        #expect(t.values("name") == [.text("Reading"), .text("c")])
    }

    // MARK: - DfE time periods

    @Test func timePeriodGainsAYearColumn() throws {
        let (t, report) = try CSVTest.read("time_period,v\n201516,1\n201617,2\n199900,3\n")
        #expect(t.columnNames == ["time_period", "year", "v"])
        #expect(t.values("year") == [.integer(2016), .integer(2017), .integer(2000)])
        #expect(t.values("time_period") == [.integer(201516), .integer(201617), .integer(199900)])
        #expect(
            report.lines() == [
                "t.csv: `time_period` values such as 201516 are years ending 31 March; added `year` (201516 → 2016)"
            ])
    }

    @Test func timePeriodNoteGivesAnExampleFromTheFile() throws {
        // Before the fix the example in brackets was always "201516 → 2016".
        let (t, report) = try CSVTest.read("time_period,v\n,0\n202324,1\n202425,2\n")
        #expect(t.values("year") == [.missing(.empty), .integer(2024), .integer(2025)])
        #expect(
            report.lines() == [
                "t.csv: `time_period` values such as 202324 are years ending 31 March; added `year` (202324 → 2024)"
            ])
    }

    @Test func timePeriodOfPlainYearsIsLeftAlone() throws {
        let (t, report) = try CSVTest.read("time_period,v\n2024,1\n2023,2\n")
        #expect(t.columnNames == ["time_period", "v"])
        #expect(report.issues.isEmpty)
    }

    @Test func timePeriodMixedWithOtherFormsIsLeftAlone() throws {
        let (t, _) = try CSVTest.read("time_period\n201516\n201618\n")
        #expect(t.columnNames == ["time_period"])
    }

    @Test func anExistingYearColumnIsKept() throws {
        let (t, _) = try CSVTest.read("time_period,year\n201516,1999\n")
        #expect(t.columnNames == ["time_period", "year"])
        #expect(t.values("year") == [.integer(1999)])
    }

    // MARK: - Ragged rows and malformed quoting

    @Test func shortRowsArePaddedAndLongRowsTrimmed() throws {
        let (t, report) = try CSVTest.read("a,b,c\n1,2,3\n4,5\n6,7,8,9\n10,11,12\n")
        #expect(t.rowCount == 4)
        #expect(t.values("c") == [.integer(3), .missing(.empty), .integer(8), .integer(12)])
        #expect(
            report.lines() == [
                "t.csv:3: row has 2 fields, expected 3; the missing ones are empty",
                "t.csv:4: row has 4 fields, expected 3; kept the first 3",
            ])
    }

    @Test func unclosedQuoteAtTheEndIsReportedAndTheRestRead() throws {
        let (t, report) = try CSVTest.read("a,b\n1,2\n\"3,4\n5,6\n")
        #expect(t.rowCount == 3)
        #expect(t.values("a") == [.text("1"), .text("\"3"), .text("5")])
        #expect(t.values("b") == [.integer(2), .integer(4), .integer(6)])
        #expect(report.lines() == ["t.csv:3: a quote opened here is never closed; read it as an ordinary character"])
    }

    @Test func textAfterAClosingQuoteIsKeptAndReported() throws {
        let (t, report) = try CSVTest.read("a,b\n\"ab\"cd,2\n")
        #expect(t.values("a") == [.text("abcd")])
        #expect(t.values("b") == [.integer(2)])
        #expect(report.lines() == ["t.csv:2: text after a closing quote; kept it in the field"])
    }

    @Test func quoteProblemsInTheHeaderAreReported() throws {
        let (t, report) = try CSVTest.read("\"a,b\n1,2\n")
        #expect(t.columnNames == ["\"a", "b"])
        #expect(report.lines() == ["t.csv:1: a quote opened here is never closed; read it as an ordinary character"])
        let (u, report2) = try CSVTest.read("\"a\"b,c\n1,2\n")
        #expect(u.columnNames == ["ab", "c"])
        #expect(report2.lines() == ["t.csv:1: text after a closing quote; kept it in the field"])
    }

    @Test func quoteInsideAnUnquotedFieldIsAnOrdinaryCharacter() throws {
        let (t, report) = try CSVTest.read("item,n\n5\" screen,2\n")
        #expect(t.values("item") == [.text("5\" screen")])
        #expect(t.values("n") == [.integer(2)])
        #expect(report.issues.isEmpty)
    }

    // MARK: - Bytes that are not text

    @Test func invalidUTF8IsReportedWithItsLineAndTheRowKept() throws {
        let bytes = Array("a,b\n1,ok\n2,caf".utf8) + [0xE9] + Array("\n3,fine\n".utf8)
        let (t, report) = try CSVTest.read(bytes: bytes)
        #expect(t.rowCount == 3)
        #expect(t.values("b") == [.text("ok"), .text("caf\u{FFFD}"), .text("fine")])
        #expect(report.lines() == ["t.csv:3: invalid UTF-8 in column `b` (shown as �)"])
    }

    @Test func nulBytesAreRemovedAndReportedWithTheirLine() throws {
        let bytes = Array("a,b\n1,ok\n".utf8) + Array("2,x".utf8) + [0] + Array("y\n".utf8)
        let (t, report) = try CSVTest.read(bytes: bytes)
        #expect(t.rowCount == 2)
        #expect(t.values("b") == [.text("ok"), .text("xy")])
        #expect(report.lines() == ["t.csv:3: NUL byte in column `b` (removed)"])
    }

    @Test func badBytesInTheHeaderAreReported() throws {
        let (t, report) = try CSVTest.read(bytes: Array("a".utf8) + [0] + Array("b,na".utf8) + [0xEF] + Array("me\n1,2\n".utf8))
        #expect(t.columnNames == ["ab", "na\u{FFFD}me"])
        #expect(
            report.lines() == [
                "t.csv:1: invalid UTF-8 in the name of column 2 (shown as �)",
                "t.csv:1: NUL byte in the name of column 1 (removed)",
            ])
    }

    @Test(arguments: [true, false])
    func utf16FilesAreConverted(_ littleEndian: Bool) throws {
        let text = "la_code,la_name\r\n870,Reading\r\n871,Slough\r\n872\r\n"
        var bytes: [UInt8] = littleEndian ? [0xFF, 0xFE] : [0xFE, 0xFF]
        for u in text.utf16 {
            bytes += littleEndian ? [UInt8(u & 0xFF), UInt8(u >> 8)] : [UInt8(u >> 8), UInt8(u & 0xFF)]
        }
        let (t, report) = try CSVTest.read(bytes: bytes)
        #expect(t.values("la_code") == [.integer(870), .integer(871), .integer(872)])
        #expect(t.values("la_name") == [.text("Reading"), .text("Slough"), .missing(.empty)])
        let order = littleEndian ? "little" : "big"
        #expect(
            report.lines() == [
                "t.csv: the file is UTF-16 (\(order)-endian), not UTF-8; converted it to read it",
                "t.csv:4: row has 1 field, expected 2; the missing ones are empty",
            ])
    }

    // MARK: - Blank lines, empty and header-only input

    @Test func blankLinesAreSkippedAndCounted() throws {
        let (t, report) = try CSVTest.read("a,b\n1,2\n\n3,4\r\n\r\n5,6\nshort\n")
        #expect(t.values("a") == [.text("1"), .text("3"), .text("5"), .text("short")])
        #expect(t.values("b") == [.integer(2), .integer(4), .integer(6), .missing(.empty)])
        #expect(
            report.lines() == [
                "t.csv:7: row has 1 field, expected 2; the missing ones are empty",
                "t.csv: skipped 2 blank lines",
            ])
    }

    @Test func emptyInputIsAnError() {
        let d = CSVTest.failure("")
        #expect(d?.id == .emptyFile)
        #expect(d?.message == "t.csv is empty")
    }

    @Test func inputOfOnlyLineEndsIsEmpty() {
        #expect(CSVTest.failure("\n\r\n\r")?.message == "t.csv is empty")
    }

    @Test func onlyABOMIsEmpty() throws {
        do {
            _ = try CSVTest.read(bytes: [0xEF, 0xBB, 0xBF])
            Issue.record("expected an error")
        } catch {
            #expect(error.message == "t.csv is empty")
        }
    }

    @Test func headerOnlyGivesAnEmptyTableWithItsColumns() throws {
        for text in ["a,b\n", "a,b", "a,b\r\n\r\n"] {
            let (t, report) = try CSVTest.read(text)
            #expect(t.columnNames == ["a", "b"])
            #expect(t.rowCount == 0)
            #expect(t.columns.allSatisfy { $0.count == 0 })
            #expect(report.lines() == ["t.csv: has a header but no rows"])
        }
    }

    // MARK: - Report

    @Test func reportShowsTheFirstFiveOfAKindThenACount() throws {
        let rows = (1...8).map { "\($0)" }.joined(separator: "\n")
        let (_, report) = try CSVTest.read("a,b\n" + rows + "\n")
        #expect(report.counts[.shortRow] == 8)
        #expect(
            report.lines() == (2...6).map { "t.csv:\($0): row has 1 field, expected 2; the missing ones are empty" }
                + ["t.csv: … and 3 more like this"])
    }

    @Test func reportRowAndColumnCounts() throws {
        let (_, report) = try CSVTest.read("a,b,c\n1,2,3\n4,5,6\n")
        #expect(report.rows == 2)
        #expect(report.columns == 3)
        #expect(report.fileName == "t.csv")
    }
}
