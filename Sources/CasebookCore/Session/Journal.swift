// The journal of a running shell session: every statement appended and flushed
// to disk before it runs, so a crash, `kill -9` or a closed terminal loses
// nothing. A clean exit removes it (the history keeps the statements); one left
// behind by a session that died is mentioned once at the next start, with the
// command that turns it into a session file.

#if canImport(Glibc)
    import Glibc
#endif

public final class Journal {
    public let path: String
    private var started = false
    private let header: String

    /// The journal of process `processID`, started at `startedAt` (seconds since 1970).
    public init(folder: String, processID: Int, startedAt: Int) {
        let stamp = Journal.timestamp(startedAt)
        path = "\(folder)/session-\(stamp.compact)-\(processID).cb"
        header = "# Casebook journal: a shell session started \(stamp.readable) (process \(processID))\n"
    }

    public func append(_ statement: String) throws(Diagnostic) {
        let text = (started ? "" : header) + "\n" + statement + "\n"
        try FileWriter.append(text, to: path, mode: 0o600)
        started = true
    }

    /// The session ended cleanly: nothing to recover.
    public func close() {
        if started { unlink(path) }
        started = false
    }

    /// Journals of sessions that ended without `quit` or Ctrl-D, renamed so that
    /// each is mentioned only once, with how to recover it.
    public static func unfinishedNotice(in folder: String, isAlive: (Int32) -> Bool) -> [String] {
        var notices: [String] = []
        for name in Directory.list(folder) ?? [] where name.hasPrefix("session-") && name.hasSuffix(".cb") {
            let stem = name.dropFirst("session-".count).dropLast(3)
            guard let pidText = stem.split(separator: "-").last, let pid = Int32(pidText) else { continue }
            if isAlive(pid) && pid != getpid() { continue }
            let kept = "\(folder)/unfinished-\(stem).cb"
            guard rename("\(folder)/\(name)", kept) == 0 else { continue }
            let statements = Journal.statementCount(kept)
            notices.append(
                "casebook: a session ended without quitting; its \(Messages.plural(statements, "statement")) \(statements == 1 ? "is" : "are") in \(kept)\n"
                    + "  recover it as a session file: casebook replay \(kept) --save NAME")
        }
        return notices
    }

    static func statementCount(_ path: String) -> Int {
        guard let file = try? FileBytes(path: path) else { return 0 }
        let source = SourceText(name: path, text: String(decoding: file.bytes, as: UTF8.self))
        return Parser.parse(source).count
    }

    /// "20261124-154501" and "2026-11-24 15:45:01 UTC".
    static func timestamp(_ seconds: Int) -> (compact: String, readable: String) {
        var t = time_t(seconds)
        var parts = tm()
        gmtime_r(&t, &parts)
        func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let y = String(parts.tm_year + 1900), mo = two(parts.tm_mon + 1), d = two(parts.tm_mday)
        let h = two(parts.tm_hour), mi = two(parts.tm_min), s = two(parts.tm_sec)
        return ("\(y)\(mo)\(d)-\(h)\(mi)\(s)", "\(y)-\(mo)-\(d) \(h):\(mi):\(s) UTC")
    }
}
