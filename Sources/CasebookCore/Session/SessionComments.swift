// The hand-written comments of a session file, so that saving over it keeps
// them: the opening comment (up to its first blank line) and the comment lines
// directly above each statement. `#>` lines are outputs, not comments.

struct SessionComments {
    /// The opening comment's lines without `# ` (nil when the file has none).
    var header: [String]?
    /// Comment lines as written, by the text of the statement they stand above.
    var above: [String: [String]]
    /// The statements with comments, in file order.
    var order: [String] = []

    /// Comment blocks whose statement is not among `statements`: kept at the
    /// end of a file saved over this one, so no comment is lost.
    func orphans(_ statements: [String]) -> [String] {
        let saved = Set(statements)
        let left = order.filter { !saved.contains($0) }
        guard !left.isEmpty else { return [] }
        var lines = ["# Comments kept from statements no longer in this session:"]
        for statement in left { lines += (above[statement] ?? []) + ["#   (above: \(statement.split(separator: "\n").first ?? ""))"] }
        return lines
    }

    static func read(_ source: SourceText) -> SessionComments {
        let lines = source.text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
        }
        func isComment(_ line: String) -> Bool {
            let t = line.drop(while: { $0 == " " || $0 == "\t" })
            return t.hasPrefix("#") && !t.hasPrefix(SessionFormat.outputPrefix)
        }
        let statements = SessionFile.statements(source)
        let firstStatement = statements.first.map { $0.line - 1 } ?? lines.count
        // The opening comment: the comment lines at the top, up to a blank line,
        // when a blank line parts them from the first statement.
        var header: [String]? = nil
        var end = 0
        while end < lines.count, end < firstStatement, isComment(lines[end]) { end += 1 }
        if end > 0, end < lines.count, end < firstStatement {
            header = lines[0..<end].map { line in
                var text = line.drop(while: { $0 == " " || $0 == "\t" }).dropFirst()
                if text.hasPrefix(" ") { text = text.dropFirst() }
                return String(text)
            }
        }
        var above: [String: [String]] = [:]
        var order: [String] = []
        for statement in statements {
            var start = statement.line - 1  // index of the statement's first line
            while start > 0, isComment(lines[start - 1]), header == nil || start - 1 >= end { start -= 1 }
            if start < statement.line - 1, above[statement.text] == nil {
                above[statement.text] = Array(lines[start..<(statement.line - 1)])
                order.append(statement.text)
            }
        }
        return SessionComments(header: header, above: above, order: order)
    }
}
