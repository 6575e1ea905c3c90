// The text `help` prints: an overview, one topic, or a list (stages, functions,
// markers, keys, settings).

public enum HelpText {
    public static func render(topic: String?) -> String? {
        guard let raw = topic else { return overview() }
        let t = raw.lowercased()
        switch t {
        case "stages": return list("Stages (after `|`)", HelpCatalog.stages)
        case "statements", "commands": return list("Statements", HelpCatalog.statements)
        case "functions":
            return list("Functions", HelpCatalog.functions) + "\n" + list("Aggregates (in summarise, or in derive after group)", HelpCatalog.aggregates)
        case "aggregates": return list("Aggregates", HelpCatalog.aggregates)
        case "keys": return keys
        case "markers", "missing": return markers
        case "settings": return settings
        default: break
        }
        // Statements first, so `help count` gives the stage and the aggregate.
        let matches = HelpCatalog.all.filter { $0.name == t || $0.aliases.contains(t) }
        guard !matches.isEmpty else { return nil }
        return matches.map { e in "\(e.name) — \(e.kind.rawValue)\n\n" + e.rendered() }.joined(separator: "\n")
    }

    /// Names `help` knows, for "did you mean" and completion.
    public static var topics: [String] {
        ["stages", "statements", "functions", "aggregates", "keys", "markers", "settings"]
            + HelpCatalog.all.flatMap { [$0.name] + $0.aliases }
    }

    static func list(_ title: String, _ entries: [HelpEntry]) -> String {
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

        """
    }

    static let markers = """
        Missing values keep the reason the source gave:
          c     suppressed (confidential)          x     not available
          z     not applicable                     u     low reliability
          low   rounds to zero                     k     rounds to zero (DfE)
          ..    not available                      -     not available
          (blank) empty in the source

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

    static let settings = """
        set format table|csv|tsv|json|markdown   how results are printed
        set rows N|all                           rows shown before the middle is elided
        set timer on|off                         print how long each statement took
        set width N|auto                         the width tables and charts fit
        set colour on|off                        colour (off when output is not a terminal)
        set accessible on|off                    tables read row by row; charts described in words
        set sources on|off                       show each result's sources under it
        set neighbours 2025|2021                 the statistical neighbour model compare uses
        set limit N                              the largest result a join may make

        """
}

extension String {
    var firstSentence: String {
        if let r = firstRange(of: ". ") { return String(self[..<r.lowerBound]) + "." }
        return self
    }
}
