// Writes a whole file safely: to a temporary file beside it, flushed, then
// renamed over the target, so a crash or a kill never leaves half a file.

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

public enum FileWriter {
    public static func write(_ text: String, to given: String) throws(Diagnostic) {
        var path = given
        var st = stat()
        if stat(given, &st) == 0 {
            // A device, pipe or socket (/dev/stdout, a FIFO) is written in place: a
            // file renamed over it would replace it (and, run as root, /dev/stdout).
            if (st.st_mode & S_IFMT) != S_IFREG && (st.st_mode & S_IFMT) != S_IFDIR {
                return try writeInPlace(text, to: given)
            }
            // A link is followed: the file it points to is replaced, not the link.
            if let resolved = realpath(given, nil) {
                path = String(cString: resolved)
                free(resolved)
            }
        }
        let temporary = path + ".tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else {
            throw Diagnostic.writeFailed(given, FileBytes.errorText(errno))
        }
        var ok = true
        var failure = ""
        if let code = writeAll(text, to: fd) {
            ok = false
            failure = FileBytes.errorText(code)
        }
        if ok && fsync(fd) != 0 {
            ok = false
            failure = FileBytes.errorText(errno)
        }
        close(fd)
        if ok && rename(temporary, path) != 0 {
            ok = false
            failure = FileBytes.errorText(errno)
        }
        if !ok {
            unlink(temporary)
            throw Diagnostic.writeFailed(given, failure)
        }
        removeAbandonedTemporaries(of: path)
    }

    /// Writes a file that a library makes itself (a workbook): `make` writes
    /// to the temporary path it is given, which is then flushed and renamed over
    /// the target as `write` does; a device or pipe gets the bytes copied in place.
    static func writeFile(to given: String, _ make: (String) throws(Diagnostic) -> Void) throws(Diagnostic) {
        var path = given
        var st = stat()
        var inPlace = false
        if stat(given, &st) == 0 {
            if (st.st_mode & S_IFMT) != S_IFREG && (st.st_mode & S_IFMT) != S_IFDIR {
                inPlace = true
            } else if let resolved = realpath(given, nil) {
                path = String(cString: resolved)
                free(resolved)
            }
        }
        // In place, the file is made in the temporary folder and copied.
        let temporary = inPlace
            ? (getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp") + "/casebook-\(getpid()).tmp"
            : path + ".tmp-\(getpid())"
        do throws(Diagnostic) {
            try make(temporary)
            if inPlace {
                guard let file = try? FileBytes(path: temporary) else {
                    throw Diagnostic.writeFailed(given, "the file was not made")
                }
                unlink(temporary)
                try writeInPlace(Array(file.pointer.bindMemory(to: UInt8.self)), to: given)
                return
            }
            let fd = open(temporary, O_RDONLY)
            if fd >= 0 {
                _ = fsync(fd)
                close(fd)
            }
            if rename(temporary, path) != 0 {
                throw Diagnostic.writeFailed(given, FileBytes.errorText(errno))
            }
        } catch {
            unlink(temporary)
            throw error
        }
        removeAbandonedTemporaries(of: path)
    }

    /// A writer killed between creating its temporary file and renaming it
    /// leaves `NAME.tmp-PID` beside the target. Once a later write of the same
    /// file has succeeded, those whose process is gone are removed.
    private static func removeAbandonedTemporaries(of path: String) {
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { String(path[..<$0]) } ?? "."
        let prefix = (slash.map { String(path[path.index(after: $0)...]) } ?? path) + ".tmp-"
        for name in Directory.list(folder.isEmpty ? "/" : folder) ?? [] where name.hasPrefix(prefix) {
            let digits = name.dropFirst(prefix.count)
            guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let pid = pid_t(digits), pid != getpid() else {
                continue
            }
            if kill(pid, 0) != 0 && errno == ESRCH { unlink(folder + "/" + name) }
        }
    }

    /// Writes into an existing file that is not a regular one (a device, a pipe).
    private static func writeInPlace(_ text: String, to path: String) throws(Diagnostic) {
        try writeInPlace(Array(text.utf8), to: path)
    }

    private static func writeInPlace(_ bytes: [UInt8], to path: String) throws(Diagnostic) {
        // Not blocking to open: a pipe that nobody reads is an error, not a hang.
        let fd = open(path, O_WRONLY | O_NONBLOCK)
        guard fd >= 0 else {
            throw Diagnostic.writeFailed(path, FileBytes.errorText(errno))
        }
        defer { close(fd) }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        if let code = writeAll(bytes, to: fd) {
            throw Diagnostic.writeFailed(path, FileBytes.errorText(code))
        }
    }

    /// Appends to a file (creating it with `mode`), flushed to disk before returning.
    public static func append(_ text: String, to path: String, mode: mode_t = 0o600) throws(Diagnostic) {
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND, mode)
        guard fd >= 0 else {
            throw Diagnostic.writeFailed(path, FileBytes.errorText(errno))
        }
        defer { close(fd) }
        _ = flock(fd, LOCK_EX)
        defer { _ = flock(fd, LOCK_UN) }
        guard writeAll(text, to: fd) == nil, fsync(fd) == 0 || errno == EINVAL else {
            throw Diagnostic.writeFailed(path, FileBytes.errorText(errno))
        }
    }

    /// Writes all of `text` to a file descriptor, retrying short and interrupted
    /// writes; the errno of a failure, or nil.
    public static func writeAll(_ text: String, to fd: Int32) -> Int32? {
        var text = text
        return text.withUTF8 { writeAll($0, to: fd) }
    }

    static func writeAll(_ bytes: [UInt8], to fd: Int32) -> Int32? {
        bytes.withUnsafeBufferPointer { writeAll($0, to: fd) }
    }

    static func writeAll(_ buf: UnsafeBufferPointer<UInt8>, to fd: Int32) -> Int32? {
        var offset = 0
        while offset < buf.count {
            let n = Glibc.write(fd, buf.baseAddress! + offset, buf.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                return errno
            }
            offset += n
        }
        return nil
    }
}
