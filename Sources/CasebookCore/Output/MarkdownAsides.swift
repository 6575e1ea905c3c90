// What prints beside a result in Markdown output: its header lines as a
// paragraph above the table and its notes as emphasised paragraphs below, as
// the session's Markdown export writes them.

enum MarkdownAsides {
    static func header(_ lines: [String]) -> String {
        lines.isEmpty ? "" : lines.map { MarkdownWriter.escape($0) }.joined(separator: "  \n") + "\n\n"
    }

    static func notes(_ notes: [String]) -> String {
        notes.map { "\n_Note: \(MarkdownWriter.escape($0))_\n" }.joined()
    }
}
