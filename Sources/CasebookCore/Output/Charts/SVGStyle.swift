// How SVG series differ: the Okabe–Ito colour-blind-safe palette, and a marker
// shape, dash pattern and bar fill pattern each, so colour is never the only cue.

enum SVGStyle {
    /// Okabe and Ito (2008), with yellow last: it is faint on white.
    static let palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"]
    static let dashes = ["", "8 4", "2 3", "8 3 2 3", "12 4", "4 2 1 2"]
    static let ink = "#222222"
    static let grid = "#E0E0E0"
    static let muted = "#555555"
    /// A highlighted bar: dark and saturated against the palette's blue, and
    /// named in bold as well, so colour is not the only cue.
    static let highlight = "#A4001D"

    static func colour(_ i: Int) -> String { palette[i % palette.count] }

    /// A line chart's series `i`: its colour and dashes, or, for a reference
    /// line (England, the neighbours' mean), greys with a dash each, so the
    /// authorities' lines stand out against them.
    static func lineStyle(_ chart: Chart, _ i: Int) -> (colour: String, dash: [(String, String)], width: String) {
        guard chart.series[i].isReference else { return (colour(i), dash(i), "2") }
        let k = chart.series[..<i].filter(\.isReference).count
        return (references[k % references.count], [("stroke-dasharray", k % 2 == 0 ? "6 4" : "2 3")], "1.5")
    }

    static let references = [ink, "#777777"]

    /// Dash pattern attributes for series `i` (none for the first).
    static func dash(_ i: Int) -> [(String, String)] {
        let d = dashes[i % dashes.count]
        return d.isEmpty ? [] : [("stroke-dasharray", d)]
    }

    /// Series `i`'s marker at (`x`, `y`): circle, square, triangle, diamond, then
    /// the same four hollow.
    static func marker(
        _ i: Int, x: Double, y: Double, size r: Double = 4, colour given: String? = nil, title: String?,
        into doc: inout SVGDocument
    ) {
        let c = given ?? colour(i)
        let hollow = (i / 4) % 2 == 1
        let paint: [(String, String)] =
            hollow
            ? [("fill", "white"), ("stroke", c), ("stroke-width", "1.5")]
            : [("fill", c), ("stroke", "white"), ("stroke-width", "0.5")]
        let n = SVGDocument.n
        switch i % 4 {
        case 0:
            doc.add("circle", [("cx", n(x)), ("cy", n(y)), ("r", n(r))] + paint, title: title)
        case 1:
            let s = r * 1.7
            doc.add(
                "rect", [("x", n(x - s / 2)), ("y", n(y - s / 2)), ("width", n(s)), ("height", n(s))] + paint,
                title: title)
        case 2:
            let h = r * 1.3
            let pts = "\(n(x)),\(n(y - h)) \(n(x - h)),\(n(y + h * 0.8)) \(n(x + h)),\(n(y + h * 0.8))"
            doc.add("polygon", [("points", pts)] + paint, title: title)
        default:
            let h = r * 1.3
            let pts = "\(n(x)),\(n(y - h)) \(n(x + h)),\(n(y)) \(n(x)),\(n(y + h)) \(n(x - h)),\(n(y))"
            doc.add("polygon", [("points", pts)] + paint, title: title)
        }
    }

    /// Fill for series `i`'s bars: solid for the first, then hatched patterns
    /// defined by `patternDefinitions`.
    static func barFill(_ i: Int) -> String { i == 0 ? colour(0) : "url(#cb-fill-\(i))" }

    static func patternDefinitions(series count: Int, into doc: inout SVGDocument) {
        guard count > 1 else { return }
        doc.open("defs")
        for i in 1..<count {
            let c = colour(i)
            let style = (i - 1) % 4
            let rotate = ["rotate(45)", "rotate(-45)", "", "rotate(90)"][style]
            var attrs: [(String, String)] = [
                ("id", "cb-fill-\(i)"), ("width", "6"), ("height", "6"), ("patternUnits", "userSpaceOnUse"),
            ]
            if !rotate.isEmpty { attrs.append(("patternTransform", rotate)) }
            doc.open("pattern", attrs)
            doc.add("rect", [("width", "6"), ("height", "6"), ("fill", "white")])
            if style == 2 {
                doc.add("circle", [("cx", "3"), ("cy", "3"), ("r", "1.8"), ("fill", c)])
            } else {
                doc.add("rect", [("width", "3"), ("height", "6"), ("fill", c)])
            }
            doc.close("pattern")
        }
        doc.close("defs")
    }
}
