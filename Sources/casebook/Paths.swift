// Where Casebook finds its datasets and keeps its state, decided once at start-up.

import CasebookCore

#if canImport(Glibc)
    import Glibc
#endif

enum Paths {
    static var home: String? { Environment.get("HOME") }

    static var currentDirectory: String {
        var buffer = [CChar](repeating: 0, count: 4096)
        guard getcwd(&buffer, buffer.count) != nil else { return "/" }
        let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `$XDG_STATE_HOME/casebook`, by default `~/.local/state/casebook`.
    static var stateDirectory: String? {
        if let xdg = Environment.get("XDG_STATE_HOME"), xdg.hasPrefix("/") { return xdg + "/casebook" }
        guard let home else { return nil }
        return home + "/.local/state/casebook"
    }

    /// The datasets folder: the flag, else $CASEBOOK_DATASETS, else a `datasets/`
    /// folder beside the executable or above it (the checkout it was built in).
    static func datasets(flag: String?) -> String? {
        if let flag { return absolute(flag) }
        if let env = Environment.get("CASEBOOK_DATASETS"), !env.isEmpty { return absolute(env) }
        var dir = executableDirectory()
        for _ in 0..<8 {
            if Directory.fileExists(dir + "/datasets/authorities.csv") { return dir + "/datasets" }
            guard let slash = dir.lastIndex(of: "/"), dir != "/" else { break }
            dir = slash == dir.startIndex ? "/" : String(dir[..<slash])
        }
        return nil
    }

    static func absolute(_ path: String) -> String {
        var p = path
        if p.hasPrefix("~/"), let home { p = home + p.dropFirst() }
        return p.hasPrefix("/") ? p : currentDirectory + "/" + p
    }

    static func executableDirectory() -> String {
        var buffer = [CChar](repeating: 0, count: 4096)
        let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard n > 0 else { return currentDirectory }
        let path = String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        guard let slash = path.lastIndex(of: "/") else { return currentDirectory }
        return String(path[..<slash])
    }

    /// Makes a folder and its parents (mode 0700 for state).
    static func makeDirectory(_ path: String, mode: mode_t = 0o700) -> Bool {
        var current = ""
        for part in path.split(separator: "/") {
            current += "/" + part
            if !Directory.exists(current) && mkdir(current, mode) != 0 && errno != EEXIST { return false }
        }
        return true
    }
}
