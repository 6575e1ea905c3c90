// A column's type learnt from its fields, through the reader: decimal commas in
// `;`-separated files, grouped numbers, and cells of only spaces.

import Testing

@testable import CasebookCore

@Suite("Column builder")
struct ColumnBuilderTests {
    @Test func decimalCommasInSemicolonFilesAreNeverThousands() throws {
        // Before the fix "0,125" read as 125 and "1,250" as 1250.
        let (t, report) = try CSVTest.read("la;rate;n;code\nReading;0,125;1;x\nSlough;1,250;2,5;c\nBracknell;7;3;z\n")
        #expect(t.values("rate") == [.decimal(0.125), .decimal(1.25), .decimal(7)])
        #expect(t.values("n") == [.decimal(1), .decimal(2.5), .decimal(3)])
        #expect(t.type(of: "code") == .integer)
        #expect(
            report.lines() == [
                "t.csv: the file is separated by `;`, so a comma in a number is its decimal point (0,5 is 0.5): read so in `rate` and `n`"
            ])
    }

    @Test func semicolonFileWithDecimalPointsHasNoNote() throws {
        let (t, report) = try CSVTest.read("a;b\n465.1;1\n")
        #expect(t.values("a") == [.decimal(465.1)])
        #expect(report.issues.isEmpty)
    }

    @Test func groupedNumberWithALeadingZeroIsNotANumber() throws {
        // Before the fix "0,123" read as 123.
        let (t, _) = try CSVTest.read("n\n\"0,123\"\n\"1,234\"\n")
        #expect(t.values("n") == [.text("0,123"), .text("1,234")])
    }

    @Test func cellOfOnlySpacesInANumericColumnIsEmpty() throws {
        // Before the fix " " turned the whole column into text.
        let (t, _) = try CSVTest.read("a,b\n870, \n871,3\n872,  c \n")
        #expect(t.values("b") == [.missing(.empty), .integer(3), .missing(.confidential)])
        let (u, _) = try CSVTest.read("a,b\n870, \n871,name\n")
        #expect(u.values("b") == [.text(" "), .text("name")], "in a text column the spaces stay as written")
    }

    @Test func integerColumnWidensToDecimalAndKeepsItsMarkers() throws {
        let (t, _) = try CSVTest.read("v\n1\nc\n2.5\n\"\"\n3\n")
        #expect(t.values("v") == [.decimal(1), .missing(.confidential), .decimal(2.5), .missing(.empty), .decimal(3)])
    }
}
