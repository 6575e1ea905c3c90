// `casebook export --html`: one self-contained page per session, checked as
// text (nothing external, everything from data escaped) and in a real browser
// (headless Chromium): no sideways scrolling at 800 pixels, every chart drawn,
// every footnote there, a screenshot and a PDF that print.

@testable import CasebookCore
import Testing

#if canImport(Glibc)
    import Glibc
#endif

// One browser at a time: several Chromiums at once would starve the shell tests' timing on two cores.
@Suite("HTML reports", .serialized)
struct HTMLReportTests {
    static var sessions: [String] {
        FileSystem.list(Checkout.root + "/sessions").filter { $0.hasSuffix(".cb") }.sorted()
    }

    static func export(_ session: String, _ sandbox: Sandbox) throws -> String {
        let out = sandbox.work + "/" + (session.split(separator: "/").last ?? "").dropLast(3) + ".html"
        let run = try sandbox.run(["export", session, "--html", "-o", out])
        #expect(run.status == 0, "\(session): \(run.stderr)")
        return out
    }

    @Test("every shipped session exports to a page that needs nothing from outside")
    func selfContained() throws {
        let sandbox = try Sandbox()
        #expect(Self.sessions.count >= 4)
        for name in Self.sessions {
            let html = FileSystem.readText(try Self.export(Checkout.root + "/sessions/" + name, sandbox)) ?? ""
            #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en-GB\">"))
            for outside in ["<script", "<link", "src=", "@import", "@font-face", "http://www.w3.org/1999", "href=\"http"] {
                #expect(!html.contains(outside), "\(name) refers to something outside the page: \(outside)")
            }
            // url(…) only for the patterns inside the page's own charts.
            #expect(!html.replacing("url(#cb", with: "").contains("url("), "\(name)")
            #expect(html.contains("@media print"))
            #expect(html.contains("<th scope=\"col\""))
        }
    }

    @Test("text from a CSV file cannot become markup: cells, column names and notes are escaped")
    func injectionIsImpossible() throws {
        let sandbox = try Sandbox()
        try sandbox.write(
            "evil.csv",
            """
            name,"<img src=x onerror=alert(2)>",count
            "<script>alert(1)</script>",1,5
            "\\"><svg onload=alert(3)>",2,c
            "&amp; </td></tr></table><h1>x</h1>",3,7

            """)
        try sandbox.write(
            "evil.cb",
            """
            # <script>alert(4)</script> a title from a comment
            load "evil.csv" as evil
            evil
            evil | chart bar name count

            """)
        let out = try Self.export(sandbox.work + "/evil.cb", sandbox)
        let html = FileSystem.readText(out) ?? ""
        #expect(!html.contains("<script"))
        #expect(!html.contains("<img"))
        #expect(!html.contains("<svg onload"))
        #expect(!html.contains("<h1>x</h1>"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("&lt;img src=x onerror=alert(2)&gt;"))
        #expect(html.contains("&amp;amp; &lt;/td&gt;"))
        #expect(html.contains("<title>&lt;script&gt;alert(4)&lt;/script&gt; a title from a comment</title>"))
        // In the browser: no element came from the data.
        let seen = try HeadlessBrowser.measure(out, profile: sandbox.root + "/chromium")
        #expect(seen["scripts"] == "1", "only the test's own measuring script: \(seen)")
        #expect(seen["images"] == "0")
        #expect(seen["tables"] == "1" && seen["headed"] == "1")
        #expect(seen["figures"] == "1" && seen["drawn"] == "1", "\(seen)")
    }

    @Test("markers are shown as published, with their meaning on hover and in words for screen readers")
    func markersAreExplained() throws {
        let sandbox = try Sandbox()
        try sandbox.write("m.cb", "workforce | where year = 2024 and la_name = \"Kensington and Chelsea\" | select la_name, agency_pct\n")
        let html = FileSystem.readText(try Self.export(sandbox.work + "/m.cb", sandbox)) ?? ""
        #expect(
            html.contains(
                "<td class=\"num marker\"><abbr title=\"not available\" aria-hidden=\"true\">x</abbr><span class=\"visually-hidden\">x: not available</span></td>"
            ), "\(html)")
        #expect(html.contains("<th scope=\"col\" class=\"num\">agency_pct</th>"))
    }

    @Test("each chart's caption is the words the accessible mode says")
    func chartCaptionsAgreeWithTheAccessibleMode() throws {
        let sandbox = try Sandbox()
        let statement = "referrals | for \"Reading\", \"England\" | where year >= 2018 | chart line year referrals_rate by la_name"
        try sandbox.write("c.cb", statement + "\n")
        let html = FileSystem.readText(try Self.export(sandbox.work + "/c.cb", sandbox)) ?? ""
        let spoken = try sandbox.run(["--accessible", "-c", statement])
        #expect(spoken.status == 0, "\(spoken.stderr)")
        let description = spoken.stdout.split(separator: "\n").filter { !$0.hasPrefix("note:") }.joined(separator: "\n")
        #expect(!description.isEmpty)
        let escaped = description.replacing("&", with: "&amp;").replacing("<", with: "&lt;").replacing(">", with: "&gt;")
            .replacing("\"", with: "&quot;").replacing("'", with: "&#39;")
        #expect(html.contains("<figcaption>\(escaped)</figcaption>"), "\(description)")
    }

    @Test("every chart in the shipped sessions is captioned with what the accessible mode says of it")
    func shippedChartsAgree() throws {
        let sandbox = try Sandbox()
        var charts = 0
        for name in Self.sessions {
            let session = Checkout.root + "/sessions/" + name
            let html = FileSystem.readText(try Self.export(session, sandbox)) ?? ""
            let spoken = try sandbox.run(["replay", "--accessible", session])
            #expect(spoken.status == 0, "\(name): \(spoken.stderr)")
            var rest = html[...]
            while let open = rest.firstRange(of: "<figcaption>"), let close = rest[open.upperBound...].firstRange(of: "</figcaption>") {
                let caption = String(rest[open.upperBound..<close.lowerBound]).replacing("&quot;", with: "\"")
                    .replacing("&#39;", with: "'").replacing("&lt;", with: "<").replacing("&gt;", with: ">")
                    .replacing("&amp;", with: "&")
                #expect(spoken.stdout.contains(caption + "\n"), "\(name): \(caption)")
                charts += 1
                rest = rest[close.upperBound...]
            }
        }
        #expect(charts >= 2, "the shipped sessions draw charts")
    }

    @Test("in Chromium at 800 pixels: no sideways scrolling, every chart drawn, every footnote present")
    func looksRightInABrowser() throws {
        let sandbox = try Sandbox()
        let started = Deadline.now()
        for name in Self.sessions {
            let out = try Self.export(Checkout.root + "/sessions/" + name, sandbox)
            let html = FileSystem.readText(out) ?? ""
            let seen = try HeadlessBrowser.measure(out, profile: sandbox.root + "/chromium")
            #expect(seen["scrollWidth"] != nil && seen["scrollWidth"] == seen["clientWidth"], "\(name) scrolls sideways: \(seen)")
            let figures = html.occurrences("<figure")
            #expect(seen["figures"] == "\(figures)" && seen["drawn"] == "\(figures)", "\(name): \(seen)")
            #expect(seen["citations"] != "0" && seen["citations"] == seen["citationsFound"], "\(name): \(seen)")
            let footnotes = html.occurrences("<li id=\"source-")
            #expect(footnotes > 0 && seen["footnotes"] == "\(footnotes)", "\(name): \(seen)")
            #expect(seen["tables"] == seen["headed"], "\(name): \(seen)")
        }
        // A few seconds a page: the whole check must fit in CI's time.
        #expect(Deadline.now() - started < 120)
    }

    @Test("a screenshot and a PDF of a report come out of the browser")
    func screenshotAndPDF() throws {
        let sandbox = try Sandbox()
        let out = try Self.export(Checkout.root + "/sessions/reading-after-2016.cb", sandbox)
        let png = sandbox.work + "/report.png"
        let pdf = sandbox.work + "/report.pdf"
        _ = try HeadlessBrowser.run(out, ["--screenshot=\(png)"], profile: sandbox.root + "/chromium", height: 1600)
        _ = try HeadlessBrowser.run(out, ["--print-to-pdf=\(pdf)", "--no-pdf-header-footer"], profile: sandbox.root + "/chromium")
        let image = FileSystem.readBytes(png) ?? []
        #expect(image.starts(with: [0x89, 0x50, 0x4E, 0x47]) && image.count > 20_000, "\(image.count) bytes")
        // The width the page was drawn at: bytes 16–19 of the PNG header.
        if image.count > 24 {
            let width = image[16..<20].reduce(0) { $0 << 8 | Int($1) }
            #expect(width == 800)
        }
        let document = FileSystem.readBytes(pdf) ?? []
        #expect(document.starts(with: Array("%PDF-".utf8)) && document.count > 20_000, "\(document.count) bytes")
        // More than one page: the report is laid out for paper, not cut to one screen.
        let text = String(decoding: document, as: UTF8.self)
        #expect(text.occurrences("/Type /Page\n") + text.occurrences("/Type /Page/") + text.occurrences("/Type /Page ") > 1)
    }
}

extension String {
    /// How many times `needle` occurs.
    func occurrences(_ needle: String) -> Int {
        var n = 0
        var rest = self[...]
        while let r = rest.firstRange(of: needle) {
            n += 1
            rest = rest[r.upperBound...]
        }
        return n
    }
}
