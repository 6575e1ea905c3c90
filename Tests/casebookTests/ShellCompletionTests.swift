// Tab completion through a real pseudo-terminal, from the resolver: the columns
// left by the stages before the cursor, authority names in quotes, measures
// after `compare … on`, chart kinds.

import Testing

@Suite("Shell completion")
struct ShellCompletionTests {
    /// Types `text`, presses Tab, and returns what the terminal showed up to the redrawn line.
    func listing(after text: String) throws -> (String, Sandbox, PseudoTerminal) {
        let sandbox = try Sandbox()
        let shell = try sandbox.shell()
        try shell.expect(InteractiveShellText.prompt)
        shell.send(text)
        try shell.expect(String(text.suffix(6)))
        shell.send(Key.tab)
        let shown = try shell.expect("\n" + InteractiveShellText.prompt + text)
        return (shown, sandbox, shell)
    }

    static func words(_ s: String) -> Set<String> {
        Set(s.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\r" }).map(String.init))
    }

    @Test("after `summarise … by region`, Tab in `select` lists the summary's columns, not the dataset's")
    func columnsAfterSummarise() throws {
        let (shown, _, _) = try listing(after: "workforce | summarise m = median(caseload) by region | select ")
        let words = Self.words(shown)
        #expect(words.contains("region") && words.contains("m"), "\(shown)")
        #expect(!words.contains("caseload"), "\(shown)")
        #expect(!words.contains("la_name"), "\(shown)")
    }

    @Test("after `drop`, the dropped column is not offered")
    func columnsAfterDrop() throws {
        let sandbox = try Sandbox()
        let shell = try sandbox.shell()
        try shell.expect(InteractiveShellText.prompt)
        shell.send("referrals | drop referrals_rate | for \"Reading\" | where year = 2016 | select refer")
        try shell.expect("select refer")
        shell.send(Key.tab)
        // One column is left that starts so: it is completed, with its space.
        let output = try shell.run("| take 1")
        #expect(output.contains("referrals\n─────────\n    3,078\n"), "\(output)")
        #expect(sandbox.historyLines() == [
            "referrals | drop referrals_rate | for \"Reading\" | where year = 2016 | select referrals | take 1"
        ])
    }

    @Test("Tab inside the quotes of `for` completes an authority's name and closes the quotes")
    func authorityName() throws {
        let sandbox = try Sandbox()
        let shell = try sandbox.shell()
        try shell.expect(InteractiveShellText.prompt)
        shell.send("referrals | for \"Rea")
        try shell.expect("\"Rea")
        shell.send(Key.tab)
        let output = try shell.run(" | where year = 2016 | select la_name")
        #expect(output.contains("\nReading\n"), "\(output)")
        #expect(sandbox.historyLines() == ["referrals | for \"Reading\" | where year = 2016 | select la_name"])
    }

    @Test("Tab after `compare \"Reading\" on referrals_r` completes the measure")
    func measure() throws {
        let sandbox = try Sandbox()
        let shell = try sandbox.shell()
        try shell.expect(InteractiveShellText.prompt)
        shell.send("compare \"Reading\" on referrals_r")
        try shell.expect("referrals_r")
        shell.send(Key.tab)
        let output = try shell.run("year 2016")
        #expect(output.contains("Reading"), "\(output)")
        #expect(sandbox.historyLines() == ["compare \"Reading\" on referrals_rate year 2016"])
    }

    @Test("Tab after `chart ` lists the chart kinds")
    func chartKinds() throws {
        let (shown, _, _) = try listing(after: "referrals | chart ")
        let words = Self.words(shown)
        for kind in ["bar", "line", "hist", "scatter"] { #expect(words.contains(kind), "\(kind): \(shown)") }
        #expect(!words.contains("la_name"), "\(shown)")
    }

    @Test("Tab in the quotes after `scorecard … topic` completes the topic and closes the quotes")
    func scorecardTopic() throws {
        let sandbox = try Sandbox()
        let shell = try sandbox.shell()
        try shell.expect(InteractiveShellText.prompt)
        shell.send("scorecard \"Reading\" topic \"Child Pro")
        try shell.expect("Child Pro")
        shell.send(Key.tab)
        let output = try shell.run(" | count")
        #expect(output.contains("count"), "\(output)")
        #expect(sandbox.historyLines() == ["scorecard \"Reading\" topic \"Child Protection\" | count"])
    }
}
