// Safe without --safe where it matters (docs/reliability.md, "Sessions from
// someone else"): `check` and `export` never write, `replay` writes only inside
// the session's folder unless --allow-writes, folders are compared as bytes
// after links are resolved, and a session read from a device or a pipe takes
// the current folder as its own.

import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("Safe by default")
struct SafeByDefaultTests {
    /// A session that tries to write to the home folder's .bashrc and elsewhere.
    static let hostile = """
        output "~/.bashrc"
        authorities | where la_code = 870 | select la_name
        output off
        authorities | take 1 | select la_name | write "~/.profile"
        authorities | take 2 | chart bar la_name la_code to "../chart.svg"
        save session "../saved.cb"

        """

    @Test("`check` and `export` write nothing, even files inside the session's folder", arguments: ["check", "export"])
    func checkAndExportNeverWrite(_ command: String) throws {
        let sandbox = try Sandbox()
        mkdir(sandbox.work + "/s", 0o755)
        try sandbox.write("s/session.cb", Self.hostile + "authorities | take 1 | write \"inside.csv\"\n")
        let before = SafeModeTests.files(sandbox.root)
        let run = try sandbox.run([command, "s/session.cb"])
        #expect(run.status == 1, "\(run.stdout)\(run.stderr)")
        #expect(!run.stdout.contains("all outputs match"))
        #expect((run.stdout + run.stderr).contains("`casebook \(command)` does not write files"), "\(run.stdout)\(run.stderr)")
        #expect(SafeModeTests.files(sandbox.root) == before, "\(SafeModeTests.files(sandbox.root))")
        #expect(!FileSystem.exists(sandbox.home + "/.bashrc"))
    }

    @Test("`replay` writes inside the session's folder, refuses outside it and through a link out of it; --allow-writes lifts that")
    func replayWritesInsideItsFolder() throws {
        let sandbox = try Sandbox()
        mkdir(sandbox.work + "/s", 0o755)
        symlink(sandbox.home, sandbox.work + "/s/out")
        try sandbox.write("s/inside.cb", "authorities | take 1 | write \"inside.csv\"\n")
        let inside = try sandbox.run(["replay", "s/inside.cb"])
        #expect(inside.status == 0, "\(inside.stderr)")
        #expect(FileSystem.exists(sandbox.work + "/s/inside.csv"))

        for target in ["../outside.csv", "out/linked.csv", "~/.profile", sandbox.work + "/abs.csv"] {
            try sandbox.write("s/out.cb", "authorities | take 1 | write \"\(target)\"\n")
            let refused = try sandbox.run(["replay", "s/out.cb"])
            #expect(refused.status == 1, "\(target): \(refused.stderr)")
            #expect(refused.stderr.contains("s/out.cb:1:"), "\(refused.stderr)")
            #expect(refused.stderr.contains("writing \(target) is not allowed: it is outside the session's folder"), "\(refused.stderr)")
            #expect(refused.stderr.contains("casebook replay --allow-writes"))
            #expect(SafeModeTests.files(sandbox.home).isEmpty && !FileSystem.exists(sandbox.work + "/outside.csv"))
        }
        let allowed = try sandbox.run(["replay", "--allow-writes", "s/out.cb"])
        #expect(allowed.status == 0, "\(allowed.stderr)")
        #expect(FileSystem.exists(sandbox.work + "/abs.csv"))
    }

    @Test("safe mode compares folders as bytes: a sibling whose name is canonically equivalent is outside")
    func canonicallyEquivalentSibling() throws {
        let sandbox = try Sandbox()
        let composed = "caf\u{E9}", decomposed = "cafe\u{301}"
        #expect(composed == decomposed, "Swift's String equality treats them as one name")
        mkdir(sandbox.work + "/" + composed, 0o755)
        mkdir(sandbox.work + "/" + decomposed, 0o755)
        try sandbox.write(decomposed + "/secret.csv", "la_code,measure\n870,42\n")
        try sandbox.write(composed + "/mine.csv", "la_code,measure\n870,7\n")
        try sandbox.write(composed + "/s.cb", "load \"../\(decomposed)/secret.csv\" as x\nx\n")
        let refused = try sandbox.run(["replay", "--safe", composed + "/s.cb"])
        #expect(refused.status == 1, "\(refused.stdout)\(refused.stderr)")
        #expect(refused.stderr.contains("safe mode: reading"), "\(refused.stderr)")
        #expect(!refused.stdout.contains("42"))
        try sandbox.write(composed + "/t.cb", "load \"mine.csv\" as x\nx\n")
        let own = try sandbox.run(["replay", "--safe", composed + "/t.cb"])
        #expect(own.status == 0, "\(own.stderr)")
        #expect(own.stdout.contains("7"))
    }

    @Test("a session read from /dev/stdin takes the current folder as its own, not /dev")
    func sessionFromStandardInput() throws {
        let sandbox = try Sandbox()
        try sandbox.write("here.csv", "la_code,measure\n870,5\n")
        let session = "load \"here.csv\" as h\nh | select measure\n"
        let replay = try sandbox.run(["replay", "--safe", "/dev/stdin"], stdin: session)
        #expect(replay.status == 0, "\(replay.stderr)")
        #expect(replay.stdout.contains("5"), "\(replay.stdout)")
        // /dev is not the session's folder: `null` is looked for in the current one.
        let dev = try sandbox.run(["replay", "--safe", "/dev/stdin"], stdin: "load \"null\"\n")
        #expect(dev.status == 1)
        #expect(dev.stderr.contains("no file at null"), "\(dev.stderr)")
    }
}
