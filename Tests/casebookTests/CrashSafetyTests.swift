// What survives a shell killed with SIGKILL (history, journal, the notice and
// its recovery command), two shells sharing one history, and Ctrl-C on a long query.

import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("Crash safety")
struct CrashSafetyTests {
    /// Typed in order; the last one over two lines.
    static let typed = [
        ["referrals | for \"Reading\" | where year = 2016 | select referrals"],
        ["authorities | take 1 | select la_name"],
        ["referrals | for \"Leeds\" |", "where year = 2015 | select year"],
    ]
    static var statements: [String] { typed.map { $0.joined(separator: "\n") } }

    /// Starts a shell, enters every statement (waiting for each result), then
    /// kills it with SIGKILL. Returns the process id it had.
    static func crashAfterTyping(_ sandbox: Sandbox) throws -> pid_t {
        let shell = try sandbox.shell()
        try shell.expect(InteractiveShellText.prompt)
        for lines in typed {
            for line in lines.dropLast() {
                shell.send(line + Key.enter)
                try shell.expect("\n" + InteractiveShellText.continuation)
            }
            let output = try shell.run(lines.last!)
            #expect(!output.contains("error"), "\(output)")
        }
        shell.kill(SIGKILL)
        #expect(try shell.waitForExit() == .signalled(SIGKILL))
        return shell.pid
    }

    @Test("after SIGKILL every entered statement is in the history file and in the journal")
    func killedShellLosesNothing() throws {
        let sandbox = try Sandbox()
        let pid = try Self.crashAfterTyping(sandbox)
        #expect(sandbox.historyLines() == Self.statements.map { $0.replacing("\n", with: "\\n") })
        let journals = FileSystem.list(sandbox.journalFolder)
        try #require(journals.count == 1, "\(journals)")
        #expect(journals[0].hasPrefix("session-") && journals[0].hasSuffix("-\(pid).cb"))
        let journal = FileSystem.readText(sandbox.journalFolder + "/" + journals[0]) ?? ""
        for statement in Self.statements {
            #expect(journal.contains("\n" + statement + "\n"), "\(statement) in the journal")
        }
    }

    @Test("the next start mentions the unfinished session once, with a replay hint that recovers it")
    func unfinishedSessionIsMentionedOnceAndRecoverable() throws {
        let sandbox = try Sandbox()
        _ = try Self.crashAfterTyping(sandbox)

        let second = try sandbox.shell()
        try second.expect("casebook: a session ended without quitting; its 3 statements are in ")
        let path = String(try second.expect("\n").dropLast())
        #expect(path.hasPrefix(sandbox.journalFolder + "/"))
        try second.expect("  recover it as a session file: casebook replay \(path) --save NAME\n")
        try second.expect(InteractiveShellText.prompt)
        second.send(Key.ctrlD)
        #expect(try second.waitForExit() == .exited(0))
        #expect(second.screen.occurrences(of: "ended without quitting") == 1)

        let third = try sandbox.shell()
        try third.expect(InteractiveShellText.prompt)
        third.send(Key.ctrlD)
        #expect(try third.waitForExit() == .exited(0))
        #expect(!third.screen.contains("ended without quitting"), "\(third.screen)")

        // The hint, as printed, with a name for NAME (and no sessions/ folder yet).
        let replay = try sandbox.run(["replay", path, "--save", "recovered"])
        #expect(replay.status == 0, "\(replay.stderr)")
        #expect(replay.stderr == "casebook: saved 3 statements to sessions/recovered.cb\n")
        #expect(replay.stdout.contains("    3,078\n"))
        let saved = FileSystem.readText(sandbox.work + "/sessions/recovered.cb") ?? ""
        for statement in Self.statements {
            #expect(saved.contains("\n" + statement + "\n#> "), "\(statement) saved with its output")
        }
        #expect(saved.contains("\n#>     3,078\n"))
        let check = try sandbox.run(["check", "sessions/recovered.cb"])
        #expect(check.status == 0)
        #expect(check.stdout == "sessions/recovered.cb: 3 statements checked, all outputs match\n")
    }

    @Test("two shells at once on one state folder: every statement of both is in the history, each intact")
    func twoShellsShareTheHistory() throws {
        let sandbox = try Sandbox()
        let a = try sandbox.shell()
        let b = try sandbox.shell()
        try a.expect(InteractiveShellText.prompt)
        try b.expect(InteractiveShellText.prompt)
        var entered: [String] = []
        for round in 1...4 {
            for (shell, name) in [(a, "A"), (b, "B")] {
                let statement = "referrals | for \"Reading\" | where year = \(2012 + round) | select year, label = \"\(name)\(round)\""
                let output = try shell.run(statement)
                #expect(output.contains("\(name)\(round)\n"), "\(output)")
                entered.append(statement)
            }
        }
        a.send(Key.ctrlD)
        b.send(Key.ctrlD)
        #expect(try a.waitForExit() == .exited(0))
        #expect(try b.waitForExit() == .exited(0))
        #expect(sandbox.historyLines() == entered)
        #expect(FileSystem.list(sandbox.journalFolder) == [], "both journals removed at a clean exit")
    }

    @Test("Ctrl-C during a long query returns to the prompt and the shell stays usable")
    func ctrlCStopsALongQuery() throws {
        let sandbox = try Sandbox()
        try Self.writeBigCSV(sandbox.work + "/big.csv", rows: 3_000_000)
        let shell = try sandbox.shell()
        try shell.expect(InteractiveShellText.prompt)
        try shell.run("load \"big.csv\" as big", timeout: 120)
        // Eight full sorts of three million rows: long enough that it is surely
        // still running when Ctrl-C comes; the engine checks for it between stages.
        try LongQuery.enter(LongQuery.text(pairs: 4), in: shell, sandbox)
        shell.send(Key.ctrlC)
        let stopped = try shell.expect("\n" + InteractiveShellText.prompt, timeout: 120)
        #expect(stopped.contains("cancelled"), "\(stopped)")
        #expect(!stopped.contains("2999999"), "the query was stopped before its result")
        #expect(shell.isRunning)
        let output = try shell.run("big | where id = 12 | select id, group")
        #expect(output.contains("id  group\n──  ─────\n12  g12\n"), "\(output)")
        shell.send(Key.ctrlD)
        #expect(try shell.waitForExit(timeout: 60) == .exited(0))
    }

    /// Round `round`'s statements: a small one, and every column of a dataset
    /// (a larger output, so the save has more to write). Each round's are its own.
    static func savedStatements(_ round: Int) -> [String] {
        [
            "referrals | for \"Reading\" | where year = \(2013 + round % 5) | select year, referrals, label = \"round\(round)\"",
            "referrals | derive round = \(round)",
        ]
    }

    @Test("SIGKILL during `save session`: the file is the old session or the new one, whole, and checks; the history keeps every statement")
    func killedWhileSaving() throws {
        let sandbox = try Sandbox()
        let file = "sessions/kept.cb"
        let path = sandbox.work + "/" + file
        let save = "save session kept replace"
        var entered: [String] = []

        // A first save, left cleanly.
        let first = try sandbox.shell()
        try first.expect(InteractiveShellText.prompt)
        for statement in Self.savedStatements(0) {
            #expect(!(try first.run(statement)).contains("error"))
            entered.append(statement)
        }
        // How long a save takes here, from Enter to its message: the kills below
        // are spread over that time (and a little past it).
        let started = Deadline.now()
        #expect(try first.run(save).contains("saved 2 statements to \(path)"))
        let saveTime = min(max(Deadline.now() - started, 0.001), 0.2)
        first.send(Key.ctrlD)
        #expect(try first.waitForExit() == .exited(0))
        var previous = try #require(FileSystem.readText(path))

        for round in 1...15 {
            let shell = try sandbox.shell()
            try shell.expect(InteractiveShellText.prompt)
            let statements = Self.savedStatements(round)
            for statement in statements {
                #expect(!(try shell.run(statement)).contains("error"))
                entered.append(statement)
            }
            shell.send(save + Key.enter)
            // Somewhere from before the line is read to after the file is renamed:
            // round by round from no wait to a little longer than a save takes.
            usleep(useconds_t(saveTime * 1e6 * Double((round * 7) % 15) / 12))
            shell.kill(SIGKILL)
            #expect(try shell.waitForExit() == .signalled(SIGKILL))

            let text = try #require(FileSystem.readText(path), "round \(round): \(file) is gone")
            let isNew = statements.allSatisfy { text.contains("\n" + $0 + "\n#> ") }
            #expect(text == previous || isNew, "round \(round): neither the old session nor the new")
            let check = try sandbox.run(["check", file])
            #expect(check.status == 0, "round \(round): \(check.stdout)\(check.stderr)")
            #expect(check.stdout == "\(file): 2 statements checked, all outputs match\n")
            previous = text

            let history = sandbox.historyLines() ?? []
            #expect(history.filter { $0 != save } == entered, "round \(round): every statement in the history, whole")
        }

        // A save killed half-way may leave its temporary file beside the
        // session (NAME.cb.tmp-PID); nothing else, and a later save still works
        // and removes them.
        for name in FileSystem.list(sandbox.work + "/sessions") where name != "kept.cb" {
            #expect(name.hasPrefix("kept.cb.tmp-") && name.dropFirst(12).allSatisfy(\.isNumber), "\(name)")
        }
        let last = try sandbox.shell()
        try last.expect(InteractiveShellText.prompt)
        try last.run(Self.savedStatements(16)[0])
        #expect(try last.run(save).contains("saved 1 statement to \(path)"))
        last.send(Key.ctrlD)
        #expect(try last.waitForExit() == .exited(0))
        let check = try sandbox.run(["check", file])
        #expect(check.stdout == "\(file): 1 statement checked, all outputs match\n")
        // That save cleared what the killed ones left.
        #expect(FileSystem.list(sandbox.work + "/sessions") == ["kept.cb"])
    }

    static func journalContains(_ sandbox: Sandbox, _ statement: String) -> Bool {
        FileSystem.list(sandbox.journalFolder).contains { name in
            FileSystem.readText(sandbox.journalFolder + "/" + name)?.contains(statement) ?? false
        }
    }

    /// `id,group,value` with ids 0..<rows, 97 groups and scrambled values.
    static func writeBigCSV(_ path: String, rows: Int) throws {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(rows * 22)
        bytes += Array("id,group,value\n".utf8)
        var digits = [UInt8](repeating: 0, count: 20)
        func append(_ n: Int) {
            var n = n
            var count = 0
            repeat {
                digits[count] = UInt8(48 + n % 10)
                n /= 10
                count += 1
            } while n > 0
            while count > 0 {
                count -= 1
                bytes.append(digits[count])
            }
        }
        for i in 0..<rows {
            append(i)
            bytes.append(UInt8(ascii: ","))
            bytes.append(UInt8(ascii: "g"))
            append(i % 97)
            bytes.append(UInt8(ascii: ","))
            append((i &* 7919) % 1_000_003)
            bytes.append(UInt8(ascii: "\n"))
        }
        try FileSystem.write(path, bytes)
    }
}

extension String {
    /// How many times `part` occurs.
    func occurrences(of part: String) -> Int {
        split(separator: part, omittingEmptySubsequences: false).count - 1
    }
}
