// Reads a whole file as bytes, memory-mapped when it is a regular file so that a
// large CSV costs no copy. Every failure is a value with a plain-English reason.

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The bytes of a file, kept mapped (or held) for as long as this object lives.
public final class FileBytes: @unchecked Sendable {
    // @unchecked: the buffer is written once in init and only read after.
    public let pointer: UnsafeRawBufferPointer
    private let mapped: Bool
    public let size: Int
    public let modified: Int64

    public enum Failure: Error, Equatable {
        case notFound
        case isDirectory
        case notReadable(String)
        case tooLarge(size: Int, available: Int)
        case notARegularFile
    }

    /// Opens and maps `path`. `memoryLimit` refuses files that could not be
    /// loaded in the memory there is (a clear refusal beats an abort).
    public init(path: String, memoryLimit: Int? = nil) throws(Failure) {
        var st = stat()
        guard stat(path, &st) == 0 else {
            if errno == ENOENT || errno == ENOTDIR { throw .notFound }
            throw .notReadable(Self.errorText(errno))
        }
        if (st.st_mode & S_IFMT) == S_IFDIR { throw .isDirectory }
        let isRegular = (st.st_mode & S_IFMT) == S_IFREG
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw .notReadable(Self.errorText(errno)) }
        defer { close(fd) }
        modified = Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec)
        if isRegular {
            let n = Int(st.st_size)
            if let limit = memoryLimit, n > limit { throw .tooLarge(size: n, available: limit) }
            size = n
            if n == 0 {
                pointer = UnsafeRawBufferPointer(start: nil, count: 0)
                mapped = false
                return
            }
            guard let p = mmap(nil, n, PROT_READ, MAP_PRIVATE, fd, 0), p != MAP_FAILED else {
                throw .notReadable(Self.errorText(errno))
            }
            _ = madvise(p, n, MADV_SEQUENTIAL)
            pointer = UnsafeRawBufferPointer(start: p, count: n)
            mapped = true
        } else {
            // A pipe or device (e.g. /dev/stdin, a process substitution): read it all.
            var buffer: [UInt8] = []
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                let r = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                if r < 0 {
                    if errno == EINTR { continue }
                    throw .notReadable(Self.errorText(errno))
                }
                if r == 0 { break }
                buffer.append(contentsOf: chunk[0..<r])
                if let limit = memoryLimit, buffer.count > limit {
                    throw .tooLarge(size: buffer.count, available: limit)
                }
            }
            let raw = UnsafeMutableRawBufferPointer.allocate(byteCount: max(buffer.count, 1), alignment: 16)
            buffer.withUnsafeBytes { raw.copyMemory(from: $0) }
            pointer = UnsafeRawBufferPointer(start: raw.baseAddress, count: buffer.count)
            size = buffer.count
            mapped = false
        }
    }

    /// Bytes held in memory (tests and generated input).
    public init(bytes: [UInt8]) {
        let raw = UnsafeMutableRawBufferPointer.allocate(byteCount: max(bytes.count, 1), alignment: 16)
        bytes.withUnsafeBytes { raw.copyMemory(from: $0) }
        pointer = UnsafeRawBufferPointer(start: raw.baseAddress, count: bytes.count)
        size = bytes.count
        mapped = false
        modified = 0
    }

    deinit {
        if mapped {
            munmap(UnsafeMutableRawPointer(mutating: pointer.baseAddress), size)
        } else if let base = pointer.baseAddress {
            UnsafeMutableRawPointer(mutating: base).deallocate()
        }
    }

    public var bytes: UnsafeBufferPointer<UInt8> {
        pointer.bindMemory(to: UInt8.self)
    }

    static func errorText(_ code: Int32) -> String {
        guard let s = strerror(code) else { return "error \(code)" }
        return String(cString: s)
    }

    /// Physical memory that a load may use: half of what the system reports
    /// available, so that a load never pushes the machine into swapping or the OOM killer.
    public static func memoryBudget() -> Int? {
        guard let f = fopen("/proc/meminfo", "r") else { return nil }
        defer { fclose(f) }
        var line = [CChar](repeating: 0, count: 256)
        while fgets(&line, Int32(line.count), f) != nil {
            let text = String(cString: line)
            if text.hasPrefix("MemAvailable:") {
                let digits = text.filter { $0.isNumber }
                if let kb = Int(digits) { return kb * 1024 / 2 }
            }
        }
        return nil
    }
}
