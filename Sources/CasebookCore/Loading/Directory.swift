// Listing a folder and checking paths, with the C library (no Foundation at start-up).

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

public enum Directory {
    /// Names in a folder (without . and ..), or nil when it cannot be read.
    public static func list(_ path: String) -> [String]? {
        guard let dir = opendir(path) else { return nil }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    public static func isDirectory(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
    }

    public static func exists(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0
    }
}

extension Directory {
    public static func fileExists(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFREG
    }
}

extension Directory {
    /// Makes a folder and any missing parents.
    public static func make(_ path: String) throws(Diagnostic) {
        var current = ""
        for part in path.split(separator: "/") {
            current += "/" + part
            if !exists(current) && mkdir(current, 0o755) != 0 && errno != EEXIST {
                throw Diagnostic(
                    id: .writeFailed, message: "cannot make the folder \(current): \(FileBytes.errorText(errno))", span: nil)
            }
        }
    }
}
