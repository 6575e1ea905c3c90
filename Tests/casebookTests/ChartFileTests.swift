// Charts saved for a slide or a report: `save chart` writes the chart drawn
// last without running it again, as SVG or as PNG rendered by librsvg's
// rsvg-convert (a real SVG renderer, not a screenshot), and bars keep their
// length on a wide terminal.

import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("Chart files")
struct ChartFileTests {
    static let statement = "compare \"Reading\" on referrals_rate year 2016 | chart bar name value highlight \"Reading\""

    @Test("`save chart \"f.svg\"` writes the chart just drawn, with its title, highlight and reference lines")
    func saveSVG() throws {
        let sandbox = try Sandbox()
        let run = try sandbox.run(["-c", Self.statement + "\nsave chart \"c.svg\""])
        #expect(run.status == 0, "\(run.stderr)")
        let svg = FileSystem.readText(sandbox.work + "/c.svg") ?? ""
        #expect(svg.contains("<title id=\"cb-title\">Reading (870) · referrals_rate (referrals) · 2016</title>"))
        #expect(svg.contains("font-weight=\"bold\">Reading</text>"), "the highlighted bar's label is bold")
        #expect(svg.contains("fill=\"#A4001D\""), "the highlighted bar has its own colour")
        #expect(svg.contains("<title>England: 536.0</title>") && svg.contains("<title>neighbours&apos; mean: 497.1</title>"))
        // Thirteen bars (England and the neighbours' mean are lines), sized to them.
        #expect(svg.occurrences("<rect x=") == 13)
        #expect(svg.contains("width=\"800\" height=\"396\""), "\(svg.prefix(400))")
    }

    @Test("`save chart \"f.png\"` renders the SVG with rsvg-convert at twice its size, for a slide")
    func savePNG() throws {
        guard access("/usr/bin/rsvg-convert", X_OK) == 0 else {
            Issue.record("rsvg-convert is missing: install librsvg2-bin (make test does)")
            return
        }
        let sandbox = try Sandbox()
        let run = try sandbox.run(["-c", "referrals | for \"Reading\", \"England\" | chart line year referrals_rate by la_name\nsave chart \"c.png\""])
        #expect(run.status == 0, "\(run.stderr)")
        let png = FileSystem.readBytes(sandbox.work + "/c.png") ?? []
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        if png.count > 24 {
            let width = png[16..<20].reduce(0) { $0 << 8 | Int($1) }
            let height = png[20..<24].reduce(0) { $0 << 8 | Int($1) }
            #expect(width == 1600 && height == 900, "\(width) × \(height)")
        }
        #expect(png.count > 20_000, "a drawn chart, not an empty image: \(png.count) bytes")
    }

    @Test("`save chart` before any chart, or to another kind of file, says why not")
    func saveErrors() throws {
        let sandbox = try Sandbox()
        let none = try sandbox.run(["-c", "save chart \"c.svg\""])
        #expect(none.status == 1)
        #expect(none.stderr.contains("no chart has been drawn yet"))
        let safe = try sandbox.run(["--safe", "-c", Self.statement + "\nsave chart \"c.svg\""])
        #expect(safe.status == 1)
        #expect(safe.stderr.contains("safe mode: writing c.svg is not allowed"))
        #expect(access(sandbox.work + "/c.svg", F_OK) != 0)
    }

    @Test("on a 200-column terminal bars keep the length their figures need")
    func barsOnAWideTerminal() throws {
        let sandbox = try Sandbox()
        let run = try sandbox.run(
            ["-c", "referrals | where year = 2016 and region = \"South East\" and level = \"Local authority\" | sort referrals_rate desc | take 3 | chart bar la_name referrals_rate"],
            environment: ["COLUMNS": "200"])
        #expect(run.status == 0, "\(run.stderr)")
        let bars = run.stdout.split(separator: "\n").dropFirst().map { $0.filter { $0 == "█" }.count }
        #expect(bars.count == 3)
        #expect(bars.max() == 72, "\(run.stdout)")
    }
}
