// Statements that would take more than there is: a join that multiplies rows
// beyond `set limit`, a file larger than the memory a load may use, an
// expression nested past the parser's limit. Each stops with a message at its
// place; the shell stays usable and a script exits 1, never by a signal.

import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("Resources")
struct ResourceTests {
    static let reading = "authorities | where la_code = 870 | select la_name"

    @Test("a join beyond the row limit stops with a message, and the shell answers the next statement")
    func joinBeyondTheLimitInTheShell() throws {
        let sandbox = try Sandbox()
        let shell = try sandbox.shell()
        try shell.expect(InteractiveShellText.prompt)
        _ = try shell.run("set limit 1000")
        let join = try shell.run("referrals | join referrals on la_code")
        #expect(join.contains("error: this join would make more than 1,000 rows"), "\(join)")
        #expect(join.contains("referrals | join referrals on la_code"))
        #expect(join.contains("^^^^"))
        #expect(try shell.run(Self.reading).contains("Reading"))
        // A join that multiplies rows many times over stops just as soon.
        let bigger = try shell.run("referrals | join (referrals | join referrals on region) on region")
        #expect(bigger.contains("error: this join would make more than 1,000 rows"), "\(bigger)")
        _ = try shell.run("set limit 50000000")
        #expect(try shell.run("referrals | join authorities on la_code | count").contains("count"))
        shell.send(Key.ctrlD)
        #expect(try shell.waitForExit() == .exited(0))
    }

    @Test("a join beyond the row limit in a script: exit 1 at its line and column")
    func joinBeyondTheLimitInAScript() throws {
        let sandbox = try Sandbox()
        try sandbox.write("join.cb", "set limit 500\nauthorities | take 1 | select la_code\nreferrals | join left referrals on la_code\n")
        let result = try sandbox.run(["join.cb"])
        #expect(result.termination == .exited(1))
        #expect(result.stderr.hasPrefix("join.cb:3:13: error: this join would make more than 500 rows"), "\(result.stderr)")
        #expect(result.stdout.contains("la_code"))
    }

    /// A sparse file much larger than the memory there is (it takes no disk),
    /// or nil when the file system will not make one.
    static func hugeFile(_ sandbox: Sandbox) -> String? {
        let path = sandbox.work + "/huge.csv"
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        let header = Array("la_code,value\n".utf8)
        _ = header.withUnsafeBytes { write(fd, $0.baseAddress!, $0.count) }
        var total = 0
        if let text = FileSystem.readText("/proc/meminfo"),
            let line = text.split(separator: "\n").first(where: { $0.hasPrefix("MemTotal:") }),
            let kb = Int(line.filter(\.isNumber))
        {
            total = kb * 1024
        }
        let size = max(total * 2, 64 << 30)
        guard ftruncate(fd, off_t(size)) == 0 else { return nil }
        return path
    }

    @Test("a file larger than the memory a load may use gets a clear refusal; the shell goes on")
    func tooLargeFile() throws {
        let sandbox = try Sandbox()
        guard let path = Self.hugeFile(sandbox) else {
            // No sparse files here: nothing to simulate the file with.
            return
        }
        defer { unlink(path) }
        // Without a cache folder to stream it into, its columns would be held in memory.
        let noCache = ["CASEBOOK_CACHE": "/proc/casebook-cannot-be-made"]
        let script = try sandbox.run(["-c", "load \"huge.csv\""], environment: noCache)
        #expect(script.termination == .exited(1))
        #expect(script.stderr.contains("huge.csv is "), "\(script.stderr)")
        #expect(script.stderr.contains("more than the "))
        #expect(script.stderr.contains("of memory a load may use"))
        #expect(script.stderr.contains("<command>:1:6: error:"), "\(script.stderr)")

        let shell = try sandbox.shell(environment: noCache)
        try shell.expect(InteractiveShellText.prompt)
        let refused = try shell.run("load \"huge.csv\"")
        #expect(refused.contains("of memory a load may use"), "\(refused)")
        #expect(try shell.run(Self.reading).contains("Reading"))
        shell.send(Key.ctrlD)
        #expect(try shell.waitForExit() == .exited(0))
    }

    @Test("streamed into the cache, a file larger than memory that is one endless line is refused once the line passes 256 MB")
    func endlessLine() throws {
        let sandbox = try Sandbox()
        guard let path = Self.hugeFile(sandbox) else { return }
        defer { unlink(path) }
        let script = try sandbox.run(["-c", "load \"huge.csv\""])
        #expect(script.termination == .exited(1))
        #expect(script.stderr.contains("of memory a load may use"), "\(script.stderr)")
    }

    @Test("expressions past the nesting limit are refused in the shell, which goes on", arguments: [
        String(repeating: "(", count: 400) + "1" + String(repeating: ")", count: 400),
        "1" + String(repeating: " + 1", count: 5000),
        String(repeating: "not ", count: 400) + "true",
    ])
    func deepExpressionsInTheShell(_ expression: String) throws {
        let sandbox = try Sandbox()
        let shell = try sandbox.shell()
        try shell.expect(InteractiveShellText.prompt)
        let refused = try shell.run("authorities | derive x = \(expression) | take 1", timeout: 60)
        #expect(refused.contains("error: this expression is"), "\(refused.suffix(400))")
        #expect(try shell.run(Self.reading).contains("Reading"))
        shell.send(Key.ctrlD)
        #expect(try shell.waitForExit() == .exited(0))
    }

    @Test("SIGKILL while a long query runs: the statement is kept, and the next start offers it back")
    func killedDuringAQuery() throws {
        let sandbox = try Sandbox()
        try CrashSafetyTests.writeBigCSV(sandbox.work + "/big.csv", rows: 1_000_000)
        let shell = try sandbox.shell()
        try shell.expect(InteractiveShellText.prompt)
        try shell.run("load \"big.csv\" as big", timeout: 120)
        let long = LongQuery.text(pairs: 8)
        let prompts = shell.screen.occurrences(of: InteractiveShellText.prompt)
        try LongQuery.enter(long, in: shell, sandbox, ticks: 10)
        // Still running: no prompt has come back since the statement was entered.
        #expect(shell.screen.occurrences(of: InteractiveShellText.prompt) == prompts)
        shell.kill(SIGKILL)
        #expect(try shell.waitForExit() == .signalled(SIGKILL))
        #expect(sandbox.historyLines()?.contains(long) == true)
        #expect(CrashSafetyTests.journalContains(sandbox, long))

        let next = try sandbox.shell()
        try next.expect("casebook: a session ended without quitting; its 2 statements are in ")
        try next.expect(InteractiveShellText.prompt)
        #expect(try next.run(Self.reading).contains("Reading"))
        next.send(Key.ctrlD)
        #expect(try next.waitForExit() == .exited(0))
    }

    @Test("a 100 KB line of bad input in a script fails at its column, with a short excerpt")
    func longLine() throws {
        let sandbox = try Sandbox()
        try sandbox.write("long.cb", "authorities | where la_name = \"" + String(repeating: "x", count: 100_000) + "\" | select nope\n")
        // COLUMNS: the width a pipe's output is fitted to (the excerpt is cut to a window of it).
        let result = try sandbox.run(["long.cb"], environment: ["COLUMNS": "100"])
        #expect(result.termination == .exited(1))
        #expect(result.stderr.hasPrefix("long.cb:1:100043: error: no column named `nope`"), "\(result.stderr.prefix(300))")
        #expect(result.stderr.utf8.count < 1000, "\(result.stderr.prefix(1200))")
    }
}
