// Runs the casebook binary with pipes: arguments, environment, working folder
// and stdin bytes in; stdout, stderr and the exit status out.

#if canImport(Glibc)
    import Glibc
#endif

/// How a child ended.
enum Termination: Equatable, CustomStringConvertible {
    case exited(Int32)
    case signalled(Int32)

    /// Decodes a waitpid status (WIFEXITED and friends are macros Swift cannot see).
    init(waitStatus s: Int32) {
        self = s & 0x7f == 0 ? .exited((s >> 8) & 0xff) : .signalled(s & 0x7f)
    }

    var description: String {
        switch self {
        case .exited(let code): "exit status \(code)"
        case .signalled(let signal): "killed by signal \(signal)"
        }
    }
}

struct ProcessResult {
    var termination: Termination
    var stdoutBytes: [UInt8]
    var stderrBytes: [UInt8]

    var stdout: String { String(decoding: stdoutBytes, as: UTF8.self) }
    var stderr: String { String(decoding: stderrBytes, as: UTF8.self) }
    /// The exit status, or -1 when a signal ended the process.
    var status: Int32 {
        if case .exited(let code) = termination { return code }
        return -1
    }
}

enum ProcessRunner {
    /// Runs `casebook arguments…` to completion (SIGKILL after `timeout` seconds,
    /// which fails the test rather than hanging it).
    static func run(
        _ arguments: [String], environment: [String: String], stdin: [UInt8] = [], directory: String? = nil,
        timeout: Double = 120
    ) throws -> ProcessResult {
        // Close-on-exec pipes: other tests spawning at the same moment must not inherit them.
        var input: [Int32] = [0, 0], output: [Int32] = [0, 0], errors: [Int32] = [0, 0]
        guard LibC.pipe2(&input, O_CLOEXEC) == 0, LibC.pipe2(&output, O_CLOEXEC) == 0, LibC.pipe2(&errors, O_CLOEXEC) == 0 else {
            throw SandboxError("pipe2 failed: errno \(errno)")
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, input[0], 0)
        posix_spawn_file_actions_adddup2(&actions, output[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errors[1], 2)
        if let directory { LibC.addChdir(&actions, directory) }

        let pid = try Spawn.start(arguments, environment: environment, actions: &actions, newSession: false)
        close(input[0])
        close(output[1])
        close(errors[1])

        var result = ProcessResult(termination: .exited(-1), stdoutBytes: [], stderrBytes: [])
        var stdinFD: Int32 = input[1]
        var written = 0
        if stdin.isEmpty {
            close(stdinFD)
            stdinFD = -1
        } else {
            _ = fcntl(stdinFD, F_SETFL, fcntl(stdinFD, F_GETFL) | O_NONBLOCK)
        }
        var open: [Int32: Bool] = [output[0]: true, errors[0]: true]
        let deadline = Deadline(seconds: timeout)
        var buffer = [UInt8](repeating: 0, count: 65536)
        while open.values.contains(true) || stdinFD >= 0 {
            if deadline.passed {
                kill(pid, SIGKILL)
                var status: Int32 = 0
                _ = waitpid(pid, &status, 0)
                for fd in [output[0], errors[0], stdinFD] where fd >= 0 { close(fd) }
                throw SandboxError("casebook \(arguments) did not finish within \(Int(timeout)) s")
            }
            var fds: [pollfd] = []
            for (fd, isOpen) in open where isOpen { fds.append(pollfd(fd: fd, events: Int16(POLLIN), revents: 0)) }
            if stdinFD >= 0 { fds.append(pollfd(fd: stdinFD, events: Int16(POLLOUT), revents: 0)) }
            let ready = poll(&fds, nfds_t(fds.count), 100)
            if ready < 0 && errno == EINTR { continue }
            for p in fds where p.revents != 0 {
                if p.fd == stdinFD {
                    let n = stdin.withUnsafeBytes { write(stdinFD, $0.baseAddress! + written, stdin.count - written) }
                    if n > 0 { written += n }
                    if written == stdin.count || (n < 0 && errno != EAGAIN && errno != EINTR) {
                        close(stdinFD)
                        stdinFD = -1
                    }
                    continue
                }
                let n = read(p.fd, &buffer, buffer.count)
                if n < 0 && (errno == EINTR || errno == EAGAIN) { continue }
                if n <= 0 {
                    open[p.fd] = false
                    close(p.fd)
                } else if p.fd == output[0] {
                    result.stdoutBytes += buffer[0..<n]
                } else {
                    result.stderrBytes += buffer[0..<n]
                }
            }
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        result.termination = Termination(waitStatus: status)
        return result
    }
}

/// casebook started with pipes and left running, for what a signal does
/// mid-run: wait for output to appear, signal it, then collect the rest and how
/// it ended. Stdin is /dev/null. Killed with SIGKILL if still running at the end.
final class RunningProcess {
    let pid: pid_t
    private var streams: [Int32]
    private(set) var stdoutBytes: [UInt8] = []
    private(set) var stderrBytes: [UInt8] = []
    private(set) var termination: Termination?
    private let arguments: [String]

    var stdout: String { String(decoding: stdoutBytes, as: UTF8.self) }
    var stderr: String { String(decoding: stderrBytes, as: UTF8.self) }

    init(_ arguments: [String], environment: [String: String], directory: String? = nil) throws {
        var output: [Int32] = [0, 0], errors: [Int32] = [0, 0]
        guard LibC.pipe2(&output, O_CLOEXEC) == 0, LibC.pipe2(&errors, O_CLOEXEC) == 0 else {
            throw SandboxError("pipe2 failed: errno \(errno)")
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, output[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errors[1], 2)
        if let directory { LibC.addChdir(&actions, directory) }
        defer {
            close(output[1])
            close(errors[1])
        }
        do {
            pid = try Spawn.start(arguments, environment: environment, actions: &actions, newSession: false)
        } catch {
            close(output[0])
            close(errors[0])
            throw error
        }
        streams = [output[0], errors[0]]
        self.arguments = arguments
    }

    deinit {
        if termination == nil {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        }
        for fd in streams where fd >= 0 { close(fd) }
    }

    func signal(_ signal: Int32) { kill(pid, signal) }

    /// CPU time the process has used, in clock ticks.
    var cpuTicks: Int { Spawn.cpuTicks(pid) }

    var isRunning: Bool {
        if termination == nil {
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid { termination = Termination(waitStatus: status) }
        }
        return termination == nil
    }

    /// Waits until stdout holds `wanted`; fails when the deadline passes or the
    /// process ends first.
    func waitForStdout(_ wanted: String, timeout: Double = 60) throws {
        let deadline = Deadline(seconds: timeout)
        while !stdout.contains(wanted) {
            if deadline.passed || streams.allSatisfy({ $0 < 0 }) {
                throw SandboxError(
                    "casebook \(arguments): waited for \(String(reflecting: wanted)) on stdout; got \(String(reflecting: stdout)), stderr \(String(reflecting: stderr))")
            }
            pump(milliseconds: 50)
        }
    }

    /// Reads to the end of both streams and reaps the process; SIGKILL and an
    /// error when that takes longer than `timeout`.
    func finish(timeout: Double = 60) throws -> ProcessResult {
        let deadline = Deadline(seconds: timeout)
        while streams.contains(where: { $0 >= 0 }) {
            if deadline.passed {
                kill(pid, SIGKILL)
                throw SandboxError("casebook \(arguments) did not finish within \(Int(timeout)) s")
            }
            pump(milliseconds: 100)
        }
        if termination == nil {
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            termination = Termination(waitStatus: status)
        }
        return ProcessResult(termination: termination!, stdoutBytes: stdoutBytes, stderrBytes: stderrBytes)
    }

    /// Reads what is there, waiting up to `milliseconds` for it.
    private func pump(milliseconds: Int32) {
        var fds = streams.filter { $0 >= 0 }.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
        guard !fds.isEmpty, poll(&fds, nfds_t(fds.count), milliseconds) > 0 else { return }
        var buffer = [UInt8](repeating: 0, count: 65536)
        for p in fds where p.revents != 0 {
            let n = read(p.fd, &buffer, buffer.count)
            if n < 0 && (errno == EINTR || errno == EAGAIN) { continue }
            if n <= 0 {
                close(p.fd)
                streams = streams.map { $0 == p.fd ? -1 : $0 }
            } else if p.fd == streams[0] {
                stdoutBytes += buffer[0..<n]
            } else {
                stderrBytes += buffer[0..<n]
            }
        }
    }
}

/// posix_spawn of the casebook binary with a clean signal state, shared by the
/// pipe runner and the pseudo-terminal.
enum Spawn {
    static func start(
        _ arguments: [String], environment: [String: String], actions: inout posix_spawn_file_actions_t,
        newSession: Bool
    ) throws -> pid_t {
        let binary = CasebookBinary.path
        guard !binary.isEmpty else { throw SandboxError("no built casebook binary found beside the tests or in .build*/debug") }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // The child starts with no blocked signals and default actions for the
        // ones the test process may ignore (SIGPIPE, SIGINT).
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for s in [SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGTSTP, SIGTTIN, SIGTTOU] { sigaddset(&defaults, s) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var flags = Int32(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF)
        // POSIX_SPAWN_SETSID (0x80, a GNU extension): glibc runs setsid() before
        // the file actions, so the terminal opened by them becomes the controlling one.
        if newSession { flags |= 0x80 }
        posix_spawnattr_setflags(&attributes, Int16(flags))

        let argv = ([binary] + arguments).map { strdup($0) } + [nil]
        let envp = environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for p in argv { free(p) }
            for p in envp { free(p) }
        }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, binary, &actions, &attributes, argv, envp)
        guard rc == 0 else { throw SandboxError("posix_spawn \(binary) failed: \(rc)") }
        return pid
    }

    /// CPU time a child has used, in clock ticks (utime + stime from /proc).
    static func cpuTicks(_ pid: pid_t) -> Int {
        guard let stat = FileSystem.readText("/proc/\(pid)/stat"), let close = stat.lastIndex(of: ")") else { return 0 }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        // After the command name: state is field 3, utime field 14, stime field 15.
        guard fields.count > 12, let user = Int(fields[11]), let system = Int(fields[12]) else { return 0 }
        return user + system
    }
}

/// A point in time to wait for, on the monotonic clock.
struct Deadline {
    let end: Double

    init(seconds: Double) { end = Deadline.now() + seconds }

    var passed: Bool { Deadline.now() > end }

    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}

/// The libc functions the tests need that Swift's Glibc module hides (it is
/// imported without _GNU_SOURCE or _XOPEN_SOURCE), looked up at run time.
enum LibC {
    private typealias Pipe2 = @convention(c) (UnsafeMutablePointer<Int32>?, Int32) -> Int32
    private typealias AddChdir = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>?, UnsafePointer<CChar>?) -> Int32
    private typealias OpenPT = @convention(c) (Int32) -> Int32
    private typealias OnFD = @convention(c) (Int32) -> Int32
    private typealias PTSName = @convention(c) (Int32, UnsafeMutablePointer<CChar>?, Int) -> Int32

    private static func function<F>(_ name: String, as type: F.Type) -> F? {
        let handle = dlopen(nil, RTLD_NOW)
        return dlsym(handle, name).map { unsafeBitCast($0, to: F.self) }
    }

    /// pipe2(2): both ends created close-on-exec at once.
    static func pipe2(_ fds: inout [Int32], _ flags: Int32) -> Int32 {
        guard let f = function("pipe2", as: Pipe2.self) else { return -1 }
        return fds.withUnsafeMutableBufferPointer { f($0.baseAddress, flags) }
    }

    /// posix_spawn_file_actions_addchdir_np: the child starts in `directory`.
    static func addChdir(_ actions: inout posix_spawn_file_actions_t, _ directory: String) {
        guard let f = function("posix_spawn_file_actions_addchdir_np", as: AddChdir.self) else { return }
        _ = f(&actions, directory)
    }

    static func posixOpenPT(_ flags: Int32) -> Int32 {
        function("posix_openpt", as: OpenPT.self).map { $0(flags) } ?? -1
    }

    static func grantPT(_ fd: Int32) -> Int32 { function("grantpt", as: OnFD.self).map { $0(fd) } ?? -1 }
    static func unlockPT(_ fd: Int32) -> Int32 { function("unlockpt", as: OnFD.self).map { $0(fd) } ?? -1 }

    static func ptsName(_ fd: Int32) -> String? {
        guard let f = function("ptsname_r", as: PTSName.self) else { return nil }
        var name = [CChar](repeating: 0, count: 256)
        guard f(fd, &name, name.count) == 0 else { return nil }
        return String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
