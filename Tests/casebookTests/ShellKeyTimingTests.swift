// Keys pressed the instant the shell is ready must not be lost: Ctrl-C right
// after a key is echoed, and Ctrl-D right after the prompt appears.

import Testing

@Suite("Shell key timing")
struct ShellKeyTimingTests {
    // Both were lost now and then (more often on a busy machine): Ctrl-C when it
    // came while libedit was between two reads, Ctrl-D when it came before
    // libedit had left cooked mode (the prompt was drawn first). Repeating makes
    // a regression show; the fixed shell passes every time.

    @Test("Ctrl-C just after a key is echoed always clears the line")
    func ctrlCRightAfterAKey() throws {
        let sandbox = try Sandbox()
        let shell = try sandbox.shell(["--no-history"])
        try shell.expect(InteractiveShellText.prompt)
        for round in 1...25 {
            shell.send("referrals | whe\(round)")
            try shell.expect("whe\(round)", timeout: 10)
            shell.send(Key.ctrlC)
            try shell.expect("\n" + InteractiveShellText.prompt, timeout: 10)
        }
        let output = try shell.run("authorities | take 1 | select la_name")
        #expect(output.contains("\nCity of London\n"))
        #expect(!output.contains("error"), "\(output)")
    }

    @Test("Ctrl-D sent the moment the prompt appears always leaves with status 0")
    func ctrlDRightAfterThePrompt() throws {
        let sandbox = try Sandbox()
        for _ in 1...15 {
            let shell = try sandbox.shell(["--no-history"])
            try shell.expect(InteractiveShellText.prompt)
            try shell.run("authorities | take 1 | select la_name")
            shell.send(Key.ctrlD)
            #expect(try shell.waitForExit(timeout: 10) == .exited(0))
        }
    }
}
