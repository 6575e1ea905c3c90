// The text `help` prints: an overview, one topic, or a list (stages, functions,
// markers, keys, settings).

enum HelpText {
    public static func render(topic: String?) -> String? {
        guard let raw = topic else { return overview() }
        let t = raw.lowercased()
        switch t {
        case "stages": return list("Stages (after `|`)", Registry.stages)
        case "statements", "commands": return list("Statements", Registry.statements)
        case "functions":
            return list("Functions", Registry.functions) + "\n" + list("Aggregates (in summarise, or in derive after group)", Registry.aggregates)
        case "aggregates": return list("Aggregates", Registry.aggregates)
        case "keys": return keys
        case "markers", "missing": return markers
        case "settings": return settings
        default: break
        }
        // Statements first, so `help count` gives the stage and the aggregate.
        let matches = Registry.all.filter { $0.name == t || $0.aliases.contains(t) }
        guard !matches.isEmpty else { return nil }
        return matches.map { e in "\(e.name) — \(e.kind.rawValue)\n\n" + e.rendered() }.joined(separator: "\n")
    }

    /// Names `help` knows, for "did you mean" and completion.
    static var topics: [String] {
        ["stages", "statements", "functions", "aggregates", "keys", "markers", "settings"]
            + Registry.all.flatMap { [$0.name] + $0.aliases }
    }

    static func list(_ title: String, _ entries: [Declaration]) -> String {
        let width = (entries.map { $0.name.count }.max() ?? 0) + 2
        var out = "\(title):\n"
        for e in entries {
            out += "  " + e.name.rightPadded(to: width) + e.summary.firstSentence + "\n"
        }
        return out
    }

    static func overview() -> String {
        """
        Casebook: ask questions of the published data on children's social care.

        A statement is a pipeline — a dataset, then stages joined by `|`:
          referrals | where year = 2016 | sort referrals_rate desc | take 10

        Start with:
          datasets                 the shipped datasets
          describe referrals       columns, missing values, sources
          help stages              where, select, derive, sort, summarise, join, rank, change, …
          help functions           round, contains, coalesce, is_missing, mean, median, …
          help markers             how suppressed and missing values (c, x, z, …) behave
          help keys                line editing, history and completion
          help settings            output format, rows shown, timer, …
          help NAME                one statement, stage or function, with an example
          help COLUMN              what a dataset's column means (e.g. `help nfa`)

        """
    }

    static let markers = """
        Missing values keep the reason the source gave:
          c     suppressed (confidential)          x     not available
          z     not applicable                     u     low reliability
          low   rounds to zero                     k     rounds to zero (DfE)
          ..    not available                      -     not available
          (blank) empty in the source; or no matching row, or not applicable
                  (the rank of England in `compare`): `reason(x)` says which

        Arithmetic with a missing value is missing, with the same reason.
        A comparison with one is not true: `where` drops the row; `is_missing(x)` finds it.
        Sort puts missing values last. Aggregates skip them and say how many, and why.
        `reason(x)` gives the marker; `coalesce(x, 0)` replaces missing values.

        """

    static let keys = """
        Keys at the prompt (libedit; your ~/.editrc is read):
          Tab            complete a stage, dataset, column, function or file path
          Up / Down      previous / next statement from the history
          Ctrl-R         search the history backwards as you type
          Ctrl-A / E     start / end of the line
          Ctrl-W         delete the word before the cursor
          Ctrl-U         delete to the start of the line
          Ctrl-C         clear the line and any unfinished statement; stop a running query
          Ctrl-D         leave (on an empty line)
        A line ending in `|`, `,`, an operator or an open bracket or quote continues on the next.

        """

    /// One line per setting, from the registry, so a new setting cannot be left out.
    static var settings: String {
        let forms = SettingWord.allCases.map { "set \($0.name) \($0.valueForm)" }
        let width = (forms.map(\.count).max() ?? 0) + 3
        return zip(SettingWord.allCases, forms).map { word, form in
            form.rightPadded(to: width) + word.declaration.summary + "\n"
        }.joined() + "\n"
    }
}

extension String {
    var firstSentence: String {
        if let r = firstRange(of: ". ") { return String(self[..<r.lowerBound]) + "." }
        return self
    }
}
