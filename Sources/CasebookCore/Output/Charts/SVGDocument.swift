// Writing SVG text: elements with attributes in order, XML escaping of all text
// and attribute values, and coordinates with at most one decimal.

struct SVGDocument {
    private(set) var lines: [String] = []
    private var depth = 1

    /// `&`, `<`, `>`, `"` and `'` as entities; characters XML 1.0 forbids are dropped.
    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\n", "\t": out += " "
            default:
                let v = scalar.value
                if v < 0x20 || v == 0xFFFE || v == 0xFFFF { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A coordinate: one decimal at most, "12" rather than "12.0".
    static func n(_ v: Double) -> String {
        let t = NumberText.fixed(v.isFinite ? v : 0, decimals: 1)
        return t.hasSuffix(".0") ? String(t.dropLast(2)) : t
    }

    private func tag(_ name: String, _ attributes: [(String, String)]) -> String {
        ([name] + attributes.map { "\($0.0)=\"\(Self.escape($0.1))\"" }).joined(separator: " ")
    }

    private var pad: String { String(repeating: "  ", count: depth) }

    /// An element; with `text`, holding that text, and with `title`, a tooltip.
    mutating func add(_ name: String, _ attributes: [(String, String)], text: String? = nil, title: String? = nil) {
        if let title {
            lines.append(
                pad + "<\(tag(name, attributes))><title>\(Self.escape(title))</title>"
                    + (text.map(Self.escape) ?? "") + "</\(name)>")
        } else if let text {
            lines.append(pad + "<\(tag(name, attributes))>\(Self.escape(text))</\(name)>")
        } else {
            lines.append(pad + "<\(tag(name, attributes))/>")
        }
    }

    mutating func open(_ name: String, _ attributes: [(String, String)] = []) {
        lines.append(pad + "<\(tag(name, attributes))>")
        depth += 1
    }

    mutating func close(_ name: String) {
        depth -= 1
        lines.append(pad + "</\(name)>")
    }

    /// Text at (`x`, `y`) with its anchor ("start", "middle", "end").
    mutating func text(
        _ s: String, x: Double, y: Double, anchor: String = "start", extra: [(String, String)] = []
    ) {
        add(
            "text",
            [("x", Self.n(x)), ("y", Self.n(y))] + (anchor == "start" ? [] : [("text-anchor", anchor)]) + extra, text: s
        )
    }

    mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: String, extra: [(String, String)] = []) {
        add(
            "line",
            [("x1", Self.n(x1)), ("y1", Self.n(y1)), ("x2", Self.n(x2)), ("y2", Self.n(y2)), ("stroke", stroke)] + extra
        )
    }

    /// Estimated width of `s` in 12-pixel sans-serif.
    static func textWidth(_ s: String, size: Double = 12) -> Double {
        Double(DisplayWidth.of(s)) * size * 0.6
    }
}
