// Saved sessions through the binary: saved from the shell or by `replay --save`,
// then `check` (match, a changed figure, --update), `replay` and `export`.

import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("Session commands")
struct SessionCommandTests {
    static let reading = "referrals | for \"Reading\" | where year between 2015 and 2016 | select year, referrals"
    static let readingOutput = "year  referrals\n────  ─────────\n2015      1,673\n2016      3,078\n"
    static let southEast = "authorities | where region = \"South East\" | take 2 | select la_name"
    static let southEastOutput = "la_name\n───────────────\nBuckinghamshire\nMilton Keynes\n"

    /// Runs both statements in the shell and `save session reading`; returns
    /// the file's path relative to work/. (sessions/ is made first: see
    /// `saveSessionMakesTheSessionsFolder`.)
    static func saveFromShell(_ sandbox: Sandbox) throws -> String {
        mkdir(sandbox.work + "/sessions", 0o755)
        let shell = try sandbox.shell()
        try shell.expect(InteractiveShellText.prompt)
        #expect(try shell.run(reading).contains(readingOutput))
        // On a terminal the header is padded to the column's width.
        #expect(try shell.run(southEast).contains("\nBuckinghamshire\nMilton Keynes\n"))
        let saved = try shell.run("save session reading")
        #expect(saved.contains("saved 2 statements to "), "\(saved)")
        shell.send(Key.ctrlD)
        #expect(try shell.waitForExit() == .exited(0))
        return "sessions/reading.cb"
    }

    /// The 1-based line of the file where `statement` starts.
    static func line(of statement: String, in text: String) -> Int? {
        text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0 == statement }.map { $0 + 1 }
    }

    @Test("a session saved in the shell records each statement with its output, and `check` passes")
    func savedSessionChecks() throws {
        let sandbox = try Sandbox()
        let file = try Self.saveFromShell(sandbox)
        let text = FileSystem.readText(sandbox.work + "/" + file) ?? ""
        #expect(text.contains("\n" + Self.reading + "\n#> year  referrals\n#> ────  ─────────\n#> 2015      1,673\n#> 2016      3,078\n"))
        #expect(text.contains("\n" + Self.southEast + "\n#> la_name\n"))
        #expect(!text.contains("save session"))
        let check = try sandbox.run(["check", file])
        #expect(check.status == 0)
        #expect(check.stdout == "\(file): 2 statements checked, all outputs match\n")
    }

    @Test("a changed figure makes `check` exit 1 with a diff under the statement's line number")
    func changedFigureFailsTheCheck() throws {
        let sandbox = try Sandbox()
        let file = try Self.saveFromShell(sandbox)
        let path = sandbox.work + "/" + file
        let original = FileSystem.readText(path) ?? ""
        try sandbox.write(path, original.replacing("#> 2016      3,078", with: "#> 2016      3,079"))
        let line = try #require(Self.line(of: Self.reading, in: original))

        let check = try sandbox.run(["check", file])
        #expect(check.status == 1)
        let report = check.stdout.split(separator: "\n").map(String.init)
        #expect(report.first == "\(file):\(line): the output of this statement has changed")
        #expect(report.contains("    - 2016      3,079"))
        #expect(report.contains("    + 2016      3,078"))
        #expect(!report.contains { $0.contains("la_name") }, "the unchanged statement is not reported")
        #expect(report.last?.hasPrefix("\(file): 1 statement of 2 differs ") == true)
    }

    @Test("`check --update` writes today's outputs back, and a second check passes")
    func updateRewritesTheFile() throws {
        let sandbox = try Sandbox()
        let file = try Self.saveFromShell(sandbox)
        let path = sandbox.work + "/" + file
        let original = FileSystem.readText(path) ?? ""
        try sandbox.write(path, original.replacing("#> 2016      3,078", with: "#> 2016      3,079"))

        let update = try sandbox.run(["check", "--update", file])
        #expect(update.status == 0)
        #expect(update.stdout == "\(file): updated the outputs of 1 statement\n")
        #expect(FileSystem.readText(path) == original)
        let again = try sandbox.run(["check", file])
        #expect(again.status == 0)
        #expect(again.stdout == "\(file): 2 statements checked, all outputs match\n")
    }

    @Test("a session with no statements fails `check`: empty, comments only, or with --update", arguments: [
        "", "# Reading, 2016\n#\n# (the statements were lost)\n", "\n\n",
    ])
    func nothingToCheck(_ text: String) throws {
        let sandbox = try Sandbox()
        try sandbox.write(sandbox.work + "/empty.cb", text)
        for arguments in [["check", "empty.cb"], ["check", "--update", "empty.cb"]] {
            let check = try sandbox.run(arguments)
            #expect(check.status == 1)
            #expect(check.stdout == "")
            #expect(check.stderr == "empty.cb: no statements to check\n")
        }
        #expect(FileSystem.readText(sandbox.work + "/empty.cb") == text)
    }

    /// What `replay` prints for the two statements: each after the shell's prompt, then its output.
    static let replayed =
        "casebook> " + reading + "\n" + readingOutput + "\ncasebook> " + southEast + "\n" + southEastOutput

    @Test("`replay` prints every statement, after the shell's prompt, above its output")
    func replayPrintsOutputs() throws {
        let sandbox = try Sandbox()
        let file = try Self.saveFromShell(sandbox)
        let replay = try sandbox.run(["replay", file])
        #expect(replay.status == 0)
        #expect(replay.stdout == Self.replayed)
        #expect(replay.stderr == "")
    }

    @Test("`replay` shows a statement laid out over several lines with continuation prompts, and a failing one above its error")
    func replayShowsMultiLineStatements() throws {
        let sandbox = try Sandbox()
        try sandbox.write(
            "layout.cb",
            "# Reading, one stage per line\nreferrals\n  | for \"Reading\"\n  | where year = 2016\n  | select referrals\nauthorities | count\nreferals | count\n")
        let replay = try sandbox.run(["replay", "--keep-going", "layout.cb"])
        #expect(replay.status == 1)
        #expect(
            replay.stdout.hasPrefix(
                "casebook> referrals\n     ...>   | for \"Reading\"\n     ...>   | where year = 2016\n     ...>   | select referrals\n"
                    + "referrals\n─────────\n    3,078\n\ncasebook> authorities | count\n"), "\(replay.stdout)")
        #expect(replay.stdout.hasSuffix("\ncasebook> referals | count\n"), "\(replay.stdout)")
        #expect(!replay.stdout.contains("# Reading"), "comments are not statements: \(replay.stdout)")
        #expect(replay.stderr.contains("referals"), "\(replay.stderr)")
    }

    @Test("`export` prints Markdown: statements as code blocks and results as tables")
    func exportPrintsMarkdown() throws {
        let sandbox = try Sandbox()
        let file = try Self.saveFromShell(sandbox)
        let export = try sandbox.run(["export", file])
        #expect(export.status == 0)
        let markdown = export.stdout
        #expect(markdown.contains("```\n" + Self.reading + "\n```\n"))
        #expect(markdown.contains("| year | referrals |\n| ---: | ---: |\n| 2015 | 1,673 |\n| 2016 | 3,078 |\n"))
        #expect(markdown.contains("| la_name |\n| --- |\n| Buckinghamshire |\n| Milton Keynes |\n"))
        #expect(!markdown.contains("#>"))
        // Each table refers to its source by number; the citation in full is at the end.
        #expect(markdown.contains("\nSource: Referrals and re-referrals to children's social care[^1]\n"), "\(markdown)")
        #expect(markdown.contains("\n[^1]: Source: Department for Education, Referrals and re-referrals"), "\(markdown)")
    }

    @Test("`export` of a shipped session cites each source in full once, however many tables use it")
    func exportCitesEachSourceOnce() throws {
        let sandbox = try Sandbox()
        let export = try sandbox.run(["export", Checkout.root + "/sessions/reading-2016.cb"])
        #expect(export.status == 0, "\(export.stderr)")
        let markdown = export.stdout
        let full = markdown.split(separator: "\n").filter { $0.contains("Source: Department for Education") }
        #expect(full.count == Set(full).count, "a citation repeated: \(full)")
        // Every footnote referred to is defined once, and every one defined is referred to.
        for k in 1...full.count {
            #expect(markdown.components(separatedBy: "\n[^\(k)]: ").count == 2, "footnote \(k)")
            #expect(markdown.components(separatedBy: "[^\(k)]").count > 2, "footnote \(k) is referred to")
        }
        #expect(!markdown.contains("\n> Source:"), "no source block under a table")
    }

    @Test("`replay SCRIPT --save NAME` makes sessions/NAME.cb (and the folder), which then checks")
    func replaySaveWritesASession() throws {
        let sandbox = try Sandbox()
        try sandbox.write("analysis.cb", Self.reading + "\n" + Self.southEast + "\n")
        let replay = try sandbox.run(["replay", "analysis.cb", "--save", "fromscript"])
        #expect(replay.status == 0, "\(replay.stderr)")
        #expect(replay.stdout == Self.replayed)
        #expect(replay.stderr == "casebook: saved 2 statements to sessions/fromscript.cb\n")
        let check = try sandbox.run(["check", "sessions/fromscript.cb"])
        #expect(check.status == 0)
        #expect(check.stdout == "sessions/fromscript.cb: 2 statements checked, all outputs match\n")
    }

    @Test("`save session reading-2016` takes the name as written; saving over it needs `replace`, which keeps every comment")
    func saveSessionNamesAndReplace() throws {
        let sandbox = try Sandbox()
        let shell = try sandbox.shell()
        try shell.expect(InteractiveShellText.prompt)
        try shell.run(Self.reading)
        let saved = try shell.run("save session reading-2016")
        #expect(saved.contains("saved 1 statement to "), "\(saved)")
        let path = sandbox.work + "/sessions/reading-2016.cb"
        let first = try #require(FileSystem.readText(path))
        // Comments written by hand, above the statement and at the top, and one
        // above a statement that the next save will not hold.
        let edited = "# Reading's referrals\n#\n# Written by hand.\n\n# The 84% rise\n" + first.split(separator: "\n", omittingEmptySubsequences: false)
            .drop(while: { $0.hasPrefix("#") || $0.isEmpty }).joined(separator: "\n")
            + "\n# The authorities, for scale\nauthorities | count\n"
        _ = try sandbox.write("sessions/reading-2016.cb", edited)

        let refused = try shell.run("save session reading-2016")
        #expect(refused.contains("already exists"), "\(refused)")
        #expect(refused.contains("save session reading-2016 replace"), "\(refused)")
        #expect(FileSystem.readText(path) == edited, "the file is left as it was")

        try shell.run(Self.southEast)
        let replaced = try shell.run("save session reading-2016 replace")
        #expect(replaced.contains("saved 2 statements"), "\(replaced)")
        let text = try #require(FileSystem.readText(path))
        #expect(text.hasPrefix("# Reading's referrals\n#\n# Written by hand.\n"), "\(text)")
        #expect(text.contains("# The 84% rise\n" + Self.reading + "\n#> "), "\(text)")
        #expect(text.contains("# The authorities, for scale"), "a comment whose statement is gone is kept: \(text)")
        let check = try sandbox.run(["check", "sessions/reading-2016.cb"])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
    }

    @Test("`save session NAME` in a folder without sessions/ makes it")
    func saveSessionMakesTheSessionsFolder() throws {
        let sandbox = try Sandbox()
        let shell = try sandbox.shell()
        try shell.expect(InteractiveShellText.prompt)
        try shell.run(Self.reading)
        let saved = try shell.run("save session first")
        #expect(!saved.contains("error"), "\(saved)")
        #expect(FileSystem.exists(sandbox.work + "/sessions/first.cb"))
    }

    /// A session whose last statement runs for seconds: eight full sorts of a
    /// million rows, after a quick one that prints and writes first.csv.
    static func longSession(_ sandbox: Sandbox) throws -> String {
        try CrashSafetyTests.writeBigCSV(sandbox.work + "/big.csv", rows: 1_000_000)
        let long = "big | " + (0..<8).map { _ in "sort value | sort id" }.joined(separator: " | ") + " | take 1"
        try sandbox.write(
            "long.cb",
            "load \"big.csv\" as big\nauthorities | take 1 | select la_name | write \"first.csv\"\n" + long + "\n")
        return "long.cb"
    }

    @Test(
        "Ctrl-C during a long statement of `replay` or `check` stops it: exit 1, one line saying so, earlier output kept",
        arguments: ["replay", "check"])
    func ctrlCStopsAReplayOrCheck(_ command: String) throws {
        let sandbox = try Sandbox()
        let file = try Self.longSession(sandbox)
        let run = try sandbox.start([command, file])
        // The quick statement has run: replay prints its output. Check prints
        // nothing until the end and writes no file (its `write` is refused), so
        // the sign is CPU time past start-up and the load of big.csv.
        if command == "replay" { try run.waitForStdout("City of London\n") }
        // And the long one is under way: the process has used CPU time since.
        let ticks = run.cpuTicks
        let deadline = Deadline(seconds: 60)
        while run.cpuTicks < ticks + (command == "replay" ? 20 : 150) {
            try #require(!deadline.passed && run.isRunning, "the long statement never started")
            usleep(20_000)
        }
        run.signal(SIGINT)
        let result = try run.finish()
        #expect(result.termination == .exited(1))
        if command == "replay" {
            #expect(result.stderr == "cancelled\ncasebook: replay stopped at Ctrl-C\n")
            // The long statement is shown before it runs; it printed nothing before Ctrl-C.
            let long = "big | " + (0..<8).map { _ in "sort value | sort id" }.joined(separator: " | ") + " | take 1"
            #expect(
                result.stdout
                    == "casebook> load \"big.csv\" as big\n\ncasebook> authorities | take 1 | select la_name | write \"first.csv\"\n"
                    + "la_name\n──────────────\nCity of London\nnote: wrote 1 row to first.csv\n\ncasebook> " + long + "\n")
        } else {
            #expect(result.stderr == "casebook: check stopped at Ctrl-C\n")
            #expect(result.stdout == "", "no report for a check that did not finish")
        }
    }
}
