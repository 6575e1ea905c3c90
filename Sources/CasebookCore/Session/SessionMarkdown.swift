// A session as a Markdown report: the file's opening comments as text, each
// statement as a code block, each table as a Markdown table, other output
// (help, charts) as preformatted text, and every source cited once: a
// numbered footnote at the end, referred to by number under each result (as
// the HTML report does).

public enum SessionMarkdown {
    public static func render(source: SourceText, statements: [SessionStatement], transcript: [Engine.TranscriptEntry])
        -> String
    {
        var out = ""
        // The comment block at the top of the file is the report's introduction.
        for line in source.text.split(separator: "\n", omittingEmptySubsequences: false) {
            guard line.hasPrefix("#"), !line.hasPrefix(SessionFormat.outputPrefix) else { break }
            let text = line.dropFirst().drop(while: { $0 == " " })
            out += text.isEmpty ? "\n" : String(text) + "\n"
        }
        var sources = SourceFootnotes()
        for (i, statement) in statements.enumerated() {
            out += "\n```\n\(statement.text)\n```\n"
            guard i < transcript.count else { continue }
            let entry = transcript[i]
            if let md = entry.markdown {
                out += "\n" + md
            } else if !entry.output.isEmpty {
                out += "\n```text\n" + entry.output + (entry.output.hasSuffix("\n") ? "" : "\n") + "```\n"
            }
            switch entry.result {
            case .table(let table, _, _, _)?: out += citations(table.sources, into: &sources)
            case .chart(let chart, _)?: out += citations(chart.sources, into: &sources)
            case nil: break
            }
        }
        return out + footnotes(sources.sources)
    }

    /// "Source: Referrals and re-referrals[^1]": the full citation is the footnote.
    static func citations(_ notes: [SourceNote], into sources: inout SourceFootnotes) -> String {
        guard !notes.isEmpty else { return "" }
        let refs = sources.cite(notes).map { (note, k) in MarkdownWriter.escape(note.title ?? note.dataset) + "[^\(k)]" }
        return "\n\(notes.count == 1 ? "Source" : "Sources"): \(refs.joined(separator: "; "))\n"
    }

    /// Each source in full, once, in order of first use: its lines kept apart by
    /// hard breaks and indented under the footnote's label.
    static func footnotes(_ sources: [SourceNote]) -> String {
        guard !sources.isEmpty else { return "" }
        return "\n"
            + sources.enumerated().map { (i, s) in
                "[^\(i + 1)]: " + SourceCitation.lines([s]).map { MarkdownWriter.escape($0) }.joined(separator: "  \n    ") + "\n"
            }.joined()
    }
}
