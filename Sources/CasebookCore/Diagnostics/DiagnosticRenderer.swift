// The one place a diagnostic becomes text:
//
//   analysis.cb:3:19: error: no column named `regoin`
//       3 | referrals | where regoin = "South East"
//         |                   ^^^^^^
//         = did you mean `region`?
//
// Lines are those of the file (a statement cut from a script keeps its line
// numbers); the caret is placed by display width; very long lines are cut to a
// window around the error.

public struct DiagnosticRenderer {
    public var colour: Bool
    /// Widest source excerpt shown, in columns.
    public var width: Int
    /// For a screen reader: no caret picture; the part at fault is quoted instead.
    public var accessible: Bool

    public init(colour: Bool = false, width: Int = 100, accessible: Bool = false) {
        self.colour = colour
        // A pipe's width is 10,000 (tables keep every column); an excerpt wider
        // than any screen helps no one, and costs its width for every error.
        self.width = min(max(40, width), 400)
        self.accessible = accessible
    }

    public func render(_ d: Diagnostic, in source: SourceText?) -> String {
        var out = ""
        let label = d.severity.rawValue
        var location = source?.name ?? ""
        var excerpt: (line: Int, text: String, caretStart: Int, caretWidth: Int)? = nil
        if let source, let span = d.span {
            let (line, column) = source.location(of: span.start)
            location += location.isEmpty ? "\(line):\(column)" : ":\(line):\(column)"
            excerpt = self.excerpt(source, span)
        }
        let head = (location.isEmpty ? "" : location + ": ") + paint(label + ":", severity: d.severity) + " "
        // Messages quote what was typed or read (a name, a file's text): never send its control characters raw.
        let message = Self.clean(d.message, keepingLineBreaks: true)
        out += head + (colour ? "\u{1B}[1m" + message + "\u{1B}[0m" : message) + "\n"
        // "    12 | source", then the caret and help lines under the bar.
        var under = "  "
        if accessible, let source, let span = d.span {
            // Words instead of a picture: the line, then the part at fault.
            out += "  in: " + DiagnosticRenderer.clean(source.lineText(containing: span.start)) + "\n"
            let part = DiagnosticRenderer.clean(source.slice(span))
            out += part.isEmpty ? "  at the end of the line\n" : "  at: " + part + "\n"
        } else if let e = excerpt {
            let number = String(e.line)
            under = String(repeating: " ", count: 4 + number.count + 1)
            out += "    " + number + " | " + e.text + "\n"
            let carets = String(repeating: "^", count: max(1, e.caretWidth))
            out += under + "| " + String(repeating: " ", count: e.caretStart) + paint(carets, severity: d.severity) + "\n"
        }
        if let help = d.help {
            out += under + "= " + Self.clean(help, keepingLineBreaks: true) + "\n"
        }
        for note in d.notes {
            out += under + "  " + Self.clean(note, keepingLineBreaks: true) + "\n"
        }
        return out
    }

    /// The source line with tabs and control characters made visible-safe, and the
    /// caret's column and width, cut to a window around the span if long.
    private func excerpt(_ source: SourceText, _ span: SourceSpan) -> (Int, String, Int, Int) {
        let (line, _) = source.location(of: span.start)
        let range = source.lineRange(containing: span.start)
        var lo = range.lowerBound, hi = range.upperBound
        var startInLine = min(max(span.start - lo, 0), range.count)
        var endInLine = min(max(span.end - lo, startInLine), range.count)
        // Only a window around the span is shown: take just the bytes near it, or a
        // line of thousands of statements is copied and measured once per error.
        let window = max(width, 40) * 4
        var cutBefore = ""
        if startInLine > 2 * window {
            var from = startInLine - window
            while from < startInLine, source.bytes[lo + from] & 0xC0 == 0x80 { from += 1 }
            lo += from
            startInLine -= from
            endInLine -= from
            cutBefore = "…"
        }
        if (hi - lo) - endInLine > 2 * window {
            var to = endInLine + window
            while lo + to < hi, source.bytes[lo + to] & 0xC0 == 0x80 { to += 1 }
            hi = lo + to
        }
        let lineBytes = Array(source.bytes[lo..<hi])
        let before = cutBefore + Self.clean(String(decoding: lineBytes[0..<startInLine], as: UTF8.self))
        let marked = Self.clean(String(decoding: lineBytes[startInLine..<endInLine], as: UTF8.self))
        let after = Self.clean(String(decoding: lineBytes[endInLine...], as: UTF8.self))
        var caretStart = DisplayWidth.of(before)
        var caretWidth = max(1, DisplayWidth.of(marked))
        var text = before + marked + after
        let room = width - 12
        if DisplayWidth.of(text) > room {
            // Keep a window: some context before the span, then as much as fits.
            let keepBefore = min(caretStart, room / 3)
            let cutBefore = caretStart - keepBefore
            var prefix = before
            if cutBefore > 0 {
                prefix = "…" + Self.dropColumns(before, cutBefore + 1)
                caretStart = DisplayWidth.of(prefix)
            }
            caretWidth = min(caretWidth, max(1, room - caretStart - 1))
            text = DisplayWidth.truncate(prefix + marked + after, to: room)
        }
        return (line, text, caretStart, caretWidth)
    }

    private static func dropColumns(_ s: String, _ n: Int) -> String {
        var w = 0
        var i = s.startIndex
        while i < s.endIndex, w < n {
            w += DisplayWidth.of(String(s[i]))
            i = s.index(after: i)
        }
        return String(s[i...])
    }

    /// Tabs become one space and control characters a visible symbol, so the
    /// caret lines up and nothing is sent to the terminal raw. The characters
    /// are those TerminalText shows by code (Output/TerminalText.swift), bidi
    /// overrides included; here each becomes one column ("�"), because the
    /// caret under the excerpt counts columns. (The executable's Console.write
    /// passes everything through TerminalText as well.)
    static func clean(_ s: String, keepingLineBreaks: Bool = false) -> String {
        String(
            String.UnicodeScalarView(
                s.unicodeScalars.map { c -> Unicode.Scalar in
                    if c == "\t" { return " " }
                    if keepingLineBreaks && c == "\n" { return c }
                    let v = c.value
                    if v < 0x20 || v == 0x7F || (0x80..<0xA0).contains(v) || (0x202A...0x202E).contains(v)
                        || (0x2066...0x2069).contains(v)
                    {
                        return "�"
                    }
                    return c
                }))
    }

    private func paint(_ s: String, severity: Diagnostic.Severity) -> String {
        guard colour else { return s }
        switch severity {
        case .error: return "\u{1B}[1;31m" + s + "\u{1B}[0m"
        case .warning: return "\u{1B}[1;33m" + s + "\u{1B}[0m"
        case .note: return "\u{1B}[1;36m" + s + "\u{1B}[0m"
        }
    }
}
