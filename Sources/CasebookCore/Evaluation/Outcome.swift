// What a statement produced, before it is rendered: a table (with lines to show
// above it and notes below), plain text (help, lists), a short message for the
// prompt (after let, load or set), or the request to leave.

public enum Outcome: Sendable {
    case table(Table, header: [String], notes: [String])
    case text(String)
    /// A chart, drawn for the terminal (or described in words), and written as
    /// SVG to `path` when one was given.
    case chart(Chart, notes: [String], path: String?)
    /// Shown at the prompt; not printed by scripts, where it would mix with results.
    case info(String)
    case quit
    case nothing
}
