// The rule for computed extremes (Storage/ComputedExtremes.swift), across the
// operators, functions, aggregates and stages that can make one: a whole number
// past 64 bits becomes a decimal, never wrapped; ±∞ is missing "overflow"; NaN
// missing "undefined"; and every output format prints what a column holds —
// JSON that parses, no `inf` anywhere.

@testable import CasebookCore
import Foundation
import Testing

@Suite("Computed extremes")
struct ComputedExtremesTests {
    /// Four authorities with decimals at the edge of a Double and whole numbers at the edge of 64 bits.
    static let edges =
        "authorities | take 4 | derive x = if(la_code > 202, 1e308, -1.5e308), y = if(la_code > 202, 1.7e308, 1e-320),"
        + " b = if(la_code > 202, 9223372036854775807, -9223372036854775807 - 1)"

    /// Statements whose results hold computed extremes, one per operator, function, aggregate and stage.
    static let statements: [String] = [
        "\(edges) | select p = x * 10, q = x - y, r = y / 1e-320, s = x + x",
        "\(edges) | summarise s = sum(x), v = variance(x), sd = stddev(x), m = mean(x), si = sum(b), mi = mean(b)",
        "\(edges) | derive g = la_code > 202 | summarise s = sum(y), v = variance(y), n = count(y) by g",
        "\(edges) | change x over la_code | select la_code, x_previous, x_change, x_change_pct",
        "\(edges) | change b over la_code | select la_code, b_previous, b_change, b_change_pct",
        "\(edges) | select a = abs(b), r = round(b, -20), f = floor(x * 10), c = ceil(y), q = sqrt(x * 10)",
        "\(edges) | derive z = x * 10 | rank z",
        "\(edges) | derive z = x * 10 | sort z desc | select la_code, z",
        "\(edges) | derive z = x * 10 | top 2 z",
        "\(edges) | summarise m = median(x), q = quantile(x, 0.3), mn = mean(x), v = variance(x)",
        "\(edges) | summarise r = corr(x, y), s = spearman(x, y)",
        // The range of 1e308 and -1.5e308 overflows: the sparkline's scale trapped on ∞ / ∞.
        "\(edges) | summarise s = sparkline(x), t = sparkline(y), u = sparkline(x * 10)",
        "\(edges) | derive z = y * 1e308 | describe",
        "\(edges) | derive z = x * 10 | profile",
    ]

    static func formatted(_ statement: String, _ setting: String) -> Hardening.Run {
        Hardening.run("set \(setting)\n\(statement)")
    }

    @Test("no output format prints ∞ or inf, whatever the statement computes", arguments: statements)
    func noInfinityPrinted(_ statement: String) throws {
        for setting in ["format table", "format csv", "format tsv", "format markdown", "accessible on"] {
            let run = Self.formatted(statement, setting)
            #expect(!run.result.failed, "\(setting): \(run.stderr)")
            #expect(!run.stdout.contains("∞"), "\(setting): \(run.stdout)")
            #expect(!run.stdout.lowercased().contains("inf"), "\(setting): \(run.stdout)")
        }
    }

    @Test("JSON output parses, whatever the statement computes", arguments: statements)
    func jsonParses(_ statement: String) throws {
        let run = Self.formatted(statement, "format json")
        #expect(!run.result.failed, "\(run.stderr)")
        let parsed = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8))
        #expect(parsed is [Any], "\(run.stdout)")
    }

    @Test("±∞ from arithmetic and aggregates is missing \"overflow\"; NaN missing \"undefined\"")
    func overflowAndUndefined() {
        let run = Hardening.run(
            """
            set format csv
            \(Self.edges) | take 1 | select p = x * 10, why = reason(x * 10), n = x * 10 - x * 10, sq = sqrt(-1.0), w2 = reason(sqrt(-1.0))
            \(Self.edges) | summarise s = sum(x), v = variance(x), why = reason(sum(x))
            """)
        #expect(!run.result.failed, "\(run.stderr)")
        #expect(run.stdout.contains("p,why,n,sq,w2\noverflow,overflow,overflow,NaN,undefined\n"), "\(run.stdout)")
        #expect(run.stdout.contains("s,v,why\noverflow,overflow,overflow\n"), "\(run.stdout)")
    }

    @Test("whole numbers past 64 bits become decimals: change, abs, sum, mean, floor (they wrapped or were missing)")
    func wholeNumbersNeverWrap() {
        let run = Hardening.run(
            """
            set format csv
            \(Self.edges) | change b over la_code | select la_code, b_change
            \(Self.edges) | take 1 | select a = abs(-9223372036854775807 - 1), f = floor(1e300), r = round(b, -20), r2 = round(x, -400)
            \(Self.edges) | derive g = la_code > 202 | summarise s = sum(b), m = mean(b) by g
            """)
        #expect(!run.result.failed, "\(run.stderr)")
        // From −2^63 to 2^63 − 1 is a change of 2^64 − 1: a decimal, not 1 or −1.
        #expect(run.stdout.contains("18446744073709552000"), "\(run.stdout)")
        #expect(!run.stdout.contains("\n1\n") && !run.stdout.contains(",-1\n"), "\(run.stdout)")
        #expect(run.stdout.contains("a,f,r,r2\n9223372036854776000,1e+300,0,0\n"), "\(run.stdout)")
        #expect(run.stdout.contains("18446744073709552000,9223372036854776000"), "\(run.stdout)")
    }

    @Test("an integer literal past 1.8e308 is refused like 1e309 (it became ∞)")
    func hugeIntegerLiteral() {
        let digits = "1" + String(repeating: "0", count: 309)
        for literal in [digits, "1e309"] {
            let run = Hardening.run("authorities | take 1 | select n = \(literal)")
            #expect(run.message == "this number is too large", "\(run.stderr)")
            #expect(run.location == "1:35")
        }
        let fits = Hardening.run("set format csv\nauthorities | take 1 | select n = 1" + String(repeating: "0", count: 300))
        #expect(fits.stdout == "n\n1e+300\n", "\(fits.stdout)\(fits.stderr)")
    }

    @Test("no stage ranks or sorts an overflow as a number: it is missing, with its reason")
    func stagesSeeMissing() {
        let run = Hardening.run(
            "set format csv\n\(Self.edges) | derive z = x * 10 | rank z | select la_code, z, rank")
        #expect(!run.result.failed, "\(run.stderr)")
        #expect(run.stdout.contains("201,overflow,overflow\n"), "\(run.stdout)")
    }

    @Test("charts of subnormal numbers are refused by name in every renderer (traps, and a loop that never ended)",
          arguments: ["bar la_name y", "hist y", "scatter la_code y", "line la_code y", "scatter y la_code"])
    func subnormalCharts(_ chart: String) {
        for output in ["", " to \"c.svg\""] {
            let run = Hardening.run("authorities | take 4 | derive y = if(la_code > 202, 5e-324, 1e-320) | chart \(chart)\(output)")
            #expect(run.message == "the values of `y` are too small to draw (5e-324 to 1e-320)", "\(run.stderr)")
        }
        let mixed = Hardening.run("authorities | take 4 | derive y = if(la_code > 202, 5e-324, 1) | chart \(chart)")
        #expect(!mixed.result.failed, "\(mixed.stderr)")
    }

    @Test("a column never holds ±∞ or NaN, however it is built")
    func columnsAreFinite() {
        let c = Column(name: "x", data: .decimal([1, .infinity, -.infinity, .nan, 2]), missing: [0, 0, 0, 0, 3])
        #expect(c.reason(at: 0) == .present)
        #expect(c.reason(at: 1) == .overflow)
        #expect(c.reason(at: 2) == .overflow)
        #expect(c.reason(at: 3) == .undefined)
        #expect(c.reason(at: 4).rawValue == 3, "an existing reason is kept")
        guard case .decimal(let v) = c.data else { Issue.record("not decimal"); return }
        #expect(v.allSatisfy { $0.isFinite })
        let k = Column.constant(.decimal(-.infinity), name: "k", count: 3)
        #expect(k.type == .decimal && k.missingCount == 3 && k.reason(at: 2) == .overflow)
        var d = Column(name: "d", data: .decimal([1, 2]))
        d.data = .decimal([.nan, 3])
        #expect(d.reason(at: 0) == .undefined && d.reason(at: 1) == .present)
    }
}
