// Where the built `casebook` binary and the shipped datasets are, and a private
// temporary folder per test with its own HOME and XDG_STATE_HOME.

import Testing

#if canImport(Glibc)
    import Glibc
#endif

enum CasebookBinary {
    /// $CASEBOOK_TEST_BINARY (to test another build), else the executable built
    /// beside the test bundle (`.build-shell/debug/casebook`), else the newest
    /// `.build*/debug/casebook` in the checkout.
    static let path: String = {
        if let given = getenv("CASEBOOK_TEST_BINARY").map({ String(cString: $0) }), !given.isEmpty { return given }
        if let me = FileSystem.readLink("/proc/self/exe") {
            let beside = FileSystem.parent(me) + "/casebook"
            if access(beside, X_OK) == 0 { return beside }
        }
        var best: (path: String, modified: Int) = ("", -1)
        for name in FileSystem.list(Checkout.root) where name.hasPrefix(".build") {
            let candidate = Checkout.root + "/" + name + "/debug/casebook"
            var st = stat()
            if access(candidate, X_OK) == 0, stat(candidate, &st) == 0, st.st_mtim.tv_sec > best.modified {
                best = (candidate, st.st_mtim.tv_sec)
            }
        }
        return best.path
    }()
}

/// A fresh folder under /tmp holding `home/`, `state/` and `work/` (the current
/// folder for the child), removed when the test ends.
final class Sandbox {
    let root: String

    init() throws {
        var template = Array("/tmp/casebook-test-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw SandboxError("mkdtemp failed: errno \(errno)") }
        root = String(cString: made)
        for sub in ["home", "state", "work"] { mkdir(root + "/" + sub, 0o700) }
    }

    deinit { FileSystem.removeTree(root) }

    var home: String { root + "/home" }
    var state: String { root + "/state" }
    var work: String { root + "/work" }
    var historyPath: String { state + "/casebook/history" }
    var journalFolder: String { state + "/casebook/journal" }

    /// A clean environment: nothing inherited from the test process (no NO_COLOR,
    /// COLUMNS or user HOME leaking in). `extra` adds or overrides variables.
    func environment(_ extra: [String: String] = [:]) -> [String: String] {
        var env = [
            "PATH": "/usr/bin:/bin", "HOME": home, "XDG_STATE_HOME": state, "LANG": "C.UTF-8",
            "CASEBOOK_DATASETS": Checkout.datasets,
        ]
        for (k, v) in extra { env[k] = v }
        return env
    }

    /// Writes `text` to `relative` (under work/ unless absolute); returns the absolute path.
    @discardableResult
    func write(_ relative: String, _ text: String) throws -> String {
        let path = relative.hasPrefix("/") ? relative : work + "/" + relative
        try FileSystem.write(path, Array(text.utf8))
        return path
    }

    /// The history file's entry lines (the header skipped), or nil when there is no file.
    func historyLines() -> [String]? {
        guard let text = FileSystem.readText(historyPath) else { return nil }
        return text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
    }
}

struct SandboxError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// The few file operations the tests need, straight on Glibc.
enum FileSystem {
    static func parent(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    static func readLink(_ path: String) -> String? {
        var buffer = [CChar](repeating: 0, count: 4096)
        let n = readlink(path, &buffer, buffer.count - 1)
        guard n > 0 else { return nil }
        return String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    static func readBytes(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = read(fd, &chunk, chunk.count)
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            out += chunk[0..<n]
        }
        return out
    }

    static func readText(_ path: String) -> String? {
        readBytes(path).map { String(decoding: $0, as: UTF8.self) }
    }

    static func write(_ path: String, _ bytes: [UInt8]) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw SandboxError("cannot write \(path): errno \(errno)") }
        defer { close(fd) }
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, bytes.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                throw SandboxError("cannot write \(path): errno \(errno)")
            }
            offset += n
        }
    }

    static func exists(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0
    }

    /// The permission bits of a file.
    static func permissions(_ path: String) -> mode_t? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return st.st_mode & 0o777
    }

    static func list(_ folder: String) -> [String] {
        guard let dir = opendir(folder) else { return [] }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    static func removeTree(_ path: String) {
        var st = stat()
        guard lstat(path, &st) == 0 else { return }
        if st.st_mode & S_IFMT == S_IFDIR {
            for name in list(path) { removeTree(path + "/" + name) }
            rmdir(path)
        } else {
            unlink(path)
        }
    }
}

extension Sandbox {
    /// `casebook arguments…` with pipes, run from work/ with this sandbox's environment.
    func run(
        _ arguments: [String], stdin: String = "", directory: String? = nil, environment extra: [String: String] = [:]
    ) throws -> ProcessResult {
        try ProcessRunner.run(
            arguments, environment: environment(extra), stdin: Array(stdin.utf8), directory: directory ?? work)
    }

    /// `casebook arguments…` started with pipes from work/ and left running.
    func start(_ arguments: [String]) throws -> RunningProcess {
        try RunningProcess(arguments, environment: environment(), directory: work)
    }

    /// casebook on a pseudo-terminal (the shell, unless arguments say otherwise),
    /// started in work/ with this sandbox's environment. The terminal keeps the
    /// sandbox alive, so its folders outlive the process.
    func shell(
        _ arguments: [String] = [], directory: String? = nil, environment extra: [String: String] = [:],
        stderrFile: String? = nil, columns: UInt16 = PseudoTerminal.columns
    ) throws -> PseudoTerminal {
        let terminal = try PseudoTerminal(
            arguments, environment: environment(extra), directory: directory ?? work, stderrFile: stderrFile,
            columns: columns)
        terminal.keepAlive = self
        return terminal
    }
}
