// What the process is attached to: whether stdin and stdout are terminals, how
// wide the terminal is, whether colour is wanted, and whether it speaks UTF-8.

import CLibEdit

#if canImport(Glibc)
    import Glibc
#endif

enum TerminalInfo {
    static var stdinIsTerminal: Bool { isatty(0) == 1 }
    static var stdoutIsTerminal: Bool { isatty(1) == 1 }
    static var stderrIsTerminal: Bool { isatty(2) == 1 }

    /// Columns of the terminal, else $COLUMNS, else 100.
    static var width: Int {
        let w = Int(cb_terminal_width())
        if w > 0 { return w }
        if let c = Environment.get("COLUMNS"), let n = Int(c), n > 0 { return n }
        return 100
    }

    /// Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org).
    static var colourAvailable: Bool {
        stdoutIsTerminal && (Environment.get("NO_COLOR") ?? "").isEmpty && Environment.get("TERM") != "dumb"
    }

    /// True unless the locale says the terminal is not UTF-8.
    static var unicode: Bool {
        // The first of these that is set and not empty, as setlocale(3) reads them.
        let locale = ["LC_ALL", "LC_CTYPE", "LANG"].lazy.compactMap { Environment.get($0) }.first { !$0.isEmpty } ?? ""
        // No locale at all (a bare container) says nothing, and most terminals
        // there are UTF-8; `C` and `POSIX` say ASCII, as the docs promise.
        if locale.isEmpty { return Environment.get("TERM") != nil }
        if locale == "C" || locale == "POSIX" { return false }
        let l = locale.lowercased()
        return l.contains("utf-8") || l.contains("utf8")
    }
}

enum Environment {
    static func get(_ name: String) -> String? {
        guard let v = getenv(name) else { return nil }
        return String(cString: v)
    }
}
