// A file is read in blocks that end on a record boundary. The blocks must be
// invisible: whatever the block size, the same table and the same report as
// reading all of it at once — with quotes, line ends and bad bytes falling
// on either side of a block's end, and columns whose type is settled late.

import Testing

@testable import CasebookCore

@Suite("CSV reader, in blocks")
struct CSVStreamTests {
    static func compare(_ bytes: [UInt8], blocks: [Int], _ label: String = "") throws {
        let (whole, wholeReport) = try CSVTest.read(bytes: bytes, workers: 1)
        for b in blocks {
            let (t, report) = try CSVTest.read(bytes: bytes, workers: 2, blockBytes: b)
            #expect(t.firstDifference(from: whole) == nil, "\(label) blocks of \(b)")
            #expect(report.lines() == wholeReport.lines(), "\(label) blocks of \(b)")
            #expect(report.rows == wholeReport.rows && report.columns == wholeReport.columns)
        }
    }

    @Test func randomSmallFilesInTinyBlocks() throws {
        var rng = SeededGenerator(seed: 2024)
        let alphabet: [UInt8] = Array("a1,,.\"\n\r c-x".utf8) + [0xE9, 0]
        for round in 0..<600 {
            var bytes = Array((round % 3 == 0 ? "h1,h2,h3\r\n" : "h1,\"h\n2\",h3\n").utf8)
            for _ in 0..<Int(rng.next() % 400) { bytes.append(alphabet[Int(rng.next() % UInt64(alphabet.count))]) }
            let blocks = [1, 2, 3, 5, 8, 13, 40, 1 + Int(rng.next() % 100)]
            let label = "\(bytes.map { $0 < 0x80 ? String(UnicodeScalar($0)) : "\\u{\($0)}" }.joined())"
            do {
                try Self.compare(bytes, blocks: blocks, label)
            } catch {
                // An input that fails must fail the same way in blocks.
                for b in blocks {
                    #expect(throws: Diagnostic.self) { try CSVTest.read(bytes: bytes, blockBytes: b) }
                }
            }
        }
    }

    @Test func typesSettledLateAcrossManyBlocks() throws {
        var text = "n,d,t,code\n"
        for i in 0..<3_000 {
            let marker = ["c", "x", "", "z"][i % 4]
            text += "\(i),\(i % 11 == 0 ? marker : String(i)),\(i % 13 == 0 ? "c" : String(i * 2)),0\(i % 9)\n"
        }
        // Late in the file: a decimal, text, and a decimal in a column of whole numbers.
        text += "3000,2.5,late text,1\n3001,c,c,c\n"
        let bytes = Array(text.utf8)
        try Self.compare(bytes, blocks: [64, 1000, 4096, 30_000])
        let (t, _) = try CSVTest.read(bytes: bytes, blockBytes: 1000)
        #expect(t.type(of: "d") == .decimal)
        #expect(t.type(of: "t") == .text)
        #expect(t.values("t").first == .text("c"), "markers read before the text stay as written")
        #expect(t.type(of: "code") == .text)
    }

    @Test func theVariedFileInBlocksAndOnTwoWorkers() throws {
        var csv = CSVParallelTests.varied(megabytes: 1)
        csv.append(bytes: Array("1,Caf".utf8) + [0xE9] + Array(",1,2,3,4\n".utf8))
        csv.append(bytes: Array("2,Caf".utf8) + [0xE9] + Array(",1,2,3,4\n".utf8))
        csv.append(bytes: Array("3,N".utf8) + [0] + Array("UL,1,2,3,4\n".utf8))
        try Self.compare(csv.bytes, blocks: [4096, 65_536, 300_000])
    }

    @Test func aStringWithBadBytesIsReportedOnceInTheFile() throws {
        var bytes = Array("a,b\n".utf8)
        for i in 0..<500 { bytes += Array("\(i),x".utf8) + [0xE9] + [0x0A] }
        let (_, whole) = try CSVTest.read(bytes: bytes)
        let (_, blocks) = try CSVTest.read(bytes: bytes, workers: 2, blockBytes: 100)
        #expect(whole.lines() == ["t.csv:2: invalid UTF-8 in column `b` (shown as �)"])
        #expect(blocks.lines() == whole.lines())
    }

    @Test func aQuotedFieldLongerThanABlock() throws {
        let long = String(repeating: "line\r\nof, text ", count: 2_000)
        let text = "a,b\n1,\"\(long)\"\n2,\"x\"\"y\"\n3,z"
        try Self.compare(Array(text.utf8), blocks: [7, 100, 5000])
    }

    @Test func aQuoteNeverClosedReadsTheSameInBlocks() throws {
        var text = "a,b\n"
        for i in 0..<200 { text += "\(i),v\(i)\n" }
        text += "200,\"never closed\n"
        for i in 201..<400 { text += "\(i),\"q\"\n" }
        try Self.compare(Array(text.utf8), blocks: [16, 500, 3000])
    }

    @Test func lastRecordBoundaryLeavesACROpen() {
        let bytes = Array("a,b\r\n1,2\r".utf8)
        let got = bytes.withUnsafeBufferPointer { CSVReader.lastRecordBoundary($0, delimiter: UInt8(ascii: ",")) }
        #expect(got == 5, "after the CRLF, not after the CR that an LF may follow")
        let quoted = Array("a,\"b\n".utf8)
        #expect(quoted.withUnsafeBufferPointer { CSVReader.lastRecordBoundary($0, delimiter: UInt8(ascii: ",")) } == nil)
    }

    @Test func aFileInBlocksWithoutACacheIsTheSameAsInMemory() throws {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        var csv = CSVParallelTests.varied(megabytes: 1)
        csv.append("999,Reading,see note,1.5,x,870.5\n")
        let path = folder.write("v.csv", bytes: csv.bytes)
        let (whole, wholeReport) = try CSVTest.read(bytes: csv.bytes, fileName: "v.csv")
        for b in [10_000, 100_000] {
            let (t, report) = try CSVLoader.load(path: path, displayName: "v.csv", cancellation: .never, cache: nil, blockBytes: b)
            #expect(t.firstDifference(from: whole) == nil)
            #expect(report.lines() == wholeReport.lines())
        }
    }
}
