// Reads a whole file (or its first bytes) into memory. Every failure is a value
// with a plain-English reason. Files are read, not memory-mapped: a mapped file
// that another program truncates while it is parsed ends the process with
// SIGBUS, and reading costs about what the page faults of a mapping did.

import Dispatch

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The bytes of a file, held for as long as this object lives.
public final class FileBytes: @unchecked Sendable {
    // @unchecked: the buffer is written once in init and only read after.
    public let pointer: UnsafeRawBufferPointer
    /// Bytes of the page-mapped buffer to unmap, or 0 when `pointer` was allocated.
    private var owned = 0
    public let size: Int
    let modified: Int64
    /// False when `maxBytes` stopped the read before the end of the file.
    let isWhole: Bool

    public enum Failure: Error, Equatable {
        case notFound
        case isDirectory
        case notReadable(String)
        case tooLarge(size: Int, available: Int)
        case notARegularFile
        /// A named pipe (mkfifo) that nothing wrote to within `pipeGrace`.
        case pipeWithoutWriter
        case cancelled
    }

    /// How long a named pipe in the file system may stay silent before a load
    /// refuses it: opened without blocking, a pipe nobody writes to would
    /// otherwise wait for ever (and a load could not answer Ctrl-C).
    static let pipeGrace = 1.0

    /// Reads `path`. `memoryLimit` refuses files that could not be loaded in
    /// the memory there is (a clear refusal beats an abort); `maxBytes` reads
    /// only the start of the file. A file that shrinks while it is read gives
    /// the bytes there were; one that grows, the bytes up to its size at open.
    public init(
        path: String, memoryLimit: Int? = nil, maxBytes: Int? = nil, cancellation: Cancellation = .never
    ) throws(Failure) {
        var st = stat()
        guard stat(path, &st) == 0 else {
            if errno == ENOENT || errno == ENOTDIR { throw .notFound }
            throw .notReadable(Self.errorText(errno))
        }
        if (st.st_mode & S_IFMT) == S_IFDIR { throw .isDirectory }
        let isRegular = (st.st_mode & S_IFMT) == S_IFREG
        let isPipe = (st.st_mode & S_IFMT) == S_IFIFO
        // A pipe is opened without blocking (opening a named pipe waits for a
        // writer) and read as data comes, with Ctrl-C answered while it waits.
        let fd = open(path, O_RDONLY | O_CLOEXEC | (isPipe ? O_NONBLOCK : 0))
        guard fd >= 0 else { throw .notReadable(Self.errorText(errno)) }
        defer { close(fd) }
        if isPipe { try Self.awaitWriter(fd, path: path, cancellation: cancellation) }
        modified = Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec)
        if isRegular {
            let fileSize = Int(st.st_size)
            let n = min(fileSize, maxBytes ?? fileSize)
            if let limit = memoryLimit, n > limit { throw .tooLarge(size: n, available: limit) }
            if n == 0 {
                pointer = UnsafeRawBufferPointer(start: nil, count: 0)
                size = 0
                isWhole = fileSize == 0
                return
            }
            guard let raw = Self.allocate(n) else { throw .notReadable(Self.errorText(errno)) }
            // Large files are read in two halves at once: the copy and the
            // kernel's zeroing of fresh pages are most of the cost.
            let parts = n >= 8 << 20 ? 2 : 1
            let results = WorkerSlots<(got: Int, error: Int32)>(count: parts)
            let base = SendablePointer(raw.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: parts) { k in
                let from = n * k / parts, to = n * (k + 1) / parts
                var got = from
                while got < to {
                    let r = pread(fd, base.p + got, to - got, off_t(got))
                    if r < 0 {
                        if errno == EINTR { continue }
                        results.set(k, (got - from, errno))
                        return
                    }
                    if r == 0 { break }  // the file shrank since it was opened
                    got += r
                }
                results.set(k, (got - from, 0))
            }
            let parted = results.results.map { $0 ?? (got: 0, error: EIO) }
            if let error = parted.map(\.error).first(where: { $0 != 0 }) {
                Self.deallocate(raw)
                throw .notReadable(Self.errorText(error))
            }
            // A short part means the file ended there: keep what is whole from the start.
            var got = 0
            for k in 0..<parts {
                got += parted[k].got
                if parted[k].got < n * (k + 1) / parts - n * k / parts { break }
            }
            pointer = UnsafeRawBufferPointer(start: raw.baseAddress, count: got)
            size = got
            owned = raw.count
            isWhole = got == fileSize || got < n
        } else {
            // A pipe or device (e.g. /dev/stdin, a process substitution): read it all.
            var buffer: [UInt8] = []
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                let r = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                if r < 0 {
                    if errno == EINTR { continue }
                    if errno == EAGAIN {
                        // A pipe with its writer still there and nothing yet: wait, answering Ctrl-C.
                        if cancellation.cancelled { throw .cancelled }
                        var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                        _ = poll(&p, 1, 100)
                        continue
                    }
                    throw .notReadable(Self.errorText(errno))
                }
                if r == 0 { break }
                buffer.append(contentsOf: chunk[0..<r])
                if let limit = memoryLimit, buffer.count > limit {
                    throw .tooLarge(size: buffer.count, available: limit)
                }
                if let most = maxBytes, buffer.count >= most {
                    buffer.removeLast(buffer.count - most)
                    break
                }
            }
            let raw = UnsafeMutableRawBufferPointer.allocate(byteCount: max(buffer.count, 1), alignment: 16)
            buffer.withUnsafeBytes { raw.copyMemory(from: $0) }
            pointer = UnsafeRawBufferPointer(start: raw.baseAddress, count: buffer.count)
            size = buffer.count
            isWhole = maxBytes.map { buffer.count < $0 } ?? true
        }
    }

    /// Waits until a pipe has data or its writer has gone. A pipe this process
    /// was handed (standard input, a process substitution: /proc/self/fd/N)
    /// has a writer and may wait as long as it takes; a named pipe in the file
    /// system that nothing writes to within `pipeGrace` is refused, at once
    /// rather than for ever. Ctrl-C is answered every tenth of a second.
    static func awaitWriter(_ fd: Int32, path: String, cancellation: Cancellation) throws(Failure) {
        let inherited = Self.isInheritedPipe(path)
        var waited = 0.0
        while true {
            var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let n = poll(&p, 1, 100)
            if n > 0 && p.revents & Int16(POLLIN | POLLHUP | POLLERR) != 0 { return }
            if n < 0 && errno != EINTR { throw .notReadable(Self.errorText(errno)) }
            if cancellation.cancelled { throw .cancelled }
            waited += 0.1
            if !inherited && waited >= pipeGrace { throw .pipeWithoutWriter }
        }
    }

    /// Whether `path` names a pipe this process already holds (/dev/stdin,
    /// /dev/fd/N, /proc/self/fd/N), as opposed to a named pipe in a folder.
    static func isInheritedPipe(_ path: String) -> Bool {
        guard let real = realpath(path, nil) else { return true }  // "pipe:[…]": no path of its own
        defer { free(real) }
        let resolved = String(cString: real)
        return resolved.hasPrefix("/proc/") || !resolved.hasPrefix("/")
    }

    /// Bytes held in memory (tests and generated input).
    public init(bytes: [UInt8]) {
        let raw = UnsafeMutableRawBufferPointer.allocate(byteCount: max(bytes.count, 1), alignment: 16)
        bytes.withUnsafeBytes { raw.copyMemory(from: $0) }
        pointer = UnsafeRawBufferPointer(start: raw.baseAddress, count: bytes.count)
        size = bytes.count
        modified = 0
        isWhole = true
    }

    deinit {
        if owned > 0 {
            Self.deallocate(UnsafeMutableRawBufferPointer(start: UnsafeMutableRawPointer(mutating: pointer.baseAddress), count: owned))
        } else if let base = pointer.baseAddress {
            UnsafeMutableRawPointer(mutating: base).deallocate()
        }
    }

    /// Anonymous pages for a file's bytes, as huge pages where the system
    /// allows (fewer page faults for a large file).
    private static func allocate(_ n: Int) -> UnsafeMutableRawBufferPointer? {
        guard let p = mmap(nil, n, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), p != MAP_FAILED else {
            return nil
        }
        #if canImport(Glibc)
            _ = madvise(p, n, MADV_HUGEPAGE)
        #endif
        return UnsafeMutableRawBufferPointer(start: p, count: n)
    }

    private static func deallocate(_ b: UnsafeMutableRawBufferPointer) {
        munmap(b.baseAddress, b.count)
    }

    private struct SendablePointer: @unchecked Sendable {
        let p: UnsafeMutableRawPointer
        init(_ p: UnsafeMutableRawPointer) { self.p = p }
    }

    /// What each reading part got: (bytes, errno) per part. @unchecked: each
    /// part writes only its own slot, and the slots are read after all finish.
    public var bytes: UnsafeBufferPointer<UInt8> {
        pointer.bindMemory(to: UInt8.self)
    }

    static func errorText(_ code: Int32) -> String {
        guard let s = strerror(code) else { return "error \(code)" }
        return String(cString: s)
    }

    /// Memory a load may use: half of the tightest limit the process is under
    /// (the machine, a cgroup, `ulimit -v`: MemoryBudget.swift), so that a load
    /// is refused clearly rather than aborted by a failed allocation.
    static func memoryBudget() -> Int? { MemoryBudget.current() }
}
