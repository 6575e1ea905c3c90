// One unit of input — a line typed at the prompt, a script file, a session file —
// with its display name. Converts offsets to 1-based lines and columns for
// diagnostics; nothing else in the language needs to know about lines.

/// Text the language reads, with a name for error messages ("analysis.cb", "<stdin>").
public struct SourceText: Sendable {
    public let name: String
    public let text: String
    /// The UTF-8 bytes of `text`; offsets in `SourceSpan` index into this.
    public let bytes: [UInt8]
    /// Offset of the first byte of each line.
    private let lineStarts: [Int]
    /// Added to every line number shown: a statement cut out of a larger file
    /// keeps the file's numbering.
    public let lineOffset: Int

    public init(name: String, text: String, lineOffset: Int = 0) {
        self.name = name
        // A byte-order mark that an editor put at the start of a file is not text.
        let text = text.unicodeScalars.first == "\u{FEFF}" ? String(text.unicodeScalars.dropFirst()) : text
        self.text = text
        self.bytes = Array(text.utf8)
        self.lineOffset = lineOffset
        var starts = [0]
        for (i, b) in bytes.enumerated() where b == UInt8(ascii: "\n") {
            starts.append(i + 1)
        }
        self.lineStarts = starts
    }

    /// 1-based line number (with `lineOffset` added) and 1-based column in
    /// characters (Unicode scalars, so "é" is one column) of an offset.
    func location(of offset: Int) -> (line: Int, column: Int) {
        let clamped = min(max(offset, 0), bytes.count)
        let index = lineIndex(of: clamped)
        let start = lineStarts[index]
        let column = Self.scalarCount(bytes[start..<clamped]) + 1
        return (index + 1 + lineOffset, column)
    }

    /// The text of the line holding `offset`, without its line end.
    func lineText(containing offset: Int) -> String {
        String(decoding: bytes[lineRange(containing: offset)], as: UTF8.self)
    }

    /// The bytes of the line holding `offset`, without its line end.
    func lineRange(containing offset: Int) -> Range<Int> {
        let index = lineIndex(of: min(max(offset, 0), bytes.count))
        let start = lineStarts[index]
        var end = index + 1 < lineStarts.count ? lineStarts[index + 1] - 1 : bytes.count
        if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return start..<max(start, end)
    }

    /// The text covered by a span.
    public func slice(_ span: SourceSpan) -> String {
        let s = min(max(span.start, 0), bytes.count)
        let e = min(max(span.end, s), bytes.count)
        return String(decoding: bytes[s..<e], as: UTF8.self)
    }

    var lineCount: Int { lineStarts.count }

    private func lineIndex(of offset: Int) -> Int {
        // Binary search for the last line start <= offset.
        var lo = 0, hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }

    static func scalarCount(_ bytes: ArraySlice<UInt8>) -> Int {
        // Count bytes that start a UTF-8 sequence (not continuation bytes 10xxxxxx),
        // in a plain loop: every diagnostic on a long line counts its way along it.
        bytes.withUnsafeBufferPointer { p in
            var n = 0
            for b in p where b & 0xC0 != 0x80 { n += 1 }
            return n
        }
    }
}
