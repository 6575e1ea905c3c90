// Series colours for charts in a colour terminal: the same colour-blind-safe
// Okabe–Ito hues as the SVG charts, as 256-colour escapes, so crossing lines
// stay apart. Colour is never the only cue: each series keeps its marker.
// Also the width of text holding such escapes, which take no columns.

enum TerminalColour {
    /// Okabe–Ito in the 256-colour palette: blue, vermilion, green, pink,
    /// orange, sky blue, grey (for black), yellow.
    static let codes = [25, 166, 36, 175, 178, 74, 244, 185]
    /// A highlighted bar, as `SVGStyle.highlight`.
    static let highlight = 124

    static func paint(_ s: String, series i: Int) -> String { paint(s, code: codes[i % codes.count]) }

    static func paint(_ s: String, code: Int) -> String {
        s.isEmpty ? s : "\u{1B}[38;5;\(code)m" + s + "\u{1B}[0m"
    }

    /// Display columns of `s`, escape sequences counting none.
    static func visibleWidth(_ s: String) -> Int {
        guard s.utf8.contains(0x1B) else { return DisplayWidth.of(s) }
        return DisplayWidth.of(stripped(s))
    }

    static func stripped(_ s: String) -> String {
        var out = ""
        var inEscape = false
        for scalar in s.unicodeScalars {
            if inEscape {
                // A CSI sequence ends at its final byte, a letter.
                if (scalar.value >= 0x40 && scalar.value <= 0x7E) && scalar != "[" { inEscape = false }
                continue
            }
            if scalar.value == 0x1B {
                inEscape = true
                continue
            }
            out.unicodeScalars.append(scalar)
        }
        return out
    }
}
