// Tables on real terminals 40, 80 and 200 columns wide: the columns that say
// what a row is and what the question added stay, nothing is wider than the
// terminal, and a pipe gets every column and every character.

import Testing

@Suite("Table layout on a terminal")
struct TableLayoutTests {
    static let compare = "compare \"Reading\" on referrals_rate year 2016"
    static let reading = "referrals | for \"Reading\" | where year between 2015 and 2016"
    static let years = "compare \"Reading\" on referrals_rate years 2013 to 2024"

    /// The lines of a statement's output on the terminal (its echo and the prompt after it left out).
    func output(_ statement: String, columns: UInt16) throws -> [String] {
        let sandbox = try Sandbox()
        let shell = try sandbox.shell(columns: columns)
        try shell.expect("\n" + InteractiveShellText.prompt)
        let shown = try shell.run(statement)
        shell.send(Key.ctrlD)
        _ = try shell.waitForExit()
        let lines = shown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // The echo may wrap over several lines; the output starts after the line ending the statement.
        let start = (lines.firstIndex { statement.hasSuffix($0.trimmingCharacters()) && !$0.isEmpty } ?? 0) + 1
        return Array(lines[start..<max(start, lines.count - 1)])
    }

    @Test("compare keeps name, value and rank, within the width", arguments: [UInt16(40), 80, 200])
    func compareKeepsValueAndRank(columns: UInt16) throws {
        let lines = try output(Self.compare, columns: columns)
        let header = try #require(lines.first { $0.hasPrefix("name ") }, "\(lines)")
        for word in ["value", "rank"] { #expect(header.contains(word), "\(header)") }
        let reading = try #require(lines.first { $0.hasPrefix("Reading ") && $0.contains(" authori") }, "\(lines)")
        #expect(reading.contains("839.6") && reading.hasSuffix(" 20"), "\(reading)")
        for line in lines { #expect(line.count <= Int(columns), "\(line)") }
    }

    @Test("two years of one authority show their years, and differ", arguments: [UInt16(40), 80, 200])
    func yearsStay(columns: UInt16) throws {
        let lines = try output(Self.reading, columns: columns)
        let text = lines.joined(separator: "\n")
        #expect(text.contains("2015") && text.contains("2016"), "\(text)")
        #expect(text.contains("20.6") && text.contains("10.0"), "the rows differ (nfa_pct): \(text)")
        for line in lines { #expect(line.count <= Int(columns), "\(line)") }
    }

    @Test("a comparison over twelve years keeps the latest year", arguments: [UInt16(40), 80, 200])
    func latestYearStays(columns: UInt16) throws {
        let lines = try output(Self.years, columns: columns)
        let header = try #require(lines.first { $0.hasPrefix("name ") }, "\(lines)")
        #expect(header.hasSuffix("2024"), "\(header)")
        // Every year shows the same places (one more than published, for the neighbours' mean).
        let reading = try #require(lines.first { $0.hasPrefix("Reading ") && $0.contains(" authori") }, "\(lines)")
        #expect(reading.hasSuffix(" 791.70"), "\(reading)")
        if columns == 200 { #expect(reading.contains(" 674.00 "), "\(reading)") }
        if columns < 200 {
            let footer = lines.drop { !$0.contains("14 columns (") }.joined(separator: " ")
            #expect(footer.contains("not shown: "), "the footer counts what is hidden: \(lines)")
        }
    }

    @Test("text is cut to fit a terminal, and whole into a pipe")
    func textFitsOrIsWhole() throws {
        let statement = "referrals | describe | where column = \"nfa\" | select description"
        let narrow = try output(statement, columns: 40).joined(separator: "\n")
        #expect(narrow.contains("Referrals resulting in no furthe"))
        #expect(narrow.contains("…") && !narrow.contains("(No_Further_Action)"))
        let wide = try output(statement, columns: 80).joined(separator: "\n")
        #expect(wide.contains("Referrals resulting in no further action (No_Further_Action)"))
        let piped = try Sandbox().run(["-c", statement])
        #expect(piped.stdout.contains("Referrals resulting in no further action (No_Further_Action)\n"))
        let capped = try Sandbox().run(["-c", "set cells 20\n" + statement])
        #expect(capped.stdout.contains("\nReferrals resulting…\n"), "\(capped.stdout)")
    }
}

extension TableLayoutTests {
    @Test("help stages wraps at spaces, each description continuing under itself", arguments: [UInt16(40), 80, 200])
    func helpAligned(columns: UInt16) throws {
        let lines = try output("help stages", columns: columns).filter { $0.hasPrefix("  ") }
        // Where descriptions start: after the first run of two or more spaces in an entry's first line.
        let entries = lines.filter { !$0.hasPrefix("   ") }
        let column = try #require(entries.first.flatMap { $0.firstRange(of: "  ", from: 2) }, "\(lines)")
        for line in lines {
            #expect(line.count <= Int(columns), "\(line)")
            if line.hasPrefix("   ") {
                #expect(line.prefix { $0 == " " }.count == column, "a continuation under the descriptions: \(line)")
            } else {
                #expect(line.firstRange(of: "  ", from: 2) == column, "an entry's description in the column: \(line)")
            }
        }
    }

    @Test("an accessible chart's description wraps at spaces, every word whole", arguments: [UInt16(40), 80])
    func descriptionWraps(columns: UInt16) throws {
        let statement = "set accessible on; referrals | for \"Reading\", \"England\" | chart line year referrals_rate by la_name"
        let lines = try output(statement, columns: columns)
        let text = lines.joined(separator: "\n")
        #expect(text.contains("Line chart: referrals_rate by year."))
        let piped = try Sandbox().run(["--accessible", "-c", "referrals | for \"Reading\", \"England\" | chart line year referrals_rate by la_name"])
        let words = piped.stdout.split(whereSeparator: { $0 == " " || $0 == "\n" })
        #expect(text.split(whereSeparator: { $0 == " " || $0 == "\n" }).suffix(words.count) == words[...])
        for line in lines { #expect(line.count <= Int(columns), "\(line)") }
    }
}

extension String {
    /// The column of the first run of at least two spaces after `from`, and the text after it.
    fileprivate func firstRange(of spaces: String, from: Int) -> Int? {
        let chars = Array(self)
        var i = from
        while i + 1 < chars.count {
            if chars[i] == " ", chars[i + 1] == " " {
                var j = i
                while j < chars.count, chars[j] == " " { j += 1 }
                return j
            }
            i += 1
        }
        return nil
    }

    fileprivate func trimmingCharacters() -> String {
        var s = Substring(self)
        while s.last == " " { s.removeLast() }
        while s.first == " " { s.removeFirst() }
        return String(s)
    }
}
