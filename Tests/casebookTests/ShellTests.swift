// The shell on a real pseudo-terminal: banner and prompt, statements, Tab
// completion, continuation lines, and what Ctrl-C and Ctrl-D do.

import Testing

@Suite("Shell")
struct ShellTests {
    static let cityOfLondon = "authorities | take 1 | select la_name"

    @Test("the banner and the prompt appear, and `datasets` lists the shipped datasets")
    func bannerPromptAndDatasets() throws {
        let sandbox = try Sandbox()
        let shell = try sandbox.shell()
        try shell.expect("Casebook 0.1.0")
        try shell.expect("\n" + InteractiveShellText.prompt)
        let shown = try shell.run("datasets")
        for name in ["authorities", "referrals", "children_in_need", "looked_after", "workforce", "inspections"] {
            #expect(shown.contains("\n" + name + " "), "\(name) listed")
        }
        shell.send(Key.ctrlD)
        #expect(try shell.waitForExit() == .exited(0))
    }

    @Test("libedit is loaded by the shell when it starts, not by every run")
    func lineEditorLoadedByTheShell() throws {
        let needed = try NeededLibraries.of()
        #expect(needed.contains { $0.hasPrefix("libc.so") }, "\(needed)")
        #expect(!needed.contains { $0.contains("libedit") }, "\(needed)")
        // Scripts run without it; the shell opens it and edits lines (Tab, Up, Ctrl-R: the tests below).
        let sandbox = try Sandbox()
        let script = try sandbox.run([], stdin: Self.cityOfLondon + "\n")
        #expect(script.status == 0 && script.stdout.contains("City of London"), "\(script.stderr)")
        let shell = try sandbox.shell()
        try shell.expect(InteractiveShellText.prompt)
        shell.send("authorities | ta")
        shell.send(Key.tab)
        try shell.expect("take")
        let shown = try shell.run("1 | select la_name")
        #expect(shown.contains("City of London"), "\(shown)")
        shell.send(Key.ctrlD)
        #expect(try shell.waitForExit() == .exited(0))
    }

    @Test("Tab completes a dataset name: `refe` becomes `referrals `")
    func tabCompletesDatasetName() throws {
        let sandbox = try Sandbox()
        let shell = try sandbox.shell()
        try shell.expect(InteractiveShellText.prompt)
        shell.send("refe")
        try shell.expect("refe")
        shell.send(Key.tab)
        // The completed word and its space are on the line: the rest of the statement follows it.
        let output = try shell.run("| take 1 | select year")
        #expect(output.contains("\n2013\n"))
        #expect(sandbox.historyLines() == ["referrals | take 1 | select year"])
    }

    @Test("Tab inside `where` lists the columns of the dataset at the head of the pipeline")
    func tabAfterWhereListsColumns() throws {
        let sandbox = try Sandbox()
        let shell = try sandbox.shell()
        try shell.expect(InteractiveShellText.prompt)
        shell.send("referrals | where ")
        try shell.expect("where ")
        shell.send(Key.tab)
        let listing = try shell.expect("\n" + InteractiveShellText.prompt + "referrals | where ")
        let words = Set(listing.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init))
        for column in ["year", "la_name", "referrals", "referrals_rate", "rereferrals_pct"] {
            #expect(words.contains(column), "column \(column) offered")
        }
        #expect(!words.contains("workforce"), "datasets are not offered inside a stage")
    }

    @Test("Tab on `select refer` extends to `referrals`, then lists referrals and referrals_rate")
    func tabListsCandidateColumns() throws {
        let sandbox = try Sandbox()
        let shell = try sandbox.shell()
        try shell.expect(InteractiveShellText.prompt)
        shell.send("referrals | for \"Reading\" | where year = 2016 | select refer")
        try shell.expect("select refer")
        shell.send(Key.tab)
        try shell.expect("rals")
        shell.send(Key.tab)
        let listing = try shell.expect("\n" + InteractiveShellText.prompt)
        let lines = listing.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
        #expect(lines.contains(["referrals", "referrals_rate"]), "\(listing)")
        // The line is kept as completed: Enter runs `… select referrals`.
        let output = try shell.run("")
        #expect(output.contains("referrals\n─────────\n    3,078\n"), "\(output)")
        #expect(sandbox.historyLines() == ["referrals | for \"Reading\" | where year = 2016 | select referrals"])
    }

    @Test("a line ending in `|` gets the continuation prompt; the whole statement runs and is one history entry")
    func continuationLines() throws {
        let sandbox = try Sandbox()
        let shell = try sandbox.shell()
        try shell.expect(InteractiveShellText.prompt)
        shell.send("referrals | for \"Reading\" |" + Key.enter)
        try shell.expect("\n" + InteractiveShellText.continuation)
        shell.send("where year = 2016 |" + Key.enter)
        try shell.expect("\n" + InteractiveShellText.continuation)
        let output = try shell.run("select year, referrals")
        #expect(output.contains("year  referrals\n────  ─────────\n2016      3,078\n"), "\(output)")
        #expect(sandbox.historyLines() == [#"referrals | for "Reading" |\nwhere year = 2016 |\nselect year, referrals"#])
    }

    @Test("Ctrl-C on a half-typed line drops it and gives a fresh prompt")
    func ctrlCDropsHalfTypedLine() throws {
        let sandbox = try Sandbox()
        let shell = try sandbox.shell()
        try shell.expect(InteractiveShellText.prompt)
        shell.send("referrals | whe")
        try shell.expect("whe")
        shell.send(Key.ctrlC)
        try shell.expect("\n" + InteractiveShellText.prompt)
        let output = try shell.run(Self.cityOfLondon)
        #expect(output.contains("\nCity of London\n"))
        #expect(!output.contains("error"), "\(output)")
        #expect(sandbox.historyLines() == [Self.cityOfLondon])
    }

    @Test("Ctrl-C on a pending continuation drops the whole unfinished statement")
    func ctrlCDropsPendingContinuation() throws {
        let sandbox = try Sandbox()
        let shell = try sandbox.shell()
        try shell.expect(InteractiveShellText.prompt)
        shell.send("referrals |" + Key.enter)
        try shell.expect("\n" + InteractiveShellText.continuation)
        shell.send("where year")
        try shell.expect("where year")
        shell.send(Key.ctrlC)
        try shell.expect("\n" + InteractiveShellText.prompt)
        // Were `referrals |` kept, this would read `referrals | authorities …` and fail.
        let output = try shell.run(Self.cityOfLondon)
        #expect(output.contains("\nCity of London\n"))
        #expect(!output.contains("error"), "\(output)")
        #expect(sandbox.historyLines() == [Self.cityOfLondon])
    }

    @Test("Ctrl-C on an empty line does not leave; Ctrl-D on an empty line leaves with status 0")
    func ctrlCStaysCtrlDLeaves() throws {
        let sandbox = try Sandbox()
        let shell = try sandbox.shell()
        try shell.expect(InteractiveShellText.prompt)
        shell.send(Key.ctrlC)
        try shell.expect("\n" + InteractiveShellText.prompt)
        shell.send(Key.ctrlC)
        try shell.expect("\n" + InteractiveShellText.prompt)
        #expect(shell.isRunning)
        let output = try shell.run(Self.cityOfLondon)
        #expect(output.contains("\nCity of London\n"))
        shell.send(Key.ctrlD)
        #expect(try shell.waitForExit() == .exited(0))
    }
}
