// The reader's main loop: the header, then the data in blocks that end on a
// record boundary, each block split between the cores, each chunk's columns
// folded into the file's columns (ColumnStore.swift) in order. Bytes held in
// memory are read as one block; a file is read a block at a time, so only a
// block of it is ever in memory.
//
// A column's type is learnt from the whole file: when a later chunk finds text
// in a column of numbers, the earlier chunks' fields are read again as text
// (from memory, or from the file), so markers there stay as written. Text is
// coded against one dictionary per column in order of first appearance, and
// a string with invalid UTF-8 or a NUL byte is reported once, at its first line.

import Dispatch

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Bytes the reader reads a block at a time.
protocol CSVInput {
    /// Bytes in the input (a file's size when it was opened; less if it shrank while read).
    var size: Int { get }
    /// Bytes [from, from + count), fewer at the end; valid until the next call.
    mutating func window(from: Int, count: Int) throws(Diagnostic) -> UnsafeBufferPointer<UInt8>
    /// Bytes `range` again (to read a chunk's fields a second time).
    func reread(_ range: Range<Int>, _ body: (UnsafeBufferPointer<UInt8>) throws(Diagnostic) -> Void) throws(Diagnostic)
}

struct MemoryInput: CSVInput {
    let p: UnsafeBufferPointer<UInt8>

    init(_ p: UnsafeBufferPointer<UInt8>) { self.p = p }

    var size: Int { p.count }

    func window(from: Int, count: Int) -> UnsafeBufferPointer<UInt8> {
        let end = count >= p.count - from ? p.count : from + count
        return UnsafeBufferPointer(rebasing: p[from..<end])
    }

    func reread(_ range: Range<Int>, _ body: (UnsafeBufferPointer<UInt8>) throws(Diagnostic) -> Void) throws(Diagnostic) {
        try body(UnsafeBufferPointer(rebasing: p[range]))
    }
}

/// A regular file read with pread into one buffer that is reused block after
/// block (the unread end of a block moves to the front of the next).
final class FileInput: CSVInput {
    let fd: Int32
    let displayName: String
    private(set) var size: Int
    private var buffer: UnsafeMutableRawBufferPointer
    /// The buffer holds the file's bytes [bufferStart, bufferStart + bufferCount).
    private var bufferStart = 0
    private var bufferCount = 0

    init(fd: Int32, size: Int, displayName: String) {
        self.fd = fd
        self.size = size
        self.displayName = displayName
        buffer = UnsafeMutableRawBufferPointer(start: nil, count: 0)
    }

    deinit {
        if buffer.baseAddress != nil { buffer.deallocate() }
    }

    func window(from: Int, count: Int) throws(Diagnostic) -> UnsafeBufferPointer<UInt8> {
        let want = count >= size - from ? size - from : count
        var keep = 0
        if from >= bufferStart && from < bufferStart + bufferCount {
            keep = min(bufferStart + bufferCount - from, want)
        }
        if want > buffer.count {
            let grown = UnsafeMutableRawBufferPointer.allocate(byteCount: max(want, 1), alignment: 64)
            if keep > 0 { grown.baseAddress!.copyMemory(from: buffer.baseAddress! + (from - bufferStart), byteCount: keep) }
            if buffer.baseAddress != nil { buffer.deallocate() }
            buffer = grown
        } else if keep > 0 && from != bufferStart {
            memmove(buffer.baseAddress!, buffer.baseAddress! + (from - bufferStart), keep)
        }
        var got = keep
        while got < want {
            let r = pread(fd, buffer.baseAddress! + got, min(want - got, 1 << 30), off_t(from + got))
            if r < 0 {
                if errno == EINTR { continue }
                throw Diagnostic.fileUnreadable(displayName, FileBytes.errorText(errno))
            }
            if r == 0 {
                size = from + got  // the file shrank since it was opened: it ends here
                break
            }
            got += r
        }
        bufferStart = from
        bufferCount = got
        return UnsafeBufferPointer(start: buffer.baseAddress!.assumingMemoryBound(to: UInt8.self), count: got)
    }

    func reread(_ range: Range<Int>, _ body: (UnsafeBufferPointer<UInt8>) throws(Diagnostic) -> Void) throws(Diagnostic) {
        let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: max(range.count, 1), alignment: 64)
        defer { scratch.deallocate() }
        guard CacheFormat.readFully(fd, scratch.baseAddress!, count: range.count, at: range.lowerBound) else {
            throw CSVReader.changedWhileReading(displayName)
        }
        try body(UnsafeBufferPointer(start: scratch.baseAddress!.assumingMemoryBound(to: UInt8.self), count: range.count))
    }
}

extension CSVReader {
    /// A file read in blocks, before it is made into a table.
    struct Parsed {
        var columns: [ColumnAccumulator]
        var rows: Int
        var report: LoadReport
        /// A header with no rows under it: every column is empty text.
        var headerOnly = false

        /// The columns as arrays (segments spilled to `handle` are read back);
        /// nil when a spilled segment cannot be read back. Frees the segments.
        mutating func takeReadyTable(handle: CacheFileHandle?) -> Table? {
            if headerOnly {
                let empty = columns.map { Column(name: $0.name, data: .text(codes: [], dictionary: TextDictionary([""]))) }
                return Table(columns: empty, rowCount: 0)
            }
            var out: [Column] = []
            for i in columns.indices {
                let acc = columns[i]
                columns[i].segments = []
                guard
                    let c = ColumnAssembly.column(
                        name: acc.name, type: acc.type, rows: rows, segments: acc.segments, handle: handle,
                        dictionary: { acc.dictionaryEntries() }, stripNUL: acc.sawNUL)
                else { return nil }
                out.append(c)
            }
            return Table(columns: out, rowCount: rows)
        }

        /// True when every segment is in the cache file (nothing kept in memory).
        var allSpilled: Bool {
            !headerOnly && columns.allSatisfy { $0.segments.allSatisfy { $0.values == nil && $0.stored != nil } }
        }
    }

    static func changedWhileReading(_ name: String) -> Diagnostic {
        Diagnostic(
            id: .fileChanged, message: "\(name) changed while it was being read", span: nil,
            help: "load it again once the program writing it has finished")
    }

    /// Reads the input: header, blocks, columns. `spill` receives the segments
    /// as they are made (nil: they stay in memory).
    /// A window widened for one long record (a file with no line breaks) may
    /// not pass the memory a load may use.
    private static func checkWindow<I: CSVInput>(
        _ want: Int, from: Int, input: I, options: Options, fileName: String
    ) throws(Diagnostic) {
        if let limit = options.windowLimit ?? options.memoryLimit, min(want, input.size - from) > limit {
            throw CSVLoader.failure(.tooLarge(size: input.size, available: limit), displayName: fileName)
        }
    }

    static func parse<I: CSVInput>(
        _ input: inout I, fileName: String, options: Options, cancellation: Cancellation, spill: SpillWriter?
    ) throws(Diagnostic) -> Parsed {
        var report = LoadReport(fileName: fileName)
        let blockBytes = max(1, options.blockBytes ?? Int.max)

        // The header: widen the first window until it holds the whole first record.
        var headWant = blockBytes
        var p: UnsafeBufferPointer<UInt8>
        var delimiter: UInt8
        var scanner: RecordScanner
        var headerScratch: [[UInt8]]
        var leadingLines: Int
        while true {
            p = try input.window(from: 0, count: headWant)
            let whole = p.count >= input.size
            var start = 0
            if p.count >= 3, p[0] == 0xEF, p[1] == 0xBB, p[2] == 0xBF { start = 3 }
            // Skip blank lines before the header.
            leadingLines = 0
            while start < p.count, p[start] == 0x0A || p[start] == 0x0D {
                if p[start] == 0x0A || (p[start] == 0x0D && (start + 1 >= p.count || p[start + 1] != 0x0A)) {
                    leadingLines += 1
                }
                start += 1
            }
            if start < p.count || whole {
                guard start < p.count else {
                    throw Diagnostic(id: .emptyFile, message: "\(fileName) is empty", span: nil)
                }
                var lineEnd = 0
                delimiter = options.delimiter ?? detectDelimiter(p, from: start, stoppedAt: &lineEnd)
                scanner = RecordScanner(p: p, delimiter: delimiter, position: start, line: 1 + leadingLines)
                headerScratch = []
                scanner.readRecord { s, e, unescaped in
                    if let u = unescaped { headerScratch.append(u) } else { headerScratch.append(Array(UnsafeBufferPointer(rebasing: p[s..<e]))) }
                }
                if whole || (scanner.position < p.count && lineEnd < p.count && scanner.unclosedQuoteLine == nil) { break }
            }
            headWant = headWant > Int.max / 2 ? Int.max : headWant * 2
            try checkWindow(headWant, from: 0, input: input, options: options, fileName: fileName)
        }
        let headerLine = 1 + leadingLines
        if let unclosed = scanner.unclosedQuoteLine {
            report.add(.unclosedQuote, line: unclosed, "a quote opened here is never closed; read it as an ordinary character")
        }
        if let bad = scanner.textAfterQuoteLine {
            report.add(.textAfterQuote, line: bad, "text after a closing quote; kept it in the field")
        }
        let names = uniqueNames(headerScratch, line: headerLine, report: &report)
        let columnCount = names.count
        let dataStart = scanner.position
        let firstDataLine = scanner.line
        let headerReport = report

        var folder = ColumnFolder(columns: names.map { ColumnAccumulator(name: $0) }, spill: spill, delimiter: delimiter)
        var pos = dataStart
        var lineOffset = firstDataLine - 1
        var totalRows = 0
        var blankLines = 0
        var allBlank = true
        while pos < input.size {
            // A block: as much as fits, cut after its last complete record.
            var want = blockBytes
            var w = try input.window(from: pos, count: want)
            var cut = w.count
            while pos + w.count < input.size {
                if let c = lastRecordBoundary(w, delimiter: delimiter) {
                    cut = c
                    break
                }
                want = want > Int.max / 2 ? Int.max : want * 2  // one record longer than a block
                try checkWindow(want, from: pos, input: input, options: options, fileName: fileName)
                w = try input.window(from: pos, count: want)
                cut = w.count
            }
            guard cut > 0 else { break }
            let block = UnsafeBufferPointer(rebasing: w[0..<cut])
            if allBlank && !onlyLineBreaks(block, from: 0) { allBlank = false }

            let workers = block.count < 4 << 20 ? 1 : max(1, options.workers)
            let bounds = chunkBounds(block, from: 0, delimiter: delimiter, parts: workers)
            let results = WorkerSlots<Chunk>(count: bounds.count - 1)
            let shared = SharedBytes(block)
            let textColumns = folder.columns.map { $0.mode == .text }
            let delimiter = delimiter
            DispatchQueue.concurrentPerform(iterations: bounds.count - 1) { i in
                let chunk = parseChunk(
                    shared.p, range: bounds[i]..<bounds[i + 1], delimiter: delimiter, columns: columnCount,
                    fileName: fileName, cancellation: cancellation, textColumns: textColumns)
                results.set(i, chunk)
            }
            try cancellation.checkpoint()
            for i in 0..<(bounds.count - 1) {
                var chunk = results.take(i)!
                // Lines are counted from the start of each chunk; shift them to the file's.
                report.absorb(chunk.report, lineOffset: lineOffset)
                try folder.fold(&chunk, block: block, blockStart: pos, lineOffset: lineOffset, input: input)
                // Columns kept in memory (no cache file, or its writes failed) past what a load may use.
                if let limit = options.memoryLimit, folder.heldBytes > limit {
                    throw Diagnostic(
                        id: .fileTooLarge,
                        message: "\(fileName): its cache could not be written, and its columns would need more than the \(ByteSize.text(limit)) of memory a load may use",
                        span: nil, help: "free disk space in the cache folder, or load a smaller extract")
                }
                lineOffset += chunk.lines
                totalRows += chunk.rows
                blankLines += chunk.blankLines
            }
            pos += cut
        }

        if allBlank {
            var r = headerReport
            r.add(.headerOnly, line: nil, "has a header but no rows")
            r.columns = columnCount
            return Parsed(columns: names.map { ColumnAccumulator(name: $0) }, rows: 0, report: r, headerOnly: true)
        }

        // Bad bytes: the earliest lines first, at their line in the file.
        for e in folder.invalid.sorted(by: { ($0.line, $0.column) < ($1.line, $1.column) }) {
            report.add(.invalidUTF8, line: e.line, "invalid UTF-8 in column `\(names[e.column])` (shown as �)")
        }
        for e in folder.nul.sorted(by: { ($0.line, $0.column) < ($1.line, $1.column) }) {
            report.add(.nulByte, line: e.line, "NUL byte in column `\(names[e.column])` (removed)")
        }
        if folder.invalidTotal > folder.invalid.count {
            report.counts[.invalidUTF8, default: 0] += folder.invalidTotal - folder.invalid.count
        }
        if folder.nulTotal > folder.nul.count { report.counts[.nulByte, default: 0] += folder.nulTotal - folder.nul.count }
        if blankLines > 0 {
            report.add(.blankLines, line: nil, "skipped \(Messages.plural(blankLines, "blank line"))")
        }
        let commaColumns = folder.columns.indices.filter { c in
            folder.columns[c].type.isNumeric && folder.columns[c].sawDecimalComma
        }
        if !commaColumns.isEmpty {
            report.add(
                .decimalComma, line: nil,
                "the file is separated by `;`, so a comma in a number is its decimal point (0,5 is 0.5): read so in "
                    + Messages.andList(commaColumns.map { Messages.code(names[$0]) }))
        }
        report.rows = totalRows
        report.columns = columnCount
        folder.addYearFromTimePeriod(report: &report)
        report.columns = folder.columns.count
        return Parsed(columns: folder.columns, rows: totalRows, report: report)
    }

    /// The offset just after the last line end in `p` that lies outside
    /// quotes (quotes followed as RecordScanner and chunkBounds read them),
    /// or nil when there is none. A CR at the very end is not taken (an LF
    /// may follow it), nor a quote there (another may follow it).
    static func lastRecordBoundary(_ p: UnsafeBufferPointer<UInt8>, delimiter: UInt8) -> Int? {
        guard let base = p.baseAddress, p.count > 0 else { return nil }
        let n = p.count
        let quote = UInt8(ascii: "\"")
        func nextQuote(_ i: Int) -> Int {
            guard i < n, let hit = memchr(base + i, Int32(quote), n - i) else { return n }
            return hit.assumingMemoryBound(to: UInt8.self) - UnsafeMutablePointer(mutating: base)
        }
        /// The boundary after the last line end in [from, to), if any.
        func lastLineEnd(_ from: Int, _ to: Int) -> Int? {
            var e = to - 1
            while e >= from {
                let c = p[e]
                if c == 0x0A { return e + 1 }
                if c == 0x0D {
                    if e + 1 < n { return p[e + 1] == 0x0A ? e + 2 : e + 1 }
                    // a CR at the end: look further back
                }
                e -= 1
            }
            return nil
        }
        var best: Int? = nil
        var i = 0  // always outside quotes
        while i < n {
            let q = nextQuote(i)
            if let b = lastLineEnd(i, q) { best = b }
            guard q < n else { break }
            let opens = q == 0 || p[q - 1] == delimiter || p[q - 1] == 0x0A || p[q - 1] == 0x0D
            if !opens {
                i = q + 1
                continue
            }
            // Inside: the next single quote closes it ("" is an escaped quote).
            var j = nextQuote(q + 1)
            while j + 1 < n, p[j + 1] == quote { j = nextQuote(j + 2) }
            if j >= n - 1 { break }  // not closed in this window (or closed on its last byte)
            i = j + 1
        }
        return best
    }

    /// Chunk results written by the workers. @unchecked: each worker writes
    /// only its own slot; they are taken after all finish.
    /// A chunk's fields of one column, read as text (a chunk read as numbers
    /// in a column that turned out to hold text). `range` is the chunk's
    /// bytes in `p`.
    static func textBuilder(_ p: UnsafeBufferPointer<UInt8>, range: Range<Int>, column: Int, delimiter: UInt8) -> ColumnBuilder {
        var b = ColumnBuilder(capacity: 0)
        b.mode = .text
        let sub = UnsafeBufferPointer(rebasing: p[0..<range.upperBound])
        var scanner = RecordScanner(p: sub, delimiter: delimiter, position: range.lowerBound, line: 1)
        var row = 0
        while scanner.position < range.upperBound {
            if scanner.atBlankLine() {
                scanner.skipLineBreak()
                continue
            }
            var f = 0
            var appended = false
            scanner.readRecord { fs, fe, fu in
                if f == column {
                    if let u = fu {
                        u.withUnsafeBufferPointer { b.appendText($0, 0, u.count, row: row) }
                    } else {
                        b.appendText(sub, fs, fe, row: row)
                    }
                    appended = true
                }
                f += 1
            }
            if !appended { b.appendText(sub, 0, 0, row: row) }
            row += 1
        }
        return b
    }
}

/// The file's columns as chunks are folded in, in file order.
struct ColumnFolder {
    var columns: [ColumnAccumulator]
    let spill: SpillWriter?
    let delimiter: UInt8
    /// The first few rows (by line) with invalid UTF-8 or NUL bytes, per column, and totals.
    var invalid: [(line: Int, column: Int)] = []
    var nul: [(line: Int, column: Int)] = []
    var invalidTotal = 0
    var nulTotal = 0
    private var invalidShown: [Int]
    private var nulShown: [Int]
    /// Bytes of the segments kept in memory rather than in the cache file.
    private(set) var heldBytes = 0

    init(columns: [ColumnAccumulator], spill: SpillWriter?, delimiter: UInt8) {
        self.columns = columns
        self.spill = spill
        self.delimiter = delimiter
        invalidShown = [Int](repeating: 0, count: columns.count)
        nulShown = invalidShown
    }

    /// Adds a chunk's values to every column. `block` holds the chunk's bytes
    /// (at chunk.range), which start at `blockStart` in the input.
    mutating func fold<I: CSVInput>(
        _ chunk: inout CSVReader.Chunk, block: UnsafeBufferPointer<UInt8>, blockStart: Int, lineOffset: Int, input: I
    ) throws(Diagnostic) {
        let source = (blockStart + chunk.range.lowerBound)..<(blockStart + chunk.range.upperBound)
        for c in columns.indices {
            var b = chunk.builders[c]
            chunk.builders[c] = ColumnBuilder(capacity: 0)
            if b.mode == .text {
                if columns[c].mode != .text {
                    // The earlier chunks read numbers: read them again as text first,
                    // so the dictionary keeps the order in which strings appear.
                    try retext(column: c, input: input)
                    columns[c].mode = .text
                }
                let seg = foldText(&b, column: c, source: source, report: (chunk, block, lineOffset))
                append(seg, to: c)
            } else if columns[c].mode == .text {
                var t = CSVReader.textBuilder(block, range: chunk.range, column: c, delimiter: delimiter)
                guard t.count == chunk.rows else { throw CSVReader.changedWhileReading(chunk.report.fileName) }
                let seg = foldText(&t, column: c, source: source, report: nil)
                append(seg, to: c)
            } else {
                if b.mode == .decimal { columns[c].mode = .decimal }
                if b.sawDecimalComma { columns[c].sawDecimalComma = true }
                let seg: Segment
                if b.mode == .integer {
                    seg = Segment(rows: b.count, kind: .integer, values: .integers(b.integers), mask: b.missing, source: source)
                } else {
                    seg = Segment(rows: b.count, kind: .decimal, values: .decimals(b.decimals), mask: b.missing, source: source)
                }
                b = ColumnBuilder(capacity: 0)
                append(seg, to: c)
            }
        }
    }

    /// Reads every earlier segment of column `c` again, as text.
    private mutating func retext<I: CSVInput>(column c: Int, input: I) throws(Diagnostic) {
        let old = columns[c].segments
        columns[c].segments = []
        for seg in old {
            var built: ColumnBuilder? = nil
            let delimiter = self.delimiter
            try input.reread(seg.source) { (p) throws(Diagnostic) in
                built = CSVReader.textBuilder(p, range: 0..<p.count, column: c, delimiter: delimiter)
            }
            guard var t = built, t.count == seg.rows else { throw CSVReader.changedWhileReading("the file") }
            let text = foldText(&t, column: c, source: seg.source, report: nil)
            append(text, to: c)
        }
    }

    /// A text chunk's codes in the column's dictionary. With `report`, rows
    /// whose string is new to the file and has invalid UTF-8 or a NUL are noted.
    private mutating func foldText(
        _ b: inout ColumnBuilder, column c: Int, source: Range<Int>,
        report: (chunk: CSVReader.Chunk, block: UnsafeBufferPointer<UInt8>, lineOffset: Int)?
    ) -> Segment {
        let local = b.dictionary
        var remap = [UInt32](repeating: 0, count: local.count)
        var newToFile = [Bool](repeating: false, count: local.count)
        local.arena.withUnsafeBufferPointer { a in
            for code in 0..<local.count {
                var isNew = false
                remap[code] = columns[c].dictionary.code(a, local.offsets[code], local.offsets[code + 1], isNew: &isNew)
                newToFile[code] = isNew
            }
        }
        if let report {
            for r in b.invalidUTF8Rows where newToFile[Int(b.codes[r])] {
                invalidTotal += 1
                if invalidShown[c] < LoadReport.examplesPerKind {
                    invalidShown[c] += 1
                    let line = CSVReader.lineOfRow(r, chunk: report.chunk, p: report.block, delimiter: delimiter)
                    invalid.append((line: line + report.lineOffset, column: c))
                }
            }
            for r in b.nulRows where newToFile[Int(b.codes[r])] {
                nulTotal += 1
                if nulShown[c] < LoadReport.examplesPerKind {
                    nulShown[c] += 1
                    let line = CSVReader.lineOfRow(r, chunk: report.chunk, p: report.block, delimiter: delimiter)
                    nul.append((line: line + report.lineOffset, column: c))
                }
            }
        }
        if !b.nulRows.isEmpty { columns[c].sawNUL = true }
        var codes = b.codes
        b.codes = []
        let mask = b.missing
        codes.withUnsafeMutableBufferPointer { cp in
            remap.withUnsafeBufferPointer { map in
                if let mask {
                    mask.withUnsafeBufferPointer { m in
                        for i in 0..<cp.count { cp[i] = m[i] != 0 ? 0 : map[Int(cp[i])] }
                    }
                } else {
                    for i in 0..<cp.count { cp[i] = map[Int(cp[i])] }
                }
            }
        }
        return Segment(rows: b.count, kind: .text, values: .codes(codes), mask: mask, source: source)
    }

    /// Keeps a segment: written to the cache file when there is one (and the
    /// writes succeed), else in memory.
    private mutating func append(_ segment: Segment, to c: Int) {
        guard segment.rows > 0 else { return }
        var s = segment
        if let spill, !spill.failed, let values = s.values {
            let range = SegmentRange.of(values, mask: s.mask)
            let packing = Packing.choose(values, mask: s.mask, range: range)
            let data: Extent?
            switch (values, packing) {
            case (_, .offset): data = spill.append(packing.bytes(values, mask: s.mask))
            case (.integers(let v), .plain): data = spill.append(v)
            case (.decimals(let v), .plain): data = spill.append(v)
            case (.codes(let v), .plain): data = spill.append(v)
            }
            var mask: Extent? = nil
            var maskOK = true
            if let m = s.mask {
                mask = spill.append(m)
                maskOK = mask != nil
            }
            if let data, maskOK {
                s.stored = StoredSegment(rows: s.rows, kind: s.kind, data: data, mask: mask, range: range, packing: packing)
                s.values = nil
                s.mask = nil
            }
        }
        if s.values != nil { heldBytes += s.rows * (s.kind.width + (s.mask == nil ? 0 : 1)) }
        columns[c].segments.append(s)
    }

    /// A `time_period` of six digits such as 201516 is the year ending 31 March
    /// 2016; add it as `year` (the shipped datasets' convention) when there is none.
    mutating func addYearFromTimePeriod(report: inout LoadReport) {
        let names = columns.map(\.name)
        // As Table.index(of:): an exact name, else the only case-insensitive match.
        if names.contains("year") || names.filter({ $0.lowercased() == "year" }).count == 1 { return }
        guard let i = columns.firstIndex(where: { $0.name.lowercased() == "time_period" }), columns[i].mode == .integer
        else { return }
        var years: [Segment] = []
        var example: Int64? = nil
        for seg in columns[i].segments {
            let values: Segment.Values
            let mask: [UInt8]?
            if let v = seg.values {
                values = v
                mask = seg.mask
            } else if let stored = seg.stored, let read = spill?.handle.read(stored) {
                values = read.values
                mask = read.mask
            } else {
                return
            }
            guard case .integers(let periods) = values else { return }
            var out = [Int64](repeating: 0, count: periods.count)
            for r in 0..<periods.count where mask == nil || mask![r] == 0 {
                let v = periods[r]
                let first = v / 100, second = v % 100
                guard v >= 100_000, v <= 999_999, (first + 1) % 100 == second else { return }
                out[r] = first + 1
                if example == nil { example = v }
            }
            var y = Segment(rows: seg.rows, kind: .integer, values: .integers(out), mask: mask, source: seg.source)
            let range = SegmentRange.of(.integers(out), mask: mask)
            let packing = Packing.choose(.integers(out), mask: mask, range: range)
            let bytes = packing == .plain ? nil : packing.bytes(.integers(out), mask: mask)
            if let spill, !spill.failed, let stored = seg.stored, let data = bytes.map({ spill.append($0) }) ?? spill.append(out) {
                // The year is missing where the period is: the same bytes in the file.
                y.stored = StoredSegment(rows: seg.rows, kind: .integer, data: data, mask: stored.mask, range: range, packing: packing)
                y.values = nil
                y.mask = nil
            }
            years.append(y)
        }
        guard let example else { return }
        var year = ColumnAccumulator(name: "year")
        year.segments = years
        columns.insert(year, at: i + 1)
        report.add(
            .derivedYear, line: nil,
            "`time_period` values such as \(example) are years ending 31 March; added `year` (\(example) → \(example / 100 + 1))"
        )
    }
}
