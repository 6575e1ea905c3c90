// Small pieces of chart text shared by the renderers: plain-ASCII fallbacks,
// cutting to a width, the "left out" note, possessives and spoken lists.

enum ChartText {
    /// `s` as plain ASCII when `unicode` is off: typographic characters get their
    /// ASCII forms and anything else becomes "?".
    static func glyphs(_ s: String, unicode: Bool) -> String {
        guard !unicode, s.unicodeScalars.contains(where: { $0.value >= 0x80 }) else { return s }
        var out = ""
        for scalar in s.unicodeScalars {
            switch scalar.value {
            case 0..<0x80: out.unicodeScalars.append(scalar)
            case 0x2026: out += "..."
            case 0x2013, 0x2014, 0x2212: out += "-"
            case 0x2018, 0x2019: out += "'"
            case 0x201C, 0x201D: out += "\""
            case 0x00F7: out += "/"
            case 0x00A0: out += " "
            default:
                // Combining marks vanish; other characters show as "?".
                if scalar.properties.generalCategory != .nonspacingMark { out += "?" }
            }
        }
        return out
    }

    /// `s` cut to `width` display columns, ending "…" (ASCII "...") when cut.
    static func fit(_ s: String, _ width: Int, unicode: Bool) -> String {
        guard width > 0 else { return "" }
        guard DisplayWidth.of(s) > width else { return s }
        if unicode { return DisplayWidth.truncate(s, to: width) }
        guard width > 3 else { return String(s.prefix(width)) }
        return String(s.prefix(width - 3)) + "..."
    }

    /// A line cut to `width` columns without an ellipsis (for drawn rows).
    static func clip(_ s: String, _ width: Int) -> String {
        guard TerminalColour.visibleWidth(s) > width else { return s }
        // A coloured line is cut on its text, without its colours.
        let s = s.utf8.contains(0x1B) ? TerminalColour.stripped(s) : s
        var out = ""
        var w = 0
        for ch in s {
            let cw = DisplayWidth.of(String(ch))
            if w + cw > width { break }
            out.append(ch)
            w += cw
        }
        return out
    }

    /// `s` broken at spaces into lines of at most `width` columns (a word longer
    /// than the width is left for the final clip).
    static func wrap(_ s: String, _ width: Int) -> [String] {
        guard DisplayWidth.of(s) > width else { return [s] }
        var lines: [String] = []
        var line = ""
        for word in s.split(separator: " ") {
            if line.isEmpty {
                line = String(word)
            } else if DisplayWidth.of(line) + 1 + DisplayWidth.of(String(word)) <= width {
                line += " " + word
            } else {
                lines.append(line)
                line = "  " + word
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }

    /// The values left out, most first: "2 c, 1 x".
    static func reasons(_ skipped: [MissingReason: Int]) -> String {
        skipped.filter { $0.value > 0 }
            .sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .map { "\(NumberText.grouped($0.value)) \($0.key.name.isEmpty ? "missing" : $0.key.name)" }
            .joined(separator: ", ")
    }

    static func skippedTotal(_ skipped: [MissingReason: Int]) -> Int {
        skipped.values.reduce(0) { $0 + max($1, 0) }
    }

    /// What a missing value shows in place of a bar: its marker, or "no value".
    static func marker(_ reason: MissingReason, unicode: Bool) -> String {
        reason.marker.isEmpty ? "no value" : glyphs(reason.marker, unicode: unicode)
    }

    /// "Reading's" — with 's after every name (the GOV.UK style, "St Helens's").
    static func possessive(_ name: String) -> String {
        name + "'s"
    }

    /// "a", "a and b", "a, b and c".
    static func list(_ items: [String]) -> String {
        switch items.count {
        case 0: return ""
        case 1: return items[0]
        default: return items.dropLast().joined(separator: ", ") + " and " + items.last!
        }
    }

    /// The text a series is called by: its name, or the measure when it has none.
    static func seriesName(_ series: Chart.Series, in chart: Chart) -> String {
        series.name.isEmpty ? chart.yLabel : series.name
    }
}
