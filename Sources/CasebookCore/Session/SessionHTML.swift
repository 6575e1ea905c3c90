// A session as one self-contained HTML report: the comments at its top as
// the introduction, each statement as code followed by its table (accessible
// markup, see HTMLTable), its chart (inline SVG with the words that describe
// it as the caption, the same words as the accessible mode) or its text, the
// notes, and every source cited once as a numbered footnote. No external
// file, font or script; a print stylesheet makes "print to PDF" a clean report.

public enum SessionHTML {
    public static func render(source: SourceText, statements: [SessionStatement], transcript: [Engine.TranscriptEntry])
        -> String
    {
        let intro = SessionWorkbook.introduction(source)
        let paragraphs = paragraphsOf(source)
        let title = intro.first ?? source.name
        var sources = SourceFootnotes()
        var body = ""
        for (i, statement) in statements.enumerated() {
            let n = i + 1
            body += "<section class=\"statement\" id=\"statement-\(n)\" aria-labelledby=\"code-\(n)\">\n"
            body += "<pre class=\"code\" id=\"code-\(n)\"><code>\(HTMLText.escape(statement.text))</code></pre>\n"
            guard i < transcript.count else {
                body += "</section>\n"
                continue
            }
            let entry = transcript[i]
            switch entry.result {
            case .table(let table, let header, let notes, let total)?:
                // Without a header the statement is the caption: read out, not shown twice.
                body += header.isEmpty
                    ? HTMLTable.render(table, caption: oneLine(statement.text), id: "caption-\(n)", hidden: true)
                    : HTMLTable.render(table, caption: header.joined(separator: " · "), id: "caption-\(n)")
                var below = notes
                if table.rowCount < total {
                    below.insert("\(Messages.plural(total, "row")), the first \(table.rowCount) shown", at: 0)
                }
                body += notesList(below)
                body += citations(table.sources, into: &sources)
            case .chart(let chart, let notes)?:
                body += "<figure class=\"chart\">\n" + inlineSVG(chart, number: n)
                body += "<figcaption>\(HTMLText.escape(ChartDescription.describe(chart)))</figcaption>\n</figure>\n"
                body += notesList(notes)
                body += citations(chart.sources, into: &sources)
            case nil:
                if !entry.output.isEmpty {
                    body += "<pre class=\"\(entry.failed ? "output error" : "output")\">\(HTMLText.escape(entry.output))</pre>\n"
                }
            }
            body += "</section>\n"
        }
        var out = "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        out += "<meta name=\"generator\" content=\"Casebook\">\n"
        out += "<title>\(HTMLText.escape(title))</title>\n<style>\n\(SessionHTMLStyle.css)</style>\n</head>\n<body>\n<main>\n"
        out += "<header>\n<h1>\(HTMLText.escape(title))</h1>\n"
        for p in paragraphs.dropFirst() { out += "<p>\(HTMLText.escape(p))</p>\n" }
        out += "</header>\n" + body
        if !sources.sources.isEmpty {
            out += "<footer>\n<h2 id=\"sources\">Sources</h2>\n<ol class=\"sources\">\n"
            for (i, s) in sources.sources.enumerated() {
                let lines = SourceCitation.lines([s])
                out += "<li id=\"source-\(i + 1)\">"
                out += lines.enumerated().map { $0.offset == 0 ? HTMLText.escape($0.element) : "<br>\(HTMLText.escape($0.element))" }.joined()
                if let link = s.link { out += "<br><span class=\"link\">\(HTMLText.escape(link))</span>" }
                out += "</li>\n"
            }
            out += "</ol>\n</footer>\n"
        }
        return out + "</main>\n</body>\n</html>\n"
    }

    /// "Source: [1], [2]": links to the footnotes, each source numbered on first use.
    static func citations(_ notes: [SourceNote], into sources: inout SourceFootnotes) -> String {
        guard !notes.isEmpty else { return "" }
        let links = sources.cite(notes).map { (note, k) in
            "<a href=\"#source-\(k)\" class=\"cite\">\(HTMLText.escape(note.title ?? note.dataset))<sup>[\(k)]</sup></a>"
        }
        return "<p class=\"cites\">\(notes.count == 1 ? "Source" : "Sources"): \(links.joined(separator: "; "))</p>\n"
    }

    static func notesList(_ notes: [String]) -> String {
        guard !notes.isEmpty else { return "" }
        return "<ul class=\"notes\">\n" + notes.map { "<li>Note: \(HTMLText.escape($0))</li>\n" }.joined() + "</ul>\n"
    }

    /// The chart's SVG without its XML prolog, its ids made unique in the
    /// page, and labelled by its title only: the figure's caption describes it.
    static func inlineSVG(_ chart: Chart, number n: Int) -> String {
        var svg = SVGChartRenderer.sized(for: chart).render(chart)
        if let start = svg.firstRange(of: "<svg") { svg = String(svg[start.lowerBound...]) }
        svg = svg.replacing("aria-labelledby=\"cb-title cb-desc\"", with: "aria-labelledby=\"cb\(n)-title\"")
        svg = svg.replacing("id=\"cb-", with: "id=\"cb\(n)-").replacing("url(#cb-", with: "url(#cb\(n)-")
        return svg
    }

    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).map { $0.drop(while: { $0 == " " }) }.joined(separator: " ")
    }

    /// The comment block at the top, as paragraphs: lines joined, a bare `#` between paragraphs.
    /// The first line is its own paragraph (the title).
    static func paragraphsOf(_ source: SourceText) -> [String] {
        var paragraphs: [String] = []
        var current: [String] = []
        var first = true
        for line in source.text.split(separator: "\n", omittingEmptySubsequences: false) {
            guard line.hasPrefix("#"), !line.hasPrefix(SessionFormat.outputPrefix) else { break }
            let text = String(line.dropFirst().drop(while: { $0 == " " }))
            if first {
                if !text.isEmpty {
                    paragraphs.append(text)
                    first = false
                }
                continue
            }
            if text.isEmpty {
                if !current.isEmpty { paragraphs.append(current.joined(separator: " ")) }
                current = []
            } else {
                current.append(text)
            }
        }
        if !current.isEmpty { paragraphs.append(current.joined(separator: " ")) }
        return paragraphs
    }
}
