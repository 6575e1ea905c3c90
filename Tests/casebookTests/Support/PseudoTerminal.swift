// Runs casebook on a real pseudo-terminal (100x40 unless told, TERM=xterm): type keys, wait
// for text to appear (with a deadline, never a fixed sleep), signal, and reap.
//
// The terminal is opened with posix_openpt(O_CLOEXEC) and the child started
// with posix_spawn in a new session, rather than with forkpty: Swift Testing
// runs tests on several threads at once, and a fork in one would otherwise
// inherit (and hold open) another test's terminal or pipes.

#if canImport(Glibc)
    import Glibc
#endif

enum Key {
    static let enter = "\r"
    static let ctrlC = "\u{03}"
    static let ctrlD = "\u{04}"
    static let ctrlBackslash = "\u{1C}"
    static let tab = "\t"
    static let up = "\u{1B}[A"
    static let ctrlR = "\u{12}"
}

struct TerminalTimeout: Error, CustomStringConvertible {
    var waitingFor: String
    var seconds: Double
    var screen: String
    var description: String {
        "waited \(Int(seconds)) s for \(String(reflecting: waitingFor)); the terminal showed (escapes removed):\n"
            + String(screen.suffix(3000))
    }
}

final class PseudoTerminal {
    let pid: pid_t
    private let master: Int32
    /// Every byte the child wrote, as sent.
    private(set) var raw: [UInt8] = []
    /// The same with terminal escape sequences and carriage returns removed, for matching.
    private(set) var text: [UInt8] = []
    /// Where the next `expect` starts looking in `text`.
    private var mark = 0
    private var stripper = EscapeStripper()
    private(set) var termination: Termination?
    private var closed = false
    /// Whatever must live as long as the child (its sandbox).
    var keepAlive: AnyObject?
    /// The terminal's modes before the child started.
    let modesAtStart: termios

    static let columns: UInt16 = 100
    static let rows: UInt16 = 40

    /// Starts `casebook arguments…` with stdin, stdout and stderr on the
    /// terminal (or stderr into `stderrFile`).
    init(
        _ arguments: [String] = [], environment: [String: String], directory: String? = nil,
        stderrFile: String? = nil, columns: UInt16 = PseudoTerminal.columns
    ) throws {
        master = LibC.posixOpenPT(O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard master >= 0 else { throw SandboxError("posix_openpt failed: errno \(errno)") }
        guard LibC.grantPT(master) == 0, LibC.unlockPT(master) == 0, let name = LibC.ptsName(master) else {
            close(master)
            throw SandboxError("grantpt/unlockpt/ptsname_r failed: errno \(errno)")
        }
        var size = winsize(ws_row: Self.rows, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &size)
        var modes = termios()
        guard tcgetattr(master, &modes) == 0 else {
            close(master)
            throw SandboxError("tcgetattr failed: errno \(errno)")
        }
        modesAtStart = modes

        var env = environment
        env["TERM"] = env["TERM"] ?? "xterm"
        env["LANG"] = env["LANG"] ?? "C.UTF-8"

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // Opened after setsid() in the child, without O_NOCTTY: it becomes the controlling terminal.
        posix_spawn_file_actions_addopen(&actions, 0, name, O_RDWR, 0)
        posix_spawn_file_actions_adddup2(&actions, 0, 1)
        if let stderrFile {
            posix_spawn_file_actions_addopen(&actions, 2, stderrFile, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        } else {
            posix_spawn_file_actions_adddup2(&actions, 0, 2)
        }
        if let directory { LibC.addChdir(&actions, directory) }
        do {
            pid = try Spawn.start(arguments, environment: env, actions: &actions, newSession: true)
        } catch {
            close(master)
            throw error
        }
        _ = fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK)
    }

    deinit {
        if termination == nil {
            _ = Glibc.kill(pid, SIGKILL)
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        }
        close(master)
    }

    // MARK: - Typing

    func send(_ keys: String) {
        var bytes = Array(keys.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeMutableBytes { write(master, $0.baseAddress! + offset, $0.count - offset) }
            if n > 0 {
                offset += n
            } else if errno == EAGAIN || errno == EINTR {
                pump(milliseconds: 10)
            } else {
                return
            }
        }
    }

    /// Types a statement and Enter, and waits for the next main prompt; returns
    /// what appeared in between (the echo, then the output).
    @discardableResult
    func run(_ statement: String, timeout: Double = 20) throws -> String {
        send(statement + Key.enter)
        return try expect("\n" + InteractiveShellText.prompt, timeout: timeout)
    }

    // MARK: - Reading

    /// Waits until `wanted` appears after the last match; returns the text from
    /// there up to and including it.
    @discardableResult
    func expect(_ wanted: String, timeout: Double = 20) throws -> String {
        let needle = Array(wanted.utf8)
        let deadline = Deadline(seconds: timeout)
        while true {
            if let at = Self.find(needle, in: text, from: mark) {
                let found = String(decoding: text[mark..<(at + needle.count)], as: UTF8.self)
                mark = at + needle.count
                return found
            }
            if deadline.passed || (closed && termination != nil) {
                throw TerminalTimeout(waitingFor: wanted, seconds: timeout, screen: screen)
            }
            pump(milliseconds: 50)
        }
    }

    /// Everything shown since the last match, without waiting.
    var unmatched: String {
        pump(milliseconds: 0)
        return String(decoding: text[mark...], as: UTF8.self)
    }

    /// The whole session so far with escapes removed.
    var screen: String { String(decoding: text, as: UTF8.self) }

    /// Reads whatever the child has written, waiting up to `milliseconds` for the first byte.
    func pump(milliseconds: Int32) {
        guard !closed else {
            reapIfExited()
            return
        }
        var p = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        guard poll(&p, 1, milliseconds) > 0 else {
            reapIfExited()
            return
        }
        var buffer = [UInt8](repeating: 0, count: 16384)
        while true {
            let n = read(master, &buffer, buffer.count)
            if n > 0 {
                raw += buffer[0..<n]
                text += stripper.feed(buffer[0..<n])
                continue
            }
            if n < 0 && errno == EINTR { continue }
            // EIO once the child and all its copies of the terminal are gone.
            if n == 0 || errno != EAGAIN { closed = true }
            break
        }
        reapIfExited()
    }

    private func reapIfExited() {
        guard termination == nil else { return }
        var status: Int32 = 0
        if waitpid(pid, &status, WNOHANG) == pid { termination = Termination(waitStatus: status) }
    }

    /// The terminal's modes now. On Linux tcgetattr on the master side reads
    /// the line discipline's settings, which the child's side shares, and
    /// still works after the child has exited.
    var modes: termios? {
        var t = termios()
        return tcgetattr(master, &t) == 0 ? t : nil
    }

    // MARK: - The process

    var isRunning: Bool {
        reapIfExited()
        return termination == nil
    }

    func kill(_ signal: Int32 = SIGKILL) {
        _ = Glibc.kill(pid, signal)
    }

    /// Waits for the child to end, reading its last output meanwhile.
    func waitForExit(timeout: Double = 20) throws -> Termination {
        let deadline = Deadline(seconds: timeout)
        while termination == nil {
            if deadline.passed { throw TerminalTimeout(waitingFor: "the process to exit", seconds: timeout, screen: screen) }
            pump(milliseconds: 50)
            if closed && termination == nil { usleep(10_000) }
        }
        pump(milliseconds: 0)
        return termination!
    }

    /// CPU time the child has used, in clock ticks (utime + stime from /proc).
    var cpuTicks: Int { Spawn.cpuTicks(pid) }

    private static func find(_ needle: [UInt8], in hay: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, hay.count - start >= needle.count else { return nil }
        var i = start
        while i <= hay.count - needle.count {
            if hay[i] == needle[0] && hay[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }
}

/// The shell's prompts, as the tests expect them.
enum InteractiveShellText {
    static let prompt = "casebook> "
    static let continuation = "     ...> "
}

/// Removes ANSI escape sequences (CSI, OSC, two-byte ESC x) and carriage
/// returns from a byte stream, carrying state across chunks.
struct EscapeStripper {
    private enum State { case normal, escape, csi, osc, oscEscape }
    private var state = State.normal

    mutating func feed(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        for b in bytes {
            switch state {
            case .normal:
                if b == 0x1B {
                    state = .escape
                } else if b != 0x0D {
                    out.append(b)
                }
            case .escape:
                state = b == UInt8(ascii: "[") ? .csi : b == UInt8(ascii: "]") ? .osc : .normal
            case .csi:
                if b >= 0x40 && b <= 0x7E { state = .normal }
            case .osc:
                if b == 0x07 { state = .normal } else if b == 0x1B { state = .oscEscape }
            case .oscEscape:
                state = .normal
            }
        }
        return out
    }
}
