// Reading a session file: its statements, where each is, and the output
// recorded under it (the `#>` lines that follow it directly).

public struct SessionStatement: Sendable {
    public var text: String
    /// 1-based line where the statement starts in the file.
    public var line: Int
    /// The recorded output lines (without the `#> ` prefix); empty when none.
    public var recorded: [String]
    /// Byte range of the recorded block in the file (empty at the statement's end when none).
    var outputRange: Range<Int>
}

public enum SessionFile {
    public static func statements(_ source: SourceText) -> [SessionStatement] {
        let parsed = Parser.parse(source)
        let bytes = source.bytes
        var result: [SessionStatement] = []
        /// The offset after the line on which `offset` lies.
        func lineAfter(_ offset: Int) -> Int {
            var o = offset
            while o < bytes.count, bytes[o] != 0x0A { o += 1 }
            return o < bytes.count ? o + 1 : o
        }
        // Statements that share a line (`a; b`, or `a; b |` going on below) share
        // one block: the one after the last line of the last of them.
        var last = Array(parsed.indices)
        for i in parsed.indices.reversed().dropFirst() where parsed[i + 1].span.start < lineAfter(parsed[i].span.end) {
            last[i] = last[i + 1]
        }
        for (i, p) in parsed.enumerated() {
            // The output block starts on the line after the statement's last line.
            let blockStart = lineAfter(parsed[last[i]].span.end)
            var offset = blockStart
            var lines: [String] = []
            let limit = last[i] + 1 < parsed.count ? parsed[last[i] + 1].span.start : bytes.count
            while offset < limit {
                var end = offset
                while end < bytes.count, bytes[end] != 0x0A { end += 1 }
                let line = String(decoding: bytes[offset..<end], as: UTF8.self)
                let trimmed = line.hasSuffix("\r") ? String(line.dropLast()) : line
                guard trimmed.hasPrefix(SessionFormat.outputPrefix) else { break }
                var content = String(trimmed.dropFirst(SessionFormat.outputPrefix.count))
                if content.hasPrefix(" ") { content.removeFirst() }
                lines.append(content)
                offset = min(end + 1, bytes.count)
            }
            result.append(
                SessionStatement(
                    text: source.slice(p.span), line: source.location(of: p.span.start).line, recorded: lines,
                    outputRange: blockStart..<max(blockStart, offset)))
        }
        return result
    }
}

/// Re-running a session and comparing its answers with the recorded ones.
public enum SessionCheck {
    public struct Difference: Sendable {
        public var statement: SessionStatement
        /// A unified-style diff: "  same", "- recorded", "+ now".
        public var diff: [String]
    }

    public struct Report: Sendable {
        public var statements: Int
        public var differences: [Difference]
        /// The file with today's outputs in place of the recorded ones.
        public var updatedText: String
    }

    /// Compares a session's recorded outputs with `transcript` (the same
    /// statements, just run).
    public static func compare(_ source: SourceText, statements: [SessionStatement], transcript: [Engine.TranscriptEntry])
        -> Report
    {
        var differences: [Difference] = []
        var replacements: [(Range<Int>, String)] = []
        var i = 0
        while i < statements.count {
            // Statements on one line (`a; b`) have one block: their outputs in order.
            let statement = statements[i]
            var now = ""
            repeat {
                now += i < transcript.count ? transcript[i].output : "(not run: an earlier statement stopped the session)\n"
                i += 1
            } while i < statements.count && statements[i].outputRange == statement.outputRange
            var nowLines = now.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            if nowLines.last == "" { nowLines.removeLast() }
            if nowLines != statement.recorded {
                differences.append(Difference(statement: statement, diff: diff(statement.recorded, nowLines)))
            }
            var block = SessionFormat.outputLines(now)
            // A last statement with no line end after it: the block starts on a line of its own.
            if statement.outputRange.lowerBound == source.bytes.count, source.bytes.last != 0x0A, !block.isEmpty {
                block = "\n" + block
            }
            replacements.append((statement.outputRange, block))
        }
        var bytes = source.bytes
        for (range, text) in replacements.reversed() {
            bytes.replaceSubrange(range, with: Array(text.utf8))
        }
        return Report(
            statements: statements.count, differences: differences, updatedText: String(decoding: bytes, as: UTF8.self))
    }

    /// The text `check --update` writes: `report`'s, made to check clean. A
    /// recorded error names its line in the file, and replacing a block moves
    /// the lines below it; when a failed statement has moved, the new text is
    /// run again (by `run`) until its outputs stay put.
    public static func updatedText(
        _ source: SourceText, report: Report, transcript: [Engine.TranscriptEntry],
        run: (SourceText) -> [Engine.TranscriptEntry]
    ) -> String {
        var text = report.updatedText
        var before = SessionFile.statements(source).map(\.line)
        var failed = transcript.contains(where: \.failed)
        for _ in 0..<3 where failed {
            let next = SourceText(name: source.name, text: text)
            let statements = SessionFile.statements(next)
            guard statements.map(\.line) != before else { break }
            let again = run(next)
            let check = compare(next, statements: statements, transcript: again)
            if check.differences.isEmpty { break }
            text = check.updatedText
            before = statements.map(\.line)
            failed = again.contains(where: \.failed)
        }
        return text
    }

    /// A line diff (longest common subsequence), for showing what changed.
    public static func diff(_ old: [String], _ new: [String]) -> [String] {
        let n = old.count, m = new.count
        var lcs = [[Int]](repeating: [Int](repeating: 0, count: m + 1), count: n + 1)
        if n > 0 && m > 0 {
            for i in stride(from: n - 1, through: 0, by: -1) {
                for j in stride(from: m - 1, through: 0, by: -1) {
                    lcs[i][j] = old[i] == new[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
                }
            }
        }
        var out: [String] = []
        var i = 0, j = 0
        while i < n || j < m {
            if i < n, j < m, old[i] == new[j] {
                out.append("  " + old[i])
                i += 1
                j += 1
            } else if i < n, j == m || lcs[i + 1][j] >= lcs[i][j + 1] {
                // What was recorded comes before what is there now.
                out.append("- " + old[i])
                i += 1
            } else {
                out.append("+ " + new[j])
                j += 1
            }
        }
        return out
    }
}
