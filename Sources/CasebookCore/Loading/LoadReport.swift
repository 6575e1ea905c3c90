// What a load found wrong with a file, and what it did about it: each problem
// with its line number (the first few of each kind, then a count), so the user
// knows which rows were kept, padded or skipped.

public struct LoadIssue: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case shortRow = "short-row"
        case longRow = "long-row"
        case unclosedQuote = "unclosed-quote"
        case textAfterQuote = "text-after-quote"
        case invalidUTF8 = "invalid-utf8"
        case nulByte = "nul-byte"
        case blankLines = "blank-lines"
        case renamedHeader = "renamed-header"
        case headerOnly = "header-only"
        case derivedYear = "derived-year"
        case encoding = "encoding"
        case decimalComma = "decimal-comma"
    }

    public var kind: Kind
    /// 1-based line in the file, where there is one.
    public var line: Int?
    public var message: String
}

public struct LoadReport: Sendable {
    public var fileName: String
    public var rows: Int = 0
    public var columns: Int = 0
    var issues: [LoadIssue] = []
    /// How many issues of each kind there were in all (issues keeps the first few).
    public var counts: [LoadIssue.Kind: Int] = [:]

    static let examplesPerKind = 5

    public init(fileName: String) {
        self.fileName = fileName
    }

    mutating func add(_ kind: LoadIssue.Kind, line: Int?, _ message: String) {
        counts[kind, default: 0] += 1
        if counts[kind]! <= Self.examplesPerKind {
            issues.append(LoadIssue(kind: kind, line: line, message: message))
        }
    }

    mutating func absorb(_ other: LoadReport, lineOffset: Int) {
        for (kind, n) in other.counts {
            let shown = other.issues.filter { $0.kind == kind }
            let room = Self.examplesPerKind - (counts[kind] ?? 0)
            for issue in shown.prefix(max(0, room)) {
                var moved = issue
                moved.line = issue.line.map { $0 + lineOffset }
                issues.append(moved)
            }
            counts[kind, default: 0] += n
        }
    }

    /// The report as lines for the user: "data.csv:12: row has 7 fields, expected 8; …".
    public func lines() -> [String] {
        var out: [String] = []
        let order: [LoadIssue.Kind] = [
            .encoding, .renamedHeader, .headerOnly, .shortRow, .longRow, .unclosedQuote, .textAfterQuote, .invalidUTF8, .nulByte,
            .blankLines, .decimalComma, .derivedYear,
        ]
        for kind in order {
            let examples = issues.filter { $0.kind == kind }
            for issue in examples {
                if let line = issue.line {
                    out.append("\(fileName):\(line): \(issue.message)")
                } else {
                    out.append("\(fileName): \(issue.message)")
                }
            }
            let total = counts[kind] ?? 0
            if total > examples.count {
                out.append("\(fileName): … and \(NumberText.grouped(total - examples.count)) more like this")
            }
        }
        return out
    }
}
