// The session file: statements as typed, each followed by the output it
// printed as `#> ` lines. Comments to the language, so the file is a script
// that replays as it is; plain text, so it reads as a transcript on GitHub.
//
//   # Casebook session: reading-2016
//   referrals | for "Reading" | where year >= 2015 | select year, referrals
//   #> year  referrals
//   #> ────  ─────────
//   #> 2015      1,673
//
// Outputs are always the aligned table at a fixed width, so a session checks
// the same on any terminal.

public enum SessionFormat {
    /// The width outputs are recorded at.
    public static let width = 100
    static let outputPrefix = "#>"

    /// Statements that are not part of an analysis and are left out when saving.
    public static func isSessionCommand(_ statement: String) -> Bool {
        let first = statement.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).first.map { $0.lowercased() } ?? ""
        guard let word = StatementWord(spelled: first) else { return false }
        return word.declaration.leftOutOfSessions
    }

    /// `header`: the file's opening comment, as lines without `# `; `comments`:
    /// comment lines (as written, `#` included) to put above a statement, by its text.
    public static func write(
        name: String, entries: [Engine.TranscriptEntry], header: [String]? = nil, comments: [String: [String]] = [:],
        trailing: [String] = []
    ) -> String {
        var out = ""
        for line in header ?? ["Casebook session: \(name)", "Replay: casebook replay FILE · Check the answers: casebook check FILE"] {
            out += line.isEmpty ? "#\n" : "# \(line)\n"
        }
        for entry in entries {
            out += "\n"
            for line in comments[entry.statement] ?? [] { out += line + "\n" }
            out += entry.statement + "\n"
            out += outputLines(entry.output)
        }
        if !trailing.isEmpty { out += "\n" + trailing.joined(separator: "\n") + "\n" }
        return out
    }

    /// Output text as `#> ` lines.
    static func outputLines(_ output: String) -> String {
        var out = ""
        var lines = output.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last == "" { lines.removeLast() }
        for line in lines {
            out += line.isEmpty ? outputPrefix + "\n" : outputPrefix + " " + line + "\n"
        }
        return out
    }
}
