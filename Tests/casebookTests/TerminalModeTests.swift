// The shell edits lines with the terminal in raw mode. However it is left
// (Ctrl-D on an empty line, `quit`), and whatever Ctrl-C interrupted before,
// the terminal must be handed back as it was found: line editing, echo and
// signals on, or the user's own shell is left unusable.

import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("Terminal modes")
struct TerminalModeTests {
    /// What Ctrl-C interrupts before the shell is left.
    enum Interrupted: String, CustomTestStringConvertible, Sendable {
        case emptyLine = "an empty line"
        case middleOfLine = "the middle of a line"
        case continuation = "a pending continuation"
        case runningQuery = "a running long query"
        var testDescription: String { rawValue }
    }

    enum Leave: String, CustomTestStringConvertible, Sendable {
        case ctrlD = "Ctrl-D"
        case quit = "quit"
        var testDescription: String { rawValue }
    }

    /// The modes that make a terminal usable at a shell prompt.
    static func flags(_ t: termios) -> [String: Bool] {
        [
            "ICANON": t.c_lflag & tcflag_t(ICANON) != 0,
            "ECHO": t.c_lflag & tcflag_t(ECHO) != 0,
            "ISIG": t.c_lflag & tcflag_t(ISIG) != 0,
        ]
    }

    @Test(
        "after Ctrl-C and leaving, the terminal has line editing, echo and signals on as before the shell started",
        arguments: [
            (Interrupted.emptyLine, Leave.ctrlD), (.middleOfLine, .ctrlD), (.continuation, .ctrlD),
            (.runningQuery, .ctrlD), (.continuation, .quit),
        ])
    func terminalIsHandedBack(_ interrupted: Interrupted, _ leave: Leave) throws {
        let sandbox = try Sandbox()
        if interrupted == .runningQuery {
            try CrashSafetyTests.writeBigCSV(sandbox.work + "/big.csv", rows: 1_000_000)
        }
        let shell = try sandbox.shell()
        let before = Self.flags(shell.modesAtStart)
        #expect(before == ["ICANON": true, "ECHO": true, "ISIG": true], "a new terminal starts cooked")
        try shell.expect(InteractiveShellText.prompt)
        // The probe sees the shell's own settings: at the prompt the line is edited raw.
        #expect(Self.flags(try #require(shell.modes))["ICANON"] == false, "raw mode at the prompt")

        switch interrupted {
        case .emptyLine:
            break
        case .middleOfLine:
            shell.send("referrals | whe")
            try shell.expect("whe")
        case .continuation:
            shell.send("referrals |" + Key.enter)
            try shell.expect("\n" + InteractiveShellText.continuation)
        case .runningQuery:
            try shell.run("load \"big.csv\" as big", timeout: 120)
            try LongQuery.enter(LongQuery.text(pairs: 8), in: shell, sandbox)
        }
        shell.send(Key.ctrlC)
        try shell.expect("\n" + InteractiveShellText.prompt, timeout: 60)

        switch leave {
        case .ctrlD: shell.send(Key.ctrlD)
        case .quit: shell.send("quit" + Key.enter)
        }
        #expect(try shell.waitForExit(timeout: 60) == .exited(0))
        let after = try #require(shell.modes)
        #expect(Self.flags(after) == before)
        // Nor anything else: every mode word is as it was found.
        let start = shell.modesAtStart
        #expect(after.c_iflag == start.c_iflag && after.c_oflag == start.c_oflag, "input and output modes")
        #expect(after.c_lflag == start.c_lflag && after.c_cflag == start.c_cflag, "local and control modes")
    }

    @Test("Ctrl-\\ quits at once, with the terminal handed back and the entered statement kept")
    func ctrlBackslashQuits() throws {
        let sandbox = try Sandbox()
        let shell = try sandbox.shell()
        let before = shell.modesAtStart
        try shell.expect(InteractiveShellText.prompt)
        _ = try shell.run("authorities | take 1 | select la_name")
        shell.send("referrals | whe")
        try shell.expect("whe")
        shell.send(Key.ctrlBackslash)
        // Not a crash report waiting on the terminal for a key: the default action.
        #expect(try shell.waitForExit(timeout: 15) == .signalled(SIGQUIT))
        let after = try #require(shell.modes)
        #expect(Self.flags(after) == Self.flags(before))
        #expect(after.c_lflag == before.c_lflag && after.c_iflag == before.c_iflag)
        #expect(sandbox.historyLines() == ["authorities | take 1 | select la_name"])
    }
}
