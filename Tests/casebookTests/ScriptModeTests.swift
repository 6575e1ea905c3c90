// Script mode through pipes: a piped statement prints an aligned table, errors are
// located in the script (FILE:LINE:COL) and stop it, and every way of giving a script agrees.

import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("Script mode")
struct ScriptModeTests {
    /// Line 1 runs, line 2 is a comment, line 3 has a mistake, line 4 prints City of London.
    static func script(mistake: String) -> String {
        """
        referrals | for "Reading" | where year = 2016 | select year, referrals
        # the next line has a mistake
        \(mistake)
        authorities | take 1 | select la_name

        """
    }

    static let firstOutput = """
        year  referrals
        ────  ─────────
        2016      3,078

        """

    @Test("a piped statement prints an aligned table: header, rule, three rows")
    func pipedStatementPrintsAlignedTable() throws {
        let sandbox = try Sandbox()
        let result = try sandbox.run([], stdin: "authorities | where region = \"South East\" | take 3\n")
        #expect(result.status == 0)
        #expect(result.stderr == "")
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0) }
        try #require(lines.count == 6 && lines[5].isEmpty, "five lines and a final newline: \(result.stdout)")
        let header = lines[0], rule = lines[1]
        // The rule is one run of ─ per column, two spaces apart, each as wide as its column.
        var spans: [Range<Int>] = []
        var i = 0
        while i < rule.count {
            if rule[i] == "─" {
                let start = i
                while i < rule.count && rule[i] == "─" { i += 1 }
                spans.append(start..<i)
            } else {
                #expect(rule[i] == " ")
                i += 1
            }
        }
        func cells(_ line: [Character]) -> [String] {
            spans.map { span in
                let slice = line[min(span.lowerBound, line.count)..<min(span.upperBound, line.count)]
                return String(slice).trimmingSpaces
            }
        }
        // Between the columns every line has blanks: nothing spills over.
        for line in lines[0..<5] {
            for (a, b) in zip(spans, spans.dropFirst()) where a.upperBound < line.count {
                #expect(line[a.upperBound..<min(b.lowerBound, line.count)].allSatisfy { $0 == " " }, "\(String(line))")
            }
        }
        #expect(
            cells(header) == [
                "la_code", "la_name", "ons_code", "region", "type", "inner_outer", "status", "replaced_by", "ended",
                "predecessors", "started", "former_ons_codes", "ofsted_urn",
            ])
        #expect(
            cells(lines[2]) == [
                "825", "Buckinghamshire", "E06000060", "South East", "Unitary authority", "", "current", "", "", "", "",
                "E10000002", "80442",
            ])
        #expect(cells(lines[3]).prefix(2) == ["826", "Milton Keynes"])
        #expect(cells(lines[4]).prefix(2) == ["845", "East Sussex"])
        // Numbers are right-aligned: 825 ends where its column ends.
        #expect(String(lines[2][spans[0]]) == "    825")
    }

    @Test(
        "a mistake on line 3 is reported as FILE:3:COL with the line and a caret, and the script stops there",
        arguments: [
            ("referrals | whre year = 2016", 13, "unknown stage `whre`", "^^^^"),
            ("referrals | where yeer = 2016", 19, "`yeer`", "^^^^"),
        ])
    func mistakeIsLocatedAndStopsTheScript(mistake: String, column: Int, message: String, caret: String) throws {
        let sandbox = try Sandbox()
        try sandbox.write("analysis.cb", Self.script(mistake: mistake))
        let result = try sandbox.run(["analysis.cb"])
        #expect(result.status == 1)
        // Statement 1 printed; nothing for line 3; line 4 never ran.
        #expect(result.stdout == Self.firstOutput)
        let errors = result.stderr.split(separator: "\n").map(String.init)
        try #require(errors.count >= 3, "\(result.stderr)")
        #expect(errors[0].hasPrefix("analysis.cb:3:\(column): error: "))
        #expect(errors[0].contains(message), "\(errors[0])")
        #expect(errors[1] == "    3 | \(mistake)")
        #expect(errors[2] == "      | " + String(repeating: " ", count: column - 1) + caret)
        #expect(!result.stderr.contains("City of London"))
    }

    @Test("--keep-going runs the statements after a failing one and still exits 1")
    func keepGoingRunsLaterStatements() throws {
        let sandbox = try Sandbox()
        try sandbox.write("analysis.cb", Self.script(mistake: "referrals | whre year = 2016"))
        let result = try sandbox.run(["--keep-going", "analysis.cb"])
        #expect(result.status == 1)
        #expect(result.stdout == Self.firstOutput + "la_name\n──────────────\nCity of London\n")
        #expect(result.stderr.hasPrefix("analysis.cb:3:13: error: unknown stage `whre`"))
    }

    @Test("`casebook FILE`, `casebook -f FILE` and `casebook < FILE` agree; stdin is named <stdin>")
    func fileFlagAndStandardInputAgree() throws {
        let sandbox = try Sandbox()
        let text = Self.script(mistake: "referrals | whre year = 2016")
        try sandbox.write("analysis.cb", text)
        let positional = try sandbox.run(["analysis.cb"])
        let flag = try sandbox.run(["-f", "analysis.cb"])
        let piped = try sandbox.run([], stdin: text)
        #expect(positional.status == 1 && flag.status == 1 && piped.status == 1)
        #expect(positional.stdout == Self.firstOutput)
        #expect(flag.stdout == positional.stdout)
        #expect(piped.stdout == positional.stdout)
        #expect(flag.stderr == positional.stderr)
        #expect(positional.stderr.hasPrefix("analysis.cb:3:13: error:"))
        #expect(piped.stderr.hasPrefix("<stdin>:3:13: error:"))
        #expect(
            piped.stderr.replacing("<stdin>:", with: "analysis.cb:") == positional.stderr,
            "only the name differs")
    }

    @Test("-c runs the statements given on the command line")
    func commandFlagRunsStatements() throws {
        let sandbox = try Sandbox()
        let ok = try sandbox.run(["-c", "referrals | for \"Reading\" | where year = 2016 | select year, referrals"])
        #expect(ok.status == 0)
        #expect(ok.stdout == Self.firstOutput)
        #expect(ok.stderr == "")
        let bad = try sandbox.run(["-c", "referrals | whre year = 2016"])
        #expect(bad.status == 1)
        #expect(bad.stdout == "")
        #expect(bad.stderr.hasPrefix("<command>:1:13: error: unknown stage `whre`"))
    }

    @Test("a relative `load` in a script is read from the script's folder, not the current one")
    func relativeLoadResolvesAgainstTheScriptFolder() throws {
        let sandbox = try Sandbox()
        mkdir(sandbox.root + "/scripts", 0o700)
        try sandbox.write(sandbox.root + "/scripts/counts.csv", "name,count\nalpha,3\nbeta,5\n")
        try sandbox.write(sandbox.root + "/scripts/use.cb", "load \"counts.csv\"\ncounts | sort count desc\n")
        // A decoy of the same name in the current folder must not be the one read.
        try sandbox.write("counts.csv", "name,count\ndecoy,1\n")
        let result = try sandbox.run(["../scripts/use.cb"], directory: sandbox.work)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "name   count\n─────  ─────\nbeta       5\nalpha      3\n")
    }
}

extension String {
    var trimmingSpaces: String {
        String(drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
    }
}
