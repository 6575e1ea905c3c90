// A query that runs long enough to be interrupted or killed in the middle:
// full sorts of a generated file, entered at the shell's prompt.

enum LongQuery {
    /// `big | sort value | sort id | … | take 1` with `pairs` pairs of sorts.
    static func text(pairs: Int) -> String {
        "big | " + (0..<pairs).map { _ in "sort value | sort id" }.joined(separator: " | ") + " | take 1"
    }

    /// Enters `statement` and returns once it is running rather than still
    /// being read: it is in the journal, and the process has used `ticks` of
    /// CPU time since (so Ctrl-C stops the query, not an input line).
    static func enter(_ statement: String, in shell: PseudoTerminal, _ sandbox: Sandbox, ticks: Int = 20) throws {
        shell.send(statement + Key.enter)
        let deadline = Deadline(seconds: 60)
        while !CrashSafetyTests.journalContains(sandbox, statement) {
            if deadline.passed { throw SandboxError("the statement never reached the journal") }
            shell.pump(milliseconds: 20)
        }
        let start = shell.cpuTicks
        while shell.cpuTicks < start + ticks {
            if deadline.passed || !shell.isRunning { throw SandboxError("the query never started") }
            shell.pump(milliseconds: 20)
        }
    }
}
