// Text from a file or a person, made safe to show on a terminal. A CSV cell,
// a column name, a session's recorded output or comment can hold escape
// sequences (ESC [ 2 J, ESC ] 0 ; title BEL), a carriage return or a
// backspace: sent raw they move the cursor, erase, retitle the window, or
// draw "all outputs match" over a real difference. This is the one function
// that decides what reaches the terminal: the table, chart and accessible
// renderers call it on each cell and name (so widths are measured on what is
// shown), and the executable calls it on everything it writes to standard
// output and standard error (Console.write), whatever the mode or format.
//
// Shown as sqlite3's shell shows them: C0 controls in caret notation (ESC is
// `^[`, BEL `^G`, CR `^M`), DEL as `^?`; C1 controls (U+0080–U+009F, which
// some terminals obey as 8-bit CSI) and the bidirectional overrides and
// isolates (U+202A–U+202E, U+2066–U+2069, which reorder a line as it is
// drawn) as `<U+XXXX>`. Line feeds and tabs are kept; nothing else is changed.
// Files written with `write`, `output` and `save session` keep their bytes.

public enum TerminalText {
    /// The styles Casebook itself draws with colour on (bold, dim, red, yellow,
    /// cyan, reset, and the charts' series and highlight colours): the only
    /// escape sequences `visible(_:keepingStyles:)` lets through. All of them
    /// only colour text; none moves the cursor, erases or retitles.
    static let styles: [[UInt8]] =
        (["\u{1B}[0m", "\u{1B}[1m", "\u{1B}[2m", "\u{1B}[1;31m", "\u{1B}[1;33m", "\u{1B}[1;36m"]
        + (TerminalColour.codes + [TerminalColour.highlight]).map { "\u{1B}[38;5;\($0)m" })
        .map { Array($0.utf8) }

    /// `text` with every control character shown instead of sent. With
    /// `keepingStyles`, Casebook's own colour sequences (and only those) stay.
    public static func visible(_ text: String, keepingStyles: Bool = false) -> String {
        guard needsEscaping(text) else { return text }
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 16)
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x1B, keepingStyles, let style = styles.first(where: { bytes[i...].starts(with: $0) }) {
                out += style
                i += style.count
                continue
            }
            if b < 0x20 && b != 0x0A && b != 0x09 {
                out += [UInt8(ascii: "^"), b + 0x40]
            } else if b == 0x7F {
                out += Array("^?".utf8)
            } else if let n = dangerousScalarLength(bytes, i) {
                let scalar = String(decoding: bytes[i..<(i + n)], as: UTF8.self).unicodeScalars.first!.value
                out += Array("<U+\(String(scalar, radix: 16, uppercase: true).leftPadded(to: 4, with: "0"))>".utf8)
                i += n
                continue
            } else {
                out.append(b)
            }
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The same for one line of a table or chart: line breaks become spaces
    /// too (a cell is one line), tabs a space.
    static func singleLine(_ text: String) -> String {
        var s = text
        if s.utf8.contains(where: { $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            s = String(s.map { $0 == "\n" || $0 == "\r" || $0 == "\t" || $0 == "\r\n" ? " " : $0 })
        }
        return visible(s)
    }

    /// True when `text` holds anything `visible` would change (one pass over
    /// the bytes; nearly all text has nothing).
    static func needsEscaping(_ text: String) -> Bool {
        var utf8 = text.utf8.makeIterator()
        var previous: UInt8 = 0, beforePrevious: UInt8 = 0
        while let b = utf8.next() {
            if (b < 0x20 && b != 0x0A && b != 0x09) || b == 0x7F { return true }
            // C1: C2 80–9F. Bidi controls: E2 80 AA–AE, E2 81 A6–A9.
            if previous == 0xC2 && (0x80...0x9F).contains(b) { return true }
            if beforePrevious == 0xE2 && previous == 0x80 && (0xAA...0xAE).contains(b) { return true }
            if beforePrevious == 0xE2 && previous == 0x81 && (0xA6...0xA9).contains(b) { return true }
            beforePrevious = previous
            previous = b
        }
        return false
    }

    /// The length in bytes of a C1 control or a bidirectional control starting at `i`, if one does.
    private static func dangerousScalarLength(_ b: [UInt8], _ i: Int) -> Int? {
        if b[i] == 0xC2, i + 1 < b.count, (0x80...0x9F).contains(b[i + 1]) { return 2 }
        if b[i] == 0xE2, i + 2 < b.count {
            if b[i + 1] == 0x80, (0xAA...0xAE).contains(b[i + 2]) { return 3 }
            if b[i + 1] == 0x81, (0xA6...0xA9).contains(b[i + 2]) { return 3 }
        }
        return nil
    }
}
