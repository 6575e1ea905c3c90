// The shell's history across runs: one entry per statement (a multi-line
// statement is one entry), appended and flushed as each is entered, under a
// lock so that two shells at once never interleave or lose entries. Mode 0600.
//
// Format: a header line, then one entry per line with `\` as `\\` and line
// breaks as `\n`. A damaged file (binary garbage, a torn last line) loses only
// the damaged lines, and the shell says how many.

import CasebookCore

#if canImport(Glibc)
    import Glibc
#endif

struct HistoryFile {
    let path: String
    static let header = "# casebook history v1"

    struct Loaded {
        var entries: [String]
        var damaged: Int
    }

    /// The entries in order, oldest first.
    func load() -> Loaded {
        guard let file = try? FileBytes(path: path) else { return Loaded(entries: [], damaged: 0) }
        var entries: [String] = []
        var damaged = 0
        for raw in file.bytes.split(separator: 0x0A, omittingEmptySubsequences: true) {
            var line = Array(raw)
            if line.last == 0x0D { line.removeLast() }
            if line.first == UInt8(ascii: "#") { continue }
            guard !line.contains(0), let text = String(validating: line, as: UTF8.self) else {
                damaged += 1
                continue
            }
            guard let entry = Self.decode(text) else {
                damaged += 1
                continue
            }
            if !entry.isEmpty { entries.append(entry) }
        }
        return Loaded(entries: entries, damaged: damaged)
    }

    /// Appends one entry, creating the file (and its folder) if needed.
    func append(_ entry: String) throws(Diagnostic) {
        let existed = Directory.exists(path)
        var text = Self.encode(entry) + "\n"
        if !existed { text = Self.header + "\n" + text }
        try FileWriter.append(text, to: path, mode: 0o600)
        if !existed { chmod(path, 0o600) }
    }

    static func encode(_ entry: String) -> String {
        var out = ""
        for (i, c) in entry.enumerated() {
            switch c {
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "#" where i == 0: out += "\\#"
            default: out.append(c)
            }
        }
        return out
    }

    /// nil when the line is not a valid encoding (a torn write, say).
    static func decode(_ line: String) -> String? {
        var out = ""
        var escaping = false
        for c in line {
            if escaping {
                switch c {
                case "\\": out.append("\\")
                case "n": out.append("\n")
                case "r": out.append("\r")
                case "#": out.append("#")
                default: return nil
                }
                escaping = false
            } else if c == "\\" {
                escaping = true
            } else {
                out.append(c)
            }
        }
        return escaping ? nil : out
    }
}
