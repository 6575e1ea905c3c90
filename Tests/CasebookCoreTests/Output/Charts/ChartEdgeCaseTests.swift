// Odd charts every renderer must survive: one point, all zeros, all missing,
// non-finite values, a single x, tiny widths and heights.

import Testing

@testable import CasebookCore

@Suite struct ChartEdgeCaseTests {
    static var odd: [Chart] {
        var charts: [Chart] = []
        let shapes: [[Chart.Point]] = [
            [Chart.Point(x: 2020, y: 5, label: "2020")],
            [Chart.Point(x: 0, y: 0, label: "a"), Chart.Point(x: 1, y: 0, label: "b")],
            [Chart.Point(x: 0, y: nil, reason: .confidential, label: "a"), Chart.Point(x: 1, y: nil, label: "b")],
            [
                Chart.Point(x: 0, y: .nan, label: "a"), Chart.Point(x: 1, y: .infinity, label: "b"),
                Chart.Point(x: 2, y: 3, label: "c"),
            ],
            [Chart.Point(x: 1, y: 2, label: "1"), Chart.Point(x: 1, y: 9, label: "1")],
            [Chart.Point(x: 0, y: -5, label: "a"), Chart.Point(x: 1, y: -1e9, label: "b")],
            [Chart.Point(x: 0, y: 1e-7, label: "tiny"), Chart.Point(x: 1e12, y: 3e-7, label: "big")],
        ]
        for kind in Chart.Kind.allCases {
            for points in shapes {
                charts.append(
                    Chart(
                        kind: kind, title: "", xLabel: "x", yLabel: "y",
                        series: [Chart.Series(name: "s", points: points)],
                        binEdges: kind == .histogram ? (0...points.count).map(Double.init) : [],
                        skipped: [.confidential: 1, .noMatch: 2]))
            }
            charts.append(
                Chart(
                    kind: kind, title: "none", xLabel: "x", yLabel: "y", series: [Chart.Series(name: "s", points: [])]))
        }
        return charts
    }

    @Test func textRendererKeepsToTheWidth() {
        for chart in Self.odd {
            for width in [1, 5, 12, 40] {
                for height in [1, 3, 16] {
                    for unicode in [true, false] {
                        let out = TextChartRenderer(width: width, height: height, unicode: unicode).render(chart)
                        for line in out.split(separator: "\n") {
                            #expect(DisplayWidth.of(String(line)) <= width, "\(chart.kind) \(width): \(line)")
                        }
                        if !unicode { #expect(out.unicodeScalars.allSatisfy { $0.value < 0x80 }) }
                    }
                }
            }
        }
    }

    @Test func svgAndDescriptionSurvive() throws {
        for chart in Self.odd {
            let svg = SVGChartRenderer(width: 100, height: 100).render(chart)
            try XMLCheck.check(svg)
            #expect(!svg.contains("NaN") && !svg.contains("inf"), "\(chart.kind)")
            let words = ChartDescription.describe(chart)
            #expect(words.hasSuffix("."))
            #expect(!words.contains("NaN") && !words.contains("inf"), "\(words)")
        }
    }
}
