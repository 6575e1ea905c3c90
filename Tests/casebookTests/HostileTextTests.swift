// Escape sequences in data and in session files never reach the terminal
// raw, through the binary, in any mode: tables, every --format, accessible
// output, `check`'s diff and `export` (Output/TerminalText.swift, Console.write).

import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("Hostile text through the binary")
struct HostileTextTests {
    static let csv = "name,\"he\u{1B}[2Jad\"\n\"A\u{1B}]0;title\u{07}B\",1\n\"cr\rall outputs match\",2\n\"c1\u{9B}31m\",3\n"

    /// A session whose comment and recorded output hold escape sequences: the
    /// recorded line tries to draw "all outputs match" over the real difference.
    static let session = """
        # a comment \u{1B}[2J\u{1B}[H with a clear-screen
        authorities | where la_code = 870 | select la_name
        #> la_name
        #> ───────
        #> Slough\u{1B}[1A\u{1B}[2K\r\u{07}

        """

    static func holdsControls(_ bytes: [UInt8]) -> Bool {
        let text = String(decoding: bytes, as: UTF8.self)
        return text.unicodeScalars.contains { s in
            let v = s.value
            return (v < 0x20 && v != 0x0A && v != 0x09) || (0x7F...0x9F).contains(v)
        }
    }

    @Test("cells and headers with escape sequences, in every format and the accessible mode", arguments: [
        ["-c"], ["--format", "csv", "-c"], ["--format", "tsv", "-c"], ["--format", "json", "-c"],
        ["--format", "markdown", "-c"], ["--accessible", "-c"],
    ])
    func everyFormat(_ flags: [String]) throws {
        let sandbox = try Sandbox()
        try sandbox.write("hostile.csv", Self.csv)
        let run = try sandbox.run(flags + ["load \"hostile.csv\" as h\nh\nh | chart bar name `he\u{1B}[2Jad`"])
        #expect(run.termination == .exited(0), "\(run.stderr)")
        #expect(!Self.holdsControls(run.stdoutBytes), "\(run.stdout.debugDescription)")
        #expect(!Self.holdsControls(run.stderrBytes), "\(run.stderr.debugDescription)")
    }

    @Test("`check` shows a recorded output's escape sequences in its diff; `export` and `replay` show them too")
    func sessionCommands() throws {
        let sandbox = try Sandbox()
        try sandbox.write("hostile.cb", Self.session)
        let check = try sandbox.run(["check", "hostile.cb"])
        #expect(check.termination == .exited(1), "\(check.stdout)\(check.stderr)")
        #expect(check.stdout.contains("the output of this statement has changed"))
        #expect(check.stdout.contains("Slough^[[1A^[[2K^M^G"), "\(check.stdout.debugDescription)")
        #expect(!Self.holdsControls(check.stdoutBytes) && !Self.holdsControls(check.stderrBytes))
        for arguments in [["export", "hostile.cb"], ["replay", "hostile.cb"]] {
            let run = try sandbox.run(arguments)
            #expect(!Self.holdsControls(run.stdoutBytes), "\(arguments): \(run.stdout.debugDescription)")
            #expect(!Self.holdsControls(run.stderrBytes), "\(arguments): \(run.stderr.debugDescription)")
        }
    }

    @Test("at the prompt, on a terminal, a file's escape sequences are shown, not obeyed")
    func interactiveShell() throws {
        let sandbox = try Sandbox()
        try sandbox.write("hostile.csv", Self.csv)
        let shell = try sandbox.shell()
        try shell.expect(InteractiveShellText.prompt)
        try shell.run("load \"hostile.csv\" as h")
        // (ESC cannot be typed at the prompt: libedit takes it for a key.)
        for statement in ["h", "h | derive v = 1 | chart bar name v", "set accessible on", "h"] {
            let out = try shell.run(statement)
            if statement.hasPrefix("set") { continue }
            let after = out.components(separatedBy: "\n").dropFirst().joined(separator: "\n")
            #expect(!after.contains("\u{1B}[2J") && !after.contains("\u{1B}]0;") && !after.contains("\u{07}"), "\(after.debugDescription)")
            #expect(!after.contains("\u{9B}") && !after.contains("cr\rall"), "\(after.debugDescription)")
            #expect(after.contains("^[") , "\(after.debugDescription)")
        }
        shell.send(Key.ctrlD)
        #expect(try shell.waitForExit() == .exited(0))
    }
}
