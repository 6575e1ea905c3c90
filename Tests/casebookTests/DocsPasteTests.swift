// The first multi-line example of docs/language.md — a comment, a dataset, and
// one stage per line, each line beginning (after its indent) with `|` — taken
// from the page itself, so the test follows the docs: it runs as one
// statement from a script file, from a pipe, and pasted at the prompt of a
// real pseudo-terminal with bracketed paste and without it.

import Testing

@Suite("The docs' one-stage-per-line example")
struct DocsPasteTests {
    /// The first ```casebook block of docs/language.md with a line that starts with `|` after its indent.
    static func example() throws -> String {
        let page = try #require(FileSystem.readText(Checkout.root + "/docs/language.md"))
        for block in page.components(separatedBy: "```casebook\n").dropFirst() {
            guard let body = block.components(separatedBy: "```").first else { continue }
            if body.split(separator: "\n").contains(where: { $0.drop(while: { $0 == " " }).hasPrefix("|") }) {
                return body
            }
        }
        throw SandboxError("docs/language.md has no example laid out one stage per line")
    }

    /// Reading's referrals from 2015, as the example selects them: one table, no error.
    static func checkOutput(_ output: String) {
        #expect(output.contains("year  referrals  referrals_rate\n"), "\(output)")
        #expect(output.contains("2015      1,673           465.1\n"), "\(output)")
        #expect(output.contains("2016      3,078           839.6\n"), "\(output)")
        #expect(output.components(separatedBy: "year  referrals  referrals_rate\n").count == 2, "the table once: \(output)")
        #expect(!output.contains("error"), "\(output)")
    }

    @Test("the example is laid out one stage per line, after a comment")
    func exampleShape() throws {
        let lines = try Self.example().split(separator: "\n")
        #expect(lines.first?.hasPrefix("#") == true)
        #expect(lines.filter { $0.hasPrefix("  |") }.count >= 3, "\(lines)")
    }

    @Test("from a script file and from a pipe it runs once, as one statement")
    func script() throws {
        let sandbox = try Sandbox()
        let example = try Self.example()
        try sandbox.write("example.cb", example)
        let file = try sandbox.run(["example.cb"])
        #expect(file.status == 0, "\(file.stderr)")
        Self.checkOutput(file.stdout)
        let piped = try sandbox.run([], stdin: example)
        #expect(piped.status == 0, "\(piped.stderr)")
        Self.checkOutput(piped.stdout)
        #expect(piped.stderr == "", "\(piped.stderr)")
    }

    @Test("pasted at the prompt with bracketed paste it runs once, is one history entry, and Up recalls it whole")
    func bracketedPaste() throws {
        let sandbox = try Sandbox()
        let shell = try sandbox.shell()
        try shell.expect(InteractiveShellText.prompt)
        // A terminal sends each line end of a paste as CR.
        let pasted = try Self.example().replacing("\n", with: "\r")
        shell.send("\u{1B}[200~" + pasted + "\u{1B}[201~")
        let output = try shell.expect("839.6\n")
        _ = try shell.expect(InteractiveShellText.prompt)
        Self.checkOutput(output)
        // Up brings the pasted statement back whole, on one line, and it runs again.
        shell.send(Key.up)
        try shell.expect(#"referrals | for "Reading" | where year >= 2015 | select year, referrals, referrals_rate"#)
        Self.checkOutput(try shell.run(""))
        shell.send(Key.ctrlD)
        #expect(try shell.waitForExit() == .exited(0))
        #expect(sandbox.historyLines()?.count == 2, "the paste and its rerun: \(sandbox.historyLines() ?? [])")
    }

    @Test("pasted at the prompt without bracketed paste (lines arriving at once) it runs once")
    func unmarkedPaste() throws {
        let sandbox = try Sandbox()
        let shell = try sandbox.shell()
        try shell.expect(InteractiveShellText.prompt)
        shell.send(try Self.example().replacing("\n", with: "\r"))
        let output = try shell.expect("839.6\n") + shell.expect(InteractiveShellText.prompt)
        Self.checkOutput(output)
        // Nothing else ran after it: the next prompt comes with no error before it.
        let after = try shell.run("authorities | count")
        #expect(after.contains("158"), "\(after)")
        #expect(!shell.screen.contains("error"), "\(shell.screen)")
    }
}
