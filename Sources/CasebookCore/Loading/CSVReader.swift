// RFC 4180 as the DfE and Ofsted publish it: a UTF-8 BOM, CRLF, LF or CR line
// ends, comma, tab or semicolon (detected), quoted fields with embedded
// delimiters, quotes and newlines. One pass from bytes to typed columns; the data
// rows are split between the cores in chunks that start on a record boundary.
// Malformed input never stops a load: each problem is recorded with its line
// number and the row is kept (padded or trimmed) or read leniently.
// A file is read in blocks (CSVStream.swift), so it never needs to fit in
// memory at once; bytes held in memory are one block.

import Dispatch

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

public enum CSVReader {
    public struct Options: Sendable {
        /// nil: detect from the header line.
        var delimiter: UInt8? = nil
        /// Split the rows between this many workers (files under a few MB use one).
        public var workers: Int = 2
        /// Bytes read and parsed at a time (a block always ends on a record
        /// boundary). nil: all of it at once for bytes in memory, 16 MB for a file.
        public var blockBytes: Int? = nil
        /// The most the columns may hold in memory when they are being written
        /// to a cache file as they are made (those whose writes failed); nil: no limit.
        var memoryLimit: Int? = nil
        /// The most one window may grow to for a record longer than a block
        /// (nil: the memory limit): a streamed file larger than memory may
        /// not have its one endless line read into memory.
        var windowLimit: Int? = nil
        public init() {}
    }

    enum Failure: Error, Equatable {
        case empty
        case noHeader
    }

    /// Parses CSV bytes into a table. `fileName` is used in the report only.
    public static func read(
        _ p: UnsafeBufferPointer<UInt8>, fileName: String, options: Options = Options(),
        cancellation: Cancellation = .never
    ) throws(Diagnostic) -> (Table, LoadReport) {
        if let converted = try readUTF16(p, fileName: fileName, options: options, cancellation: cancellation) {
            return converted
        }
        var input = MemoryInput(p)
        var parsed = try parse(&input, fileName: fileName, options: options, cancellation: cancellation, spill: nil)
        return (parsed.takeReadyTable(handle: nil)!, parsed.report)
    }

    /// UTF-16 (Excel's "Unicode text"): read as UTF-8, with the same lines.
    static func readUTF16(
        _ p: UnsafeBufferPointer<UInt8>, fileName: String, options: Options, cancellation: Cancellation
    ) throws(Diagnostic) -> (Table, LoadReport)? {
        guard p.count >= 2, (p[0] == 0xFF && p[1] == 0xFE) || (p[0] == 0xFE && p[1] == 0xFF) else { return nil }
        let littleEndian = p[0] == 0xFF
        let utf8 = utf8FromUTF16(p, littleEndian: littleEndian)
        var (table, report) = try utf8.withUnsafeBufferPointer { (q) throws(Diagnostic) in
            try read(q, fileName: fileName, options: options, cancellation: cancellation)
        }
        report.add(
            .encoding, line: nil,
            "the file is UTF-16 (\(littleEndian ? "little" : "big")-endian), not UTF-8; converted it to read it")
        return (table, report)
    }

    // MARK: - Header

    /// Column names from the header's fields: trimmed of spaces, a blank name
    /// becomes `column_N`, a repeated one `name_2`; a new name never takes one
    /// that the header itself uses later.
    static func uniqueNames(_ raw: [[UInt8]], line: Int = 1, report: inout LoadReport) -> [String] {
        let trimmed = raw.enumerated().map { (i, bytes) in
            var bytes = bytes
            if bytes.contains(0) {
                report.add(.nulByte, line: line, "NUL byte in the name of column \(i + 1) (removed)")
                bytes.removeAll { $0 == 0 }
            }
            if !isValidUTF8(bytes) {
                report.add(.invalidUTF8, line: line, "invalid UTF-8 in the name of column \(i + 1) (shown as �)")
            }
            return String(
                String(decoding: bytes, as: UTF8.self).drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " })
                    .reversed())
        }
        var taken = Set(trimmed.filter { !$0.isEmpty })
        var used = Set<String>()
        var names: [String] = []
        var nextSuffix: [String: Int] = [:]
        for (i, original) in trimmed.enumerated() {
            var name = original
            if name.isEmpty {
                let fresh = freshName("column_\(i + 1)", taken, &nextSuffix)
                report.add(.renamedHeader, line: line, "column \(i + 1) has no name; called it `\(fresh)`")
                name = fresh
            } else if used.contains(name) {
                let fresh = freshName(name, taken, &nextSuffix)
                report.add(.renamedHeader, line: line, "column \(i + 1) repeats the name `\(name)`; called it `\(fresh)`")
                name = fresh
            }
            used.insert(name)
            taken.insert(name)
            names.append(name)
        }
        return names
    }

    static func isValidUTF8(_ bytes: [UInt8]) -> Bool {
        var it = bytes.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&it) {
            case .scalarValue: continue
            case .emptyInput: return true
            case .error: return false
            }
        }
    }

    /// UTF-16 bytes (after their byte-order mark) as UTF-8; unpaired surrogates
    /// and an odd last byte become U+FFFD.
    static func utf8FromUTF16(_ p: UnsafeBufferPointer<UInt8>, littleEndian: Bool) -> [UInt8] {
        var units: [UInt16] = []
        units.reserveCapacity(p.count / 2)
        var i = 2
        while i + 1 < p.count {
            let a = UInt16(p[i]), b = UInt16(p[i + 1])
            units.append(littleEndian ? a | b << 8 : a << 8 | b)
            i += 2
        }
        var out: [UInt8] = []
        out.reserveCapacity(units.count + units.count / 2)
        _ = transcode(units.makeIterator(), from: UTF16.self, to: UTF8.self, stoppingOnError: false) { out.append($0) }
        if i < p.count { out += [0xEF, 0xBF, 0xBD] }
        return out
    }

    /// `base`, else `base_2`, `base_3`… (the first not taken). `next` remembers
    /// where each base got to, so a header of thousands of equal names is not
    /// quadratic (names are only ever added to `used`).
    private static func freshName(_ base: String, _ used: Set<String>, _ next: inout [String: Int]) -> String {
        if !used.contains(base) { return base }
        var n = next[base] ?? 2
        while used.contains("\(base)_\(n)") { n += 1 }
        next[base] = n + 1
        return "\(base)_\(n)"
    }

    /// The delimiter that splits the header line most often: comma, tab or semicolon.
    static func detectDelimiter(_ p: UnsafeBufferPointer<UInt8>, from start: Int) -> UInt8 {
        var end = 0
        return detectDelimiter(p, from: start, stoppedAt: &end)
    }

    /// The same; `stoppedAt` is where the header line was found to end (p.count when it was not).
    static func detectDelimiter(_ p: UnsafeBufferPointer<UInt8>, from start: Int, stoppedAt: inout Int) -> UInt8 {
        var counts: [UInt8: Int] = [UInt8(ascii: ","): 0, 0x09: 0, UInt8(ascii: ";"): 0]
        var inQuotes = false
        var i = start
        while i < p.count {
            let c = p[i]
            if c == UInt8(ascii: "\"") {
                inQuotes.toggle()
            } else if !inQuotes {
                if c == 0x0A || c == 0x0D { break }
                if counts[c] != nil { counts[c]! += 1 }
            }
            i += 1
        }
        stoppedAt = i
        let comma = counts[UInt8(ascii: ",")]!, tab = counts[0x09]!, semi = counts[UInt8(ascii: ";")]!
        if tab > comma && tab >= semi { return 0x09 }
        if semi > comma && semi > tab { return UInt8(ascii: ";") }
        return UInt8(ascii: ",")
    }

    static func onlyLineBreaks(_ p: UnsafeBufferPointer<UInt8>, from start: Int) -> Bool {
        var i = start
        while i < p.count {
            if p[i] != 0x0A && p[i] != 0x0D && p[i] != 0x20 { return false }
            i += 1
        }
        return true
    }

    // MARK: - Chunks

    /// Offsets that cut [start, end) into `parts` pieces, each beginning at the
    /// start of a record (never inside a quoted field). Quotes are followed as
    /// the record scanner reads them: a quote opens a quoted field only at the
    /// start of a field (`5" screen` is ordinary text), and inside one a quote
    /// closes it unless doubled. A quote never closed leaves no later split, so
    /// the worker that meets it reads it as a single worker would.
    static func chunkBounds(_ p: UnsafeBufferPointer<UInt8>, from start: Int, delimiter: UInt8, parts: Int) -> [Int] {
        guard parts > 1, let base = p.baseAddress else { return [start, p.count] }
        let n = p.count
        let quote = UInt8(ascii: "\"")
        /// The next quote at or after `i`, or n (memchr: the gaps between quotes are long).
        func nextQuote(_ i: Int) -> Int {
            guard i < n, let hit = memchr(base + i, Int32(quote), n - i) else { return n }
            return hit.assumingMemoryBound(to: UInt8.self) - UnsafeMutablePointer(mutating: base)
        }
        var bounds = [start]
        var k = 1
        var target = start + (n - start) / parts
        var i = start  // always outside quotes
        while k < parts {
            let q = nextQuote(i)
            // No quote in [i, q): each split is the first line end at or after its target.
            while k < parts {
                var e = max(i, target)
                while e < q, p[e] != 0x0A, p[e] != 0x0D { e += 1 }
                guard e < q else { break }
                var b = e + 1
                if p[e] == 0x0D, b < n, p[b] == 0x0A { b += 1 }
                if b < n, b > bounds.last! { bounds.append(b) }
                k += 1
                target = start + (n - start) * k / parts
                i = b
            }
            guard k < parts, q < n else { break }
            // A quote opens a quoted field only at the start of a field.
            let opens = q == start || p[q - 1] == delimiter || p[q - 1] == 0x0A || p[q - 1] == 0x0D
            if !opens {
                i = q + 1
                continue
            }
            // Inside: the next single quote closes it ("" is an escaped quote).
            var j = nextQuote(q + 1)
            while j + 1 < n, p[j + 1] == quote { j = nextQuote(j + 2) }
            if j >= n { break }  // never closed: no split after it
            i = j + 1
        }
        bounds.append(n)
        return bounds
    }

    struct Chunk {
        var builders: [ColumnBuilder]
        var rowStarts: [Int]
        var rows = 0
        var lines = 0
        var report: LoadReport
        var blankLines = 0
        var range: Range<Int>
    }

    /// The input, read (never written) by every worker.
    struct SharedBytes: @unchecked Sendable {
        let p: UnsafeBufferPointer<UInt8>
        init(_ p: UnsafeBufferPointer<UInt8>) { self.p = p }
    }

    static func parseChunk(
        _ p: UnsafeBufferPointer<UInt8>, range: Range<Int>, delimiter: UInt8, columns: Int, fileName: String,
        cancellation: Cancellation, textColumns: [Bool] = []
    ) -> Chunk {
        let estimate = max(16, (range.count / 64))
        var chunk = Chunk(
            builders: (0..<columns).map { c in
                // A column already known to be text is read as text from its first row.
                let isText = c < textColumns.count && textColumns[c]
                var b = ColumnBuilder(capacity: isText ? 0 : estimate)
                b.decimalComma = delimiter == UInt8(ascii: ";")
                if isText {
                    b.mode = .text
                    b.codes.reserveCapacity(estimate)
                }
                return b
            }, rowStarts: [],
            report: LoadReport(fileName: fileName), range: range)
        chunk.rowStarts.reserveCapacity(estimate)
        let sub = UnsafeBufferPointer(rebasing: p[0..<range.upperBound])
        var scanner = RecordScanner(p: sub, delimiter: delimiter, position: range.lowerBound, line: 1)
        var blankLines = 0
        var row = 0
        // The builders through a pointer for the whole loop: no copy-on-write
        // check per field.
        var builders = chunk.builders
        chunk.builders = []
        var rowStarts = chunk.rowStarts
        chunk.rowStarts = []
        var report = chunk.report
        builders.withUnsafeMutableBufferPointer { b in
            while scanner.position < range.upperBound {
                if row & (Cancellation.stride - 1) == 0, cancellation.cancelled { break }
                let recordStart = scanner.position
                let recordLine = scanner.line
                if scanner.atBlankLine() {
                    blankLines += 1
                    scanner.skipLineBreak()
                    continue
                }
                rowStarts.append(recordStart)
                // The record's fields, as RecordScanner.readRecord reads them, with
                // the unquoted case inline (no closure per field).
                var field = 0
                let n = sub.count
                while true {
                    if scanner.position < n, sub[scanner.position] == UInt8(ascii: "\"") {
                        var got: (Int, Int, [UInt8]?) = (0, 0, nil)
                        scanner.readQuotedField { s, e, u in got = (s, e, u) }
                        if field < columns {
                            if !appendField(b, column: field, row: row, got.0, got.1, got.2, sub) {
                                retext(b, rowStarts, column: field, row: row, got.0, got.1, got.2, sub, delimiter)
                            }
                        }
                    } else {
                        let s = scanner.position
                        var i = s
                        while i < n {
                            let c = sub[i]
                            if c == delimiter || c == 0x0A || c == 0x0D { break }
                            i += 1
                        }
                        if field < columns, !appendField(b, column: field, row: row, s, i, nil, sub) {
                            retext(b, rowStarts, column: field, row: row, s, i, nil, sub, delimiter)
                        }
                        scanner.position = i
                    }
                    field += 1
                    if scanner.position >= n { break }
                    if sub[scanner.position] == delimiter {
                        scanner.position += 1
                        if scanner.position >= n {
                            // "a,b," ends with an empty last field
                            if field < columns, !appendField(b, column: field, row: row, n, n, nil, sub) {
                                retext(b, rowStarts, column: field, row: row, n, n, nil, sub, delimiter)
                            }
                            field += 1
                            break
                        }
                        continue
                    }
                    scanner.skipLineBreak()
                    break
                }
                if let unclosed = scanner.unclosedQuoteLine {
                    report.add(
                        .unclosedQuote, line: unclosed,
                        "a quote opened here is never closed; read it as an ordinary character")
                    scanner.unclosedQuoteLine = nil
                }
                if let bad = scanner.textAfterQuoteLine {
                    report.add(.textAfterQuote, line: bad, "text after a closing quote; kept it in the field")
                    scanner.textAfterQuoteLine = nil
                }
                if field < columns {
                    report.add(
                        .shortRow, line: recordLine,
                        "row has \(field) field\(field == 1 ? "" : "s"), expected \(columns); the missing ones are empty")
                    for c in field..<columns where !appendField(b, column: c, row: row, 0, 0, nil, sub) {
                        retext(b, rowStarts, column: c, row: row, 0, 0, nil, sub, delimiter)
                    }
                } else if field > columns {
                    report.add(
                        .longRow, line: recordLine,
                        "row has \(field) fields, expected \(columns); kept the first \(columns)")
                }
                row += 1
            }
        }
        chunk.builders = builders
        chunk.rowStarts = rowStarts
        chunk.report = report
        chunk.rows = row
        chunk.lines = scanner.line - 1
        chunk.blankLines = blankLines
        // Rows with invalid UTF-8 or NUL bytes are reported when the chunk is
        // folded into the file's columns (CSVStream.swift): once per distinct string in the file.
        return chunk
    }

    /// Line (within the chunk, 1-based) at which a row starts: counted on demand,
    /// since it is needed only for the few rows a report names.
    static func lineOfRow(_ row: Int, chunk: Chunk, p: UnsafeBufferPointer<UInt8>, delimiter: UInt8) -> Int {
        var line = 1
        var i = chunk.range.lowerBound
        let end = chunk.rowStarts[row]
        while i < end {
            if p[i] == 0x0A || (p[i] == 0x0D && (i + 1 >= p.count || p[i + 1] != 0x0A)) { line += 1 }
            i += 1
        }
        return line
    }

    /// Appends a field to its column; false when the column just turned to
    /// text (then `retext` reads the earlier rows again).
    @inline(__always)
    static func appendField(
        _ builders: UnsafeMutableBufferPointer<ColumnBuilder>, column: Int, row: Int,
        _ s: Int, _ e: Int, _ unescaped: [UInt8]?, _ p: UnsafeBufferPointer<UInt8>
    ) -> Bool {
        if let u = unescaped {
            return u.withUnsafeBufferPointer { builders[column].append($0, 0, u.count, row: row) }
        }
        return builders[column].append(p, s, e, row: row)
    }

    /// A column that turned to text at `row`: its earlier rows read again as text, then this field.
    static func retext(
        _ builders: UnsafeMutableBufferPointer<ColumnBuilder>, _ rowStarts: [Int], column: Int, row: Int,
        _ s: Int, _ e: Int, _ unescaped: [UInt8]?, _ p: UnsafeBufferPointer<UInt8>, _ delimiter: UInt8
    ) {
        // The column turned to text: read its earlier rows again, then this one.
        for r in 0..<row {
            var scanner = RecordScanner(p: p, delimiter: delimiter, position: rowStarts[r], line: 1)
            var f = 0
            var appended = false
            scanner.readRecord { fs, fe, fu in
                if f == column {
                    if let u = fu {
                        u.withUnsafeBufferPointer { builders[column].appendText($0, 0, u.count, row: r) }
                    } else {
                        builders[column].appendText(p, fs, fe, row: r)
                    }
                    appended = true
                }
                f += 1
            }
            if !appended { builders[column].appendText(p, 0, 0, row: r) }
        }
        builders[column].needsRescan = false
        if let u = unescaped {
            u.withUnsafeBufferPointer { builders[column].appendText($0, 0, u.count, row: row) }
        } else {
            builders[column].appendText(p, s, e, row: row)
        }
    }
}

/// Walks records field by field. The callback gets each field's content range,
/// or, for a quoted field with doubled quotes, its unescaped bytes.
struct RecordScanner {
    let p: UnsafeBufferPointer<UInt8>
    let delimiter: UInt8
    var position: Int
    var line: Int
    var unclosedQuoteLine: Int? = nil
    var textAfterQuoteLine: Int? = nil

    init(p: UnsafeBufferPointer<UInt8>, delimiter: UInt8, position: Int, line: Int) {
        self.p = p
        self.delimiter = delimiter
        self.position = position
        self.line = line
    }

    func atBlankLine() -> Bool {
        position < p.count && (p[position] == 0x0A || p[position] == 0x0D)
    }

    mutating func skipLineBreak() {
        if position < p.count, p[position] == 0x0D {
            position += 1
            if position < p.count, p[position] == 0x0A { position += 1 }
            line += 1
        } else if position < p.count, p[position] == 0x0A {
            position += 1
            line += 1
        }
    }

    /// Reads one record and leaves `position` at the start of the next.
    @inline(__always)
    mutating func readRecord(_ field: (Int, Int, [UInt8]?) -> Void) {
        let n = p.count
        while true {
            if position < n, p[position] == UInt8(ascii: "\"") {
                readQuotedField(field)
            } else {
                let s = position
                var i = position
                while i < n {
                    let c = p[i]
                    if c == delimiter || c == 0x0A || c == 0x0D { break }
                    i += 1
                }
                field(s, i, nil)
                position = i
            }
            if position >= n { return }
            let c = p[position]
            if c == delimiter {
                position += 1
                if position >= n {
                    field(n, n, nil)  // "a,b," ends with an empty last field
                    return
                }
                continue
            }
            // A line end: CRLF, LF or a lone CR.
            skipLineBreak()
            return
        }
    }

    mutating func readQuotedField(_ field: (Int, Int, [UInt8]?) -> Void) {
        let n = p.count
        let openLine = line
        let open = position
        var i = position + 1
        let contentStart = i
        var escaped: [UInt8]? = nil
        var lines = 0
        while i < n {
            let c = p[i]
            if c == UInt8(ascii: "\"") {
                if i + 1 < n, p[i + 1] == UInt8(ascii: "\"") {
                    if escaped == nil { escaped = Array(UnsafeBufferPointer(rebasing: p[contentStart..<i])) }
                    escaped!.append(UInt8(ascii: "\""))
                    i += 2
                    continue
                }
                // Closing quote.
                var end = i
                i += 1
                line += lines
                if i < n, p[i] != delimiter, p[i] != 0x0A, p[i] != 0x0D {
                    // `"abc"def`: keep the stray text as part of the field.
                    textAfterQuoteLine = line
                    var bytes = escaped ?? Array(UnsafeBufferPointer(rebasing: p[contentStart..<end]))
                    while i < n, p[i] != delimiter, p[i] != 0x0A, p[i] != 0x0D {
                        bytes.append(p[i])
                        i += 1
                    }
                    position = i
                    field(contentStart, contentStart, bytes)
                    return
                }
                position = i
                if let e = escaped {
                    field(contentStart, end, e)
                } else {
                    field(contentStart, end, nil)
                }
                end = 0
                return
            }
            if c == 0x0A || (c == 0x0D && (i + 1 >= n || p[i + 1] != 0x0A)) { lines += 1 }
            escaped?.append(c)
            i += 1
        }
        // End of input inside quotes: read the quote as an ordinary character,
        // so one stray quote does not swallow the rest of the file.
        unclosedQuoteLine = openLine
        var j = open
        while j < n, p[j] != delimiter, p[j] != 0x0A, p[j] != 0x0D { j += 1 }
        field(open, j, nil)
        position = j
    }
}
