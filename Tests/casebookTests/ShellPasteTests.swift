// Pasting into the shell on a real pseudo-terminal: a block pasted with
// bracketed paste (the terminal marks it ESC [ 200 ~ … ESC [ 201 ~) is one
// input, so a pipeline laid out one stage per line runs as one statement;
// without the markers, lines that arrive at once and start with `|` still
// join the statement above them; and Enter on an empty continuation line
// gives an unfinished statement up instead of running it.

import Testing

@Suite("Shell pasting")
struct ShellPasteTests {
    static let start = "\u{1B}[200~"
    static let end = "\u{1B}[201~"
    /// The first multi-line example of docs/language.md, as a terminal pastes it (Enter is CR).
    static let pipeline = "referrals\r| for \"Reading\"\r| where year between 2015 and 2016\r| select year, referrals\r"

    @Test("a bracketed paste of one stage per line runs as one statement, once, and is one history entry")
    func bracketedPasteIsOneInput() throws {
        let sandbox = try Sandbox()
        let shell = try sandbox.shell()
        try shell.expect(InteractiveShellText.prompt)
        shell.send(Self.start + Self.pipeline + Self.end)
        let output = try shell.expect("\n" + InteractiveShellText.prompt)
        #expect(output.contains("2015      1,673\n2016      3,078\n"), "\(output)")
        #expect(!output.contains("error"), "\(output)")
        #expect(!output.contains("no source"), "\(output)")
        // Every pasted line is shown once, after its prompt.
        #expect(shell.screen.contains(InteractiveShellText.prompt + "referrals\n"), "\(shell.screen)")
        #expect(shell.screen.contains(InteractiveShellText.continuation + "| select year, referrals\n"), "\(shell.screen)")
        shell.send(Key.ctrlD)
        #expect(try shell.waitForExit() == .exited(0))
        #expect(sandbox.historyLines()?.count == 1, "\(sandbox.historyLines() ?? [])")
    }

    @Test("a bracketed paste of two statements runs both; an unfinished last line is left to edit")
    func pasteOfTwoStatementsAndATail() throws {
        let sandbox = try Sandbox()
        let shell = try sandbox.shell()
        try shell.expect(InteractiveShellText.prompt)
        shell.send(Self.start + "authorities | take 1 | select la_name\rauthorities | count\rreferrals | take 1" + Self.end)
        let output = try shell.expect("count\n─────\n  158\n")
        #expect(output.contains("City of London"), "\(output)")
        // `referrals | take 1` waits at the prompt, editable: add to it and run it.
        let more = try shell.run(" | select year")
        #expect(more.contains("year\n────\n2013\n"), "\(more)")
    }

    @Test("a pasted stage line left unfinished waits with its statement, which runs when it is entered")
    func pastedTailStartingWithPipeJoinsTheStatement() throws {
        let sandbox = try Sandbox()
        let shell = try sandbox.shell()
        try shell.expect(InteractiveShellText.prompt)
        shell.send(Self.start + "referrals\r| for \"Reading\"\r| where year = 2016\r| select referrals" + Self.end)
        try shell.expect(InteractiveShellText.continuation)
        let output = try shell.run("")
        #expect(output.contains("referrals\n─────────\n    3,078\n"), "\(output)")
        #expect(!output.contains("error"), "\(output)")
    }

    @Test("without bracketed paste, lines arriving at once that start with `|` join the statement above")
    func unmarkedPasteJoinsPipeLines() throws {
        let sandbox = try Sandbox()
        let shell = try sandbox.shell()
        try shell.expect(InteractiveShellText.prompt)
        shell.send(Self.pipeline)
        let output = try shell.expect("2016      3,078\n")
        #expect(!output.contains("no source"), "\(output)")
        #expect(!output.contains("error"), "\(output)")
    }

    @Test("Enter on an empty continuation line gives the statement up: nothing runs, nothing fails")
    func enterTwiceGivesUp() throws {
        let sandbox = try Sandbox()
        let shell = try sandbox.shell()
        try shell.expect(InteractiveShellText.prompt)
        shell.send("referrals |" + Key.enter)
        try shell.expect(InteractiveShellText.continuation)
        let output = try shell.run("")
        #expect(output.contains("given up"), "\(output)")
        #expect(!output.contains("error"), "\(output)")
        let next = try shell.run("authorities | count")
        #expect(next.contains("158"), "\(next)")
    }

    @Test("Up recalls a statement typed over three lines as one line that runs again; at a continuation prompt Up does nothing")
    func upRecallsOneLine() throws {
        let sandbox = try Sandbox()
        let shell = try sandbox.shell()
        try shell.expect(InteractiveShellText.prompt)
        shell.send("referrals | for \"Reading\" |" + Key.enter)
        try shell.expect(InteractiveShellText.continuation)
        // Up here would splice the last statement into this one: it is off.
        shell.send(Key.up)
        shell.send("where year = 2016 |" + Key.enter)
        try shell.expect(InteractiveShellText.continuation)
        let first = try shell.run("select referrals")
        #expect(first.contains("3,078"), "\(first)")
        #expect(!first.contains("error"), "\(first)")
        shell.send(Key.up)
        try shell.expect(#"referrals | for "Reading" | where year = 2016 | select referrals"#)
        let again = try shell.run("")
        #expect(again.contains("3,078"), "\(again)")
        // The file keeps the statement as it was typed.
        #expect(sandbox.historyLines()?.first == #"referrals | for "Reading" |\nwhere year = 2016 |\nselect referrals"#)
    }
}
