// A session as a Markdown report: the file's opening comments as text, each
// statement as a code block, each table as a Markdown table with its sources as
// a footnote, and other output (help, charts) as preformatted text.

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
        for (i, statement) in statements.enumerated() {
            out += "\n```\n\(statement.text)\n```\n"
            guard i < transcript.count else { continue }
            let entry = transcript[i]
            if let md = entry.markdown {
                out += "\n" + md
            } else if !entry.output.isEmpty {
                out += "\n```text\n" + entry.output + (entry.output.hasSuffix("\n") ? "" : "\n") + "```\n"
            }
        }
        return out
    }
}
