// The history file: written as each statement is entered (mode 0600), recalled with
// Up and Ctrl-R after a restart, off with --no-history, kept in part when damaged.

import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("Shell history")
struct ShellHistoryTests {
    static let reading = "referrals | for \"Reading\" | where year = 2016 | select referrals"
    static let readingOutput = "referrals\n─────────\n    3,078\n"
    static let cityOfLondon = "authorities | take 1 | select la_name"

    @Test("an entered statement is in the history file at once, mode 0600, and Up recalls it after a restart")
    func historyIsWrittenAtOnceAndRecalled() throws {
        let sandbox = try Sandbox()
        do {
            let shell = try sandbox.shell()
            try shell.expect(InteractiveShellText.prompt)
            try shell.run(Self.reading)
            // Still running: the entry is already on disk.
            #expect(shell.isRunning)
            #expect(sandbox.historyLines() == [Self.reading])
            #expect(FileSystem.permissions(sandbox.historyPath) == 0o600)
            shell.send(Key.ctrlD)
            #expect(try shell.waitForExit() == .exited(0))
        }
        let again = try sandbox.shell()
        try again.expect(InteractiveShellText.prompt)
        again.send(Key.up)
        try again.expect("where year = 2016 | select referrals")
        let output = try again.run("")
        #expect(output.contains(Self.readingOutput), "\(output)")
    }

    @Test("Ctrl-R searches the history of an earlier run")
    func ctrlRSearchesHistory() throws {
        let sandbox = try Sandbox()
        _ = mkdir(sandbox.state + "/casebook", 0o700)
        try sandbox.write(sandbox.historyPath, "# casebook history v1\n\(Self.cityOfLondon)\n\(Self.reading)\ndatasets\n")
        let shell = try sandbox.shell()
        try shell.expect(InteractiveShellText.prompt)
        shell.send(Key.ctrlR)
        shell.send("Readi")
        try shell.expect("Readi")
        let output = try shell.run("")
        #expect(output.contains(Self.readingOutput), "\(output)")
    }

    @Test("--no-history writes no history file")
    func noHistoryWritesNoFile() throws {
        let sandbox = try Sandbox()
        let shell = try sandbox.shell(["--no-history"])
        try shell.expect(InteractiveShellText.prompt)
        let output = try shell.run(Self.reading)
        #expect(output.contains(Self.readingOutput))
        shell.send(Key.ctrlD)
        #expect(try shell.waitForExit() == .exited(0))
        #expect(!FileSystem.exists(sandbox.historyPath))
    }

    @Test("a damaged history file is reported at start and its good entries are still recalled")
    func damagedHistoryKeepsGoodEntries() throws {
        let sandbox = try Sandbox()
        _ = mkdir(sandbox.state + "/casebook", 0o700)
        var bytes = Array("# casebook history v1\ndatasets\n".utf8)
        bytes += [0xFF, 0xFE, 0x00, 0x41, 0x9F, 0x0A]  // binary garbage: invalid UTF-8 and a NUL
        bytes += Array("\(Self.cityOfLondon)\n".utf8)
        bytes += Array("torn write\\".utf8) + [0x0A]  // ends inside an escape
        try FileSystem.write(sandbox.historyPath, bytes)

        let shell = try sandbox.shell()
        try shell.expect(
            "casebook: 2 damaged lines in \(sandbox.historyPath) skipped; the other 2 entries are kept\n")
        try shell.expect(InteractiveShellText.prompt)
        shell.send(Key.up)
        try shell.expect("select la_name")
        let output = try shell.run("")
        #expect(output.contains("\nCity of London\n"), "\(output)")
        shell.send(Key.up + Key.up)
        try shell.expect("datasets")
        let listing = try shell.run("")
        #expect(listing.contains("\nreferrals "), "\(listing)")
    }

    @Test("the damage report agrees in number with a single kept entry")
    func damagedHistoryWithOneEntry() throws {
        let sandbox = try Sandbox()
        _ = mkdir(sandbox.state + "/casebook", 0o700)
        try FileSystem.write(sandbox.historyPath, Array("datasets\n".utf8) + [0xC3, 0x28, 0x0A])
        let shell = try sandbox.shell()
        try shell.expect("casebook: 1 damaged line in \(sandbox.historyPath) skipped; the other 1 entry is kept\n")
        try shell.expect(InteractiveShellText.prompt)
    }
}
