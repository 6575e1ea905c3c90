// Inputs over 4 MB are split between two parse workers at a record boundary.
// The split must be invisible: the same table as one worker, and every problem
// reported at its line in the file, whichever worker found it.

import Testing

@testable import CasebookCore

/// Builds a large CSV while counting its lines, so that a test knows the file
/// line of every row it writes.
struct LargeCSV {
    var bytes: [UInt8] = []
    /// Line on which the next byte starts (1-based).
    var line = 1
    private var lastWasCR = false

    init(header: String) {
        bytes.reserveCapacity(6 << 20)
        append(header + "\n")
    }

    mutating func append(_ text: String) {
        for b in text.utf8 { appendByte(b) }
    }

    mutating func append(bytes more: [UInt8]) {
        for b in more { appendByte(b) }
    }

    private mutating func appendByte(_ b: UInt8) {
        bytes.append(b)
        // CRLF counts once; LF and lone CR count one each.
        if b == 0x0A {
            if !lastWasCR { line += 1 }
        } else if b == 0x0D {
            line += 1
        }
        lastWasCR = b == 0x0D
    }

    var size: Int { bytes.count }
}

@Suite("CSV reader, two workers")
struct CSVParallelTests {
    static let names = ["Reading", "Wokingham", "Bristol, City of", "St. Helens", "Kingston upon Hull, City of"]

    /// A varied file of about `megabytes`: quoted fields with commas, doubled
    /// quotes and line ends inside, all three line-end styles, blank lines and markers.
    static func varied(megabytes: Int, seed: UInt64 = 7, body: (inout LargeCSV, Int) -> Void = { _, _ in }) -> LargeCSV {
        var rng = SeededGenerator(seed: seed)
        var csv = LargeCSV(header: "id,name,count,rate,note,code")
        var row = 0
        let ends = ["\n", "\r\n", "\r", "\n", "\n"]
        let markers = ["c", "x", "z", "u", "low", "k", "..", "-", ":", "~", ""]
        while csv.size < megabytes << 20 {
            let end = ends[Int(rng.next() % UInt64(ends.count))]
            let name = names[Int(rng.next() % UInt64(names.count))]
            let count = rng.next() % 20 == 0 ? markers[Int(rng.next() % UInt64(markers.count))] : String(rng.next() % 5000)
            let rate = rng.next() % 25 == 0 ? "c" : String(Double(rng.next() % 100_000) / 10)
            let note: String
            switch rng.next() % 10 {
            case 0: note = "\"first line\(end)second, \"\"quoted\"\"\""
            case 1: note = "\"a\r\nb\nc\rd\""
            case 2: note = ""
            default: note = "plain \(row % 97)"
            }
            let code = String(800 + rng.next() % 150)
            csv.append("\(row),\"\(name)\",\(count),\(rate),\(note),\(code)\(end)")
            if rng.next() % 500 == 0 { csv.append(end) }  // a blank line
            body(&csv, row)
            row += 1
        }
        return csv
    }

    static func compare(_ bytes: [UInt8], _ label: String = "") throws -> (Table, LoadReport) {
        let (one, oneReport) = try CSVTest.read(bytes: bytes, workers: 1)
        let (two, twoReport) = try CSVTest.read(bytes: bytes, workers: 2)
        #expect(one.firstDifference(from: two) == nil, "\(label)")
        #expect(oneReport.lines() == twoReport.lines(), "\(label)")
        #expect(oneReport.rows == twoReport.rows)
        return (two, twoReport)
    }

    /// The offsets at which the data rows are split (two workers).
    static func split(_ bytes: [UInt8]) -> [Int] {
        let file = FileBytes(bytes: bytes)
        var start = 0
        while bytes[start] != 0x0A { start += 1 }
        return CSVReader.chunkBounds(file.bytes, from: start + 1, delimiter: UInt8(ascii: ","), parts: 2)
    }

    @Test func twoWorkersGiveTheSameTableAsOne() throws {
        let csv = Self.varied(megabytes: 5)
        #expect(csv.size > 4 << 20)
        #expect(Self.split(csv.bytes).count == 3, "the input is split in two")
        let (t, report) = try Self.compare(csv.bytes)
        #expect(t.type(of: "count") == .integer)
        #expect(t.type(of: "rate") == .decimal)
        #expect(t.type(of: "note") == .text)
        #expect(t.type(of: "code") == .integer)
        #expect(report.lines().contains { $0.hasSuffix("blank lines") })
    }

    @Test func columnTurningTextOnlyInTheSecondChunk() throws {
        var csv = Self.varied(megabytes: 5)
        let splitAt = Self.split(csv.bytes)[1]
        #expect(splitAt < csv.size)
        // After the split: a text count, a decimal code, and rows of markers.
        csv.append("999990,Reading,see note,1.5,x,870.5\n")
        csv.append("999991,Reading,c,c,x,c\n")
        let (t, _) = try Self.compare(csv.bytes)
        #expect(t.type(of: "count") == .text)
        #expect(t.type(of: "code") == .decimal)
        let counts = t.values("count")
        #expect(counts.last == .text("c"), "markers stay as written once the column is text")
        #expect(counts[counts.count - 2] == .text("see note"))
        #expect(counts.contains(.text("low")) || counts.contains(.text("..")))
        #expect(t.values("code").last == .missing(.confidential))
    }

    @Test func columnTurningTextOnlyInTheFirstChunk() throws {
        let csv = Self.varied(megabytes: 5) { csv, row in
            if row == 3 { csv.append("3.5,Reading,n/a,2,x,0870\n") }
        }
        let (t, _) = try Self.compare(csv.bytes)
        #expect(t.type(of: "count") == .text)
        #expect(t.type(of: "code") == .text)
        #expect(t.type(of: "id") == .decimal)
    }

    @Test func problemsNearTheEndAreReportedAtTheirFileLine() throws {
        var csv = Self.varied(megabytes: 5)
        #expect(Self.split(csv.bytes).count == 3)
        let shortLine = csv.line
        csv.append("1,Reading,2\n")
        let longLine = csv.line
        csv.append("2,Reading,3,4,5,6,7,8\r\n")
        let quoteLine = csv.line
        csv.append("3,\"Read\"ing,1,2,3,4\r")
        let utf8Line = csv.line
        csv.append(bytes: Array("4,Caf".utf8) + [0xE9] + Array(",1,2,3,4\n".utf8))
        let nulLine = csv.line
        csv.append(bytes: Array("5,N".utf8) + [0] + Array("UL,1,2,3,4\n".utf8))
        let unclosedLine = csv.line
        csv.append("6,\"never closed,1,2,3,4\n7,Reading,1,2,3,4\n")
        let (t, report) = try Self.compare(csv.bytes)
        let lines = report.lines()
        #expect(lines.contains("t.csv:\(shortLine): row has 3 fields, expected 6; the missing ones are empty"))
        #expect(lines.contains("t.csv:\(longLine): row has 8 fields, expected 6; kept the first 6"))
        #expect(lines.contains("t.csv:\(quoteLine): text after a closing quote; kept it in the field"))
        #expect(lines.contains("t.csv:\(utf8Line): invalid UTF-8 in column `name` (shown as �)"))
        #expect(lines.contains("t.csv:\(nulLine): NUL byte in column `name` (removed)"))
        #expect(
            lines.contains("t.csv:\(unclosedLine): a quote opened here is never closed; read it as an ordinary character"))
        #expect(t.values("name").suffix(4) == [.text("Caf\u{FFFD}"), .text("NUL"), .text("\"never closed"), .text("Reading")])
    }

    @Test func strayQuoteInAnUnquotedFieldDoesNotMoveTheSplit() throws {
        // `5" screen` holds one quote outside any quoted field. The split must
        // still fall between records, not inside a later quoted field.
        let csv = Self.varied(megabytes: 5) { csv, row in
            if row == 10 { csv.append("10,5\" screen,1,2,plain,870\n") }
        }
        let (t, _) = try Self.compare(csv.bytes)
        #expect(t.values("name").contains(.text("5\" screen")))
    }

    /// The split rule, byte by byte: a quote opens a quoted field only at the
    /// start of a field; inside one, a quote closes it unless doubled.
    static func referenceBounds(_ p: [UInt8], from start: Int, delimiter: UInt8, parts: Int) -> [Int] {
        let n = p.count, quote = UInt8(ascii: "\"")
        var bounds = [start], k = 1, target = start + (n - start) / parts
        var inQuotes = false, fieldStart = true, i = start
        while i < n && k < parts {
            let c = p[i]
            if inQuotes {
                if c == quote {
                    if i + 1 < n, p[i + 1] == quote {
                        i += 2
                        continue
                    }
                    inQuotes = false
                }
                i += 1
                continue
            }
            if c == 0x0A || c == 0x0D {
                i += 1
                if c == 0x0D, i < n, p[i] == 0x0A { i += 1 }
                fieldStart = true
                // The split follows the first line end whose last byte is at or after the target.
                if i > target {
                    if i < n, i > bounds.last! { bounds.append(i) }
                    k += 1
                    target = start + (n - start) * k / parts
                }
                continue
            }
            if c == quote && fieldStart { inQuotes = true }
            fieldStart = c == delimiter
            i += 1
        }
        bounds.append(n)
        return bounds
    }

    @Test func splitPointsMatchTheByteByByteRule() {
        var rng = SeededGenerator(seed: 4180)
        let alphabet: [UInt8] = Array("ab,,\"\"\n\r;".utf8)
        for round in 0..<3_000 {
            let length = Int(rng.next() % 200)
            let bytes = (0..<length).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }
            let parts = 2 + Int(rng.next() % 3)
            let delimiter = round % 2 == 0 ? UInt8(ascii: ",") : UInt8(ascii: ";")
            let file = FileBytes(bytes: bytes)
            let start = length == 0 ? 0 : Int(rng.next() % UInt64(length))
            let got = CSVReader.chunkBounds(file.bytes, from: start, delimiter: delimiter, parts: parts)
            let want = Self.referenceBounds(bytes, from: start, delimiter: delimiter, parts: parts)
            #expect(got == want, "\(bytes.map { Character(UnicodeScalar($0)) }) from \(start) in \(parts)")
        }
    }

    @Test func splitPointsOfRandomFilesGiveTheSameTable() throws {
        // Small random files with two workers forced on through the split itself:
        // reading each chunk alone and joining must equal one pass.
        var rng = SeededGenerator(seed: 11)
        let alphabet: [UInt8] = Array("a1,,\"\n\r".utf8)
        for _ in 0..<300 {
            var bytes = Array("h1,h2,h3\n".utf8)
            for _ in 0..<Int(rng.next() % 300) { bytes.append(alphabet[Int(rng.next() % UInt64(alphabet.count))]) }
            let file = FileBytes(bytes: bytes)
            let bounds = CSVReader.chunkBounds(file.bytes, from: 9, delimiter: UInt8(ascii: ","), parts: 3)
            for b in bounds.dropFirst().dropLast() {
                // Every split follows a line end that the scanner also ends a record at.
                #expect(bytes[b - 1] == 0x0A || bytes[b - 1] == 0x0D)
                var scanner = RecordScanner(p: file.bytes, delimiter: UInt8(ascii: ","), position: 9, line: 1)
                while scanner.position < b { scanner.readRecord { _, _, _ in } }
                #expect(scanner.position == b, "\(bytes) split at \(b)")
            }
        }
    }

    @Test func oneHugeLineIsNotSplit() throws {
        // A single 6 MB record: there is no record boundary to split at.
        var bytes = Array("a,b\n1,".utf8)
        bytes += [UInt8](repeating: UInt8(ascii: "y"), count: 6 << 20)
        bytes += Array("\n2,z\n".utf8)
        let (t, report) = try Self.compare(bytes)
        #expect(t.rowCount == 2)
        #expect(report.issues.isEmpty)
    }

    @Test func blankLinesAreCountedOnceAcrossWorkers() throws {
        let csv = Self.varied(megabytes: 5)
        let (_, one) = try CSVTest.read(bytes: csv.bytes, workers: 1)
        let (_, two) = try CSVTest.read(bytes: csv.bytes, workers: 2)
        let blank1 = one.lines().filter { $0.contains("blank line") }
        let blank2 = two.lines().filter { $0.contains("blank line") }
        #expect(blank1.count == 1)
        #expect(blank1 == blank2)
    }
}
