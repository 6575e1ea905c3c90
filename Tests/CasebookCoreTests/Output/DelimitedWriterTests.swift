// CSV and TSV output: RFC 4180 quoting decided on bytes, so a CRLF inside a
// field is quoted; numbers exact; markers as published.

@testable import CasebookCore
import Testing

@Suite("CSV and TSV writer")
struct DelimitedWriterTests {
    func table(_ texts: [String]) -> Table {
        var b = TextColumnBuilder()
        for t in texts { b.append(t) }
        return Table(columns: [
            Column(name: "n", data: .integer(Array(0..<Int64(texts.count)))), Column(name: "t", data: b.finish()),
        ])
    }

    @Test("fields with the delimiter, quotes, CR, LF, CRLF or edge spaces are quoted; others are not")
    func quoting() {
        let out = DelimitedWriter.write(table(["plain", "a,b", "say \"hi\"", "x\r\ny", "x\ny", "x\ry", " pad", "tab\there"]), delimiter: ",")
        #expect(out == "n,t\n0,plain\n1,\"a,b\"\n2,\"say \"\"hi\"\"\"\n3,\"x\r\ny\"\n4,\"x\ny\"\n5,\"x\ry\"\n6,\" pad\"\n7,tab\there\n")
        let tsv = DelimitedWriter.write(table(["tab\there", "a,b"]), delimiter: "\t")
        #expect(tsv == "n\tt\n0\t\"tab\there\"\n1\ta,b\n")
    }

    @Test("what is written reads back as the same table")
    func roundTrip() throws {
        let original = table(["a,b", "x\r\ny", "say \"hi\"", "é"])
        let text = DelimitedWriter.write(original, delimiter: ",")
        let bytes = Array(text.utf8)
        let (back, report) = try bytes.withUnsafeBufferPointer { p throws(Diagnostic) in try CSVReader.read(p, fileName: "t") }
        #expect(report.issues.isEmpty)
        #expect(back.rowCount == 4)
        for r in 0..<4 { #expect(back.columns[1].value(at: r) == original.columns[1].value(at: r)) }
    }

    @Test("markers are written as published; computed reasons as empty cells")
    func markers() {
        let c = Column(name: "v", data: .integer([1, 0, 0]), missing: [0, MissingReason.confidential.rawValue, MissingReason.divisionByZero.rawValue])
        #expect(DelimitedWriter.write(Table(columns: [c]), delimiter: ",") == "v\n1\nc\n\n")
    }
}
