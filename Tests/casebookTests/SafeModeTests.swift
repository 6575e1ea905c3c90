// `--safe`, for sessions from someone else: through the binary, every way a
// session or script can write a file is refused (with a message at the
// statement, exit status 1, and nothing on disk), and every read outside the
// datasets folder and the session's own folder — an absolute path, `..`, the
// home folder, a symbolic link inside the folder that points out of it. The
// same files without --safe do what they say.

import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("Safe mode")
struct SafeModeTests {
    /// A statement that writes, and where (relative to work/) the file would appear.
    struct Write: CustomTestStringConvertible, Sendable {
        var label: String
        var statements: String
        var file: String
        var testDescription: String { label }
    }

    static let writes: [Write] = [
        Write(label: "write", statements: "authorities | take 2 | select la_name | write \"out.csv\"", file: "s/out.csv"),
        Write(label: "output", statements: "output \"out.txt\"\nauthorities | take 2 | select la_name\noutput off", file: "s/out.txt"),
        Write(label: "once", statements: "once \"once.json\"\nauthorities | take 2 | select la_name", file: "s/once.json"),
        Write(label: "save session NAME", statements: "authorities | take 2 | select la_name\nsave session mine", file: "sessions/mine.cb"),
        Write(label: "save session PATH", statements: "authorities | take 2 | select la_name\nsave session \"saved.cb\"", file: "s/saved.cb"),
        Write(label: "chart … to", statements: "authorities | take 3 | chart bar la_name la_code to \"chart.svg\"", file: "s/chart.svg"),
        Write(label: "write to an absolute path", statements: "authorities | take 2 | write \"ABSOLUTE\"", file: "elsewhere/abs.csv"),
    ]

    enum Mode: String, CaseIterable, Sendable {
        case script, replay, check

        func arguments(_ file: String, safe: Bool) -> [String] {
            let flag = safe ? ["--safe"] : []
            switch self {
            case .script: return flag + [file]
            case .replay: return ["replay"] + flag + [file]
            case .check: return ["check"] + flag + [file]
            }
        }
    }

    /// A sandbox whose work/ holds s/ (the session's folder) and elsewhere/.
    static func sandbox() throws -> Sandbox {
        let sandbox = try Sandbox()
        for folder in ["s", "elsewhere"] { mkdir(sandbox.work + "/" + folder, 0o755) }
        return sandbox
    }

    /// Every file under `folder`, as paths relative to it.
    static func files(_ folder: String) -> [String] {
        var out: [String] = []
        for name in FileSystem.list(folder) {
            let path = folder + "/" + name
            var st = stat()
            guard lstat(path, &st) == 0 else { continue }
            if st.st_mode & S_IFMT == S_IFDIR {
                out += files(path).map { name + "/" + $0 }
            } else {
                out.append(name)
            }
        }
        return out.sorted()
    }

    @Test("every write is refused, with exit status 1 and nothing on disk", arguments: writes, Mode.allCases)
    func writesAreRefused(_ write: Write, _ mode: Mode) throws {
        let sandbox = try Self.sandbox()
        let statements = write.statements.replacing("ABSOLUTE", with: sandbox.work + "/elsewhere/abs.csv")
        try sandbox.write("s/session.cb", statements + "\n")
        let before = Self.files(sandbox.work)

        let safe = try sandbox.run(mode.arguments("s/session.cb", safe: true))
        #expect(safe.status == 1, "\(safe.stderr)")
        let said = safe.stdout + safe.stderr
        #expect(said.contains("safe mode: writing "), "\(said)")
        #expect(said.contains("is not allowed"))
        if mode != .check {
            // The message names the statement's place in the file.
            #expect(safe.stderr.contains("s/session.cb:"), "\(safe.stderr)")
        }
        #expect(Self.files(sandbox.work) == before, "\(Self.files(sandbox.work))")
        #expect(!FileSystem.exists(sandbox.work + "/" + write.file))

        // Without --safe: a script writes what it says; `replay` only inside the
        // session's folder unless --allow-writes; `check` never writes.
        let plain = try sandbox.run(mode.arguments("s/session.cb", safe: false))
        let plainSaid = plain.stdout + plain.stderr
        switch mode {
        case .script:
            #expect(plain.status == 0, "\(plainSaid)")
            #expect(FileSystem.exists(sandbox.work + "/" + write.file), "\(Self.files(sandbox.work))")
        case .replay where write.file.hasPrefix("s/"):
            #expect(plain.status == 0, "\(plainSaid)")
            #expect(FileSystem.exists(sandbox.work + "/" + write.file), "\(Self.files(sandbox.work))")
        case .replay:
            #expect(plain.status == 1, "\(plainSaid)")
            #expect(plainSaid.contains("is outside the session's folder"), "\(plainSaid)")
            #expect(Self.files(sandbox.work) == before, "\(Self.files(sandbox.work))")
            let allowed = try sandbox.run(["replay", "--allow-writes", "s/session.cb"])
            #expect(allowed.status == 0, "\(allowed.stdout)\(allowed.stderr)")
            #expect(FileSystem.exists(sandbox.work + "/" + write.file), "\(Self.files(sandbox.work))")
        case .check:
            #expect(plain.status == 1, "\(plainSaid)")
            #expect(plainSaid.contains("`casebook check` does not write files"), "\(plainSaid)")
            #expect(Self.files(sandbox.work) == before, "\(Self.files(sandbox.work))")
        }
    }

    /// A read, and whether it is inside what safe mode allows.
    struct Read: CustomTestStringConvertible, Sendable {
        var label: String
        var path: String
        var allowed: Bool
        var testDescription: String { label }
    }

    static let reads: [Read] = [
        Read(label: "an absolute path elsewhere", path: "/etc/passwd", allowed: false),
        Read(label: "`..` out of the session's folder", path: "../outside.csv", allowed: false),
        Read(label: "`..` in and out again", path: "./../s/../outside.csv", allowed: false),
        Read(label: "the home folder", path: "~/home.csv", allowed: false),
        Read(label: "a link in the folder to a file outside", path: "link.csv", allowed: false),
        Read(label: "a file in a linked folder outside", path: "linked/outside.csv", allowed: false),
        Read(label: "a link to a folder outside and back into the session's folder", path: "linked/s/inside.csv", allowed: true),
        Read(label: "a file in the session's folder", path: "inside.csv", allowed: true),
        Read(label: "a link in the folder to a file in the folder", path: "link-inside.csv", allowed: true),
        Read(label: "a shipped dataset by its path", path: "DATASETS/authorities.csv", allowed: true),
    ]

    /// work/outside.csv, s/inside.csv, s/link.csv → ../outside.csv, s/linked → .. (work/),
    /// s/link-inside.csv → inside.csv, home/home.csv.
    static func readSandbox() throws -> Sandbox {
        let sandbox = try Self.sandbox()
        let csv = "la_code,measure\n870,1\n871,2\n"
        try sandbox.write("outside.csv", csv)
        try sandbox.write("s/inside.csv", csv)
        try sandbox.write(sandbox.home + "/home.csv", csv)
        symlink("../outside.csv", sandbox.work + "/s/link.csv")
        symlink(sandbox.work, sandbox.work + "/s/linked")
        symlink("inside.csv", sandbox.work + "/s/link-inside.csv")
        return sandbox
    }

    @Test("reads outside the datasets and the session's folder are refused; inside, they work", arguments: reads, Mode.allCases)
    func readsOutsideAreRefused(_ read: Read, _ mode: Mode) throws {
        let sandbox = try Self.readSandbox()
        let path = read.path.replacing("DATASETS", with: Checkout.datasets)
        try sandbox.write("s/session.cb", "load \"\(path)\" as data\ndata | take 1\n")

        let safe = try sandbox.run(mode.arguments("s/session.cb", safe: true))
        let said = safe.stdout + safe.stderr
        if read.allowed {
            #expect(!said.contains("safe mode"), "\(said)")
            if mode != .check { #expect(safe.status == 0, "\(said)") }
            #expect(said.contains("870") || said.contains("201"), "\(said)")
        } else {
            #expect(safe.status == 1)
            #expect(said.contains("safe mode: reading \(path) is not allowed"), "\(said)")
            #expect(!said.contains("871"))
        }
        // Without --safe every one of them reads (/etc/passwd too, as a table of one column).
        if mode != .check {
            let plain = try sandbox.run(mode.arguments("s/session.cb", safe: false))
            #expect(plain.status == 0, "\(plain.stdout)\(plain.stderr)")
        }
    }

    @Test("a script from standard input in safe mode may read only the current folder and the datasets")
    func standardInput() throws {
        let sandbox = try Self.readSandbox()
        let refused = try sandbox.run(["--safe"], stdin: "load \"/etc/passwd\"\n")
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("<stdin>:1:6: error: safe mode: reading /etc/passwd is not allowed"), "\(refused.stderr)")
        let allowed = try sandbox.run(["--safe"], stdin: "load \"outside.csv\"\noutside | take 1 | select la_code\n")
        #expect(allowed.status == 0, "\(allowed.stderr)")
        #expect(allowed.stdout.contains("870"))
        let written = try sandbox.run(["--safe", "-c", "authorities | take 1 | write \"x.csv\""])
        #expect(written.status == 1)
        #expect(!FileSystem.exists(sandbox.work + "/x.csv"))
    }

    @Test("export -o, replay --save and check --update write nothing in safe mode")
    func commandLineWrites() throws {
        let sandbox = try Self.sandbox()
        let session = "authorities | where la_code = 870 | select la_name\n"
        try sandbox.write("s/session.cb", session)
        let before = Self.files(sandbox.work)

        let export = try sandbox.run(["export", "--safe", "s/session.cb", "-o", "report.md"])
        #expect(export.status == 1)
        #expect(export.stderr.contains("safe mode: writing report.md is not allowed"), "\(export.stderr)")
        let replay = try sandbox.run(["replay", "--safe", "s/session.cb", "--save", "copy"])
        #expect(replay.status == 1)
        #expect(replay.stderr.contains("safe mode: --save copy would write a file, which is not allowed"), "\(replay.stderr)")
        let update = try sandbox.run(["check", "--safe", "--update", "s/session.cb"])
        #expect(update.status == 1)
        #expect(update.stderr.contains("safe mode: --update would rewrite the session files, which is not allowed"))
        #expect(Self.files(sandbox.work) == before, "\(Self.files(sandbox.work))")
        #expect(FileSystem.readText(sandbox.work + "/s/session.cb") == session)

        // Without --safe: all three write.
        #expect(try sandbox.run(["export", "s/session.cb", "-o", "report.md"]).status == 0)
        #expect(try sandbox.run(["replay", "s/session.cb", "--save", "copy"]).status == 0)
        #expect(try sandbox.run(["check", "--update", "s/session.cb"]).status == 0)
        #expect(FileSystem.exists(sandbox.work + "/report.md"))
        #expect(FileSystem.exists(sandbox.work + "/sessions/copy.cb"))
        #expect(FileSystem.readText(sandbox.work + "/s/session.cb")?.contains("#> Reading") == true)
    }

    @Test("check --safe on damaged session files reports each one and goes on", arguments: [
        "garbage", "truncated", "orphan blocks", "a statement cut in a string",
    ])
    func damagedSessions(_ kind: String) throws {
        let sandbox = try Self.sandbox()
        var bytes: [UInt8]
        switch kind {
        case "garbage":
            var state: UInt64 = 42
            bytes = (0..<3000).map { _ in
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return UInt8(truncatingIfNeeded: state >> 33)
            }
        case "truncated":
            let whole = FileSystem.readBytes(Checkout.root + "/sessions/reading-2016.cb") ?? []
            bytes = Array(whole.prefix(whole.count / 2 + 1))
        case "orphan blocks":
            bytes = Array("#> year\n#> ────\n\n#> 2016\nauthorities | where la_code = 870 | select la_name\n#> la_name\n".utf8)
        default:
            bytes = Array("authorities | where la_code = 870 | select la_name\n#> la_name\n#> ───────\n#> Reading\n\nauthorities | where la_name = \"Read".utf8)
        }
        try FileSystem.write(sandbox.work + "/s/damaged.cb", bytes)
        try sandbox.write("s/good.cb", "authorities | where la_code = 870 | select la_name\n#> la_name\n#> ───────\n#> Reading\n")
        let result = try sandbox.run(["check", "--safe", "s/damaged.cb", "s/good.cb"])
        #expect(result.termination == .exited(1), "\(result.stderr)")
        #expect(result.stdout.contains("s/damaged.cb:"), "\(result.stdout)")
        #expect(result.stdout.contains("s/good.cb: 1 statement checked, all outputs match"), "\(result.stdout)")
    }
}
