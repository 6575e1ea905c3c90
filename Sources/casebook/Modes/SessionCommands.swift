// `casebook replay FILE`, `casebook check FILE` and `casebook export FILE`: a
// saved session run again, checked against its recorded answers, or turned
// into Markdown for a report. Relative paths in the session are taken from the
// session file's folder, so none of this depends on the current directory.

import ArgumentParser
import CasebookCore

#if canImport(Glibc)
    import Glibc
#endif

enum SessionRun {
    /// The session's text and folder, or a message and status.
    static func open(_ path: String) -> (SourceText, String)? {
        guard let text = ScriptRunner.readAll(path: path, shown: path) else { return nil }
        return (SourceText(name: path, text: text), folder(of: path))
    }

    /// The folder a session's relative paths start from (and safe mode may
    /// read): the folder its file is in; for a session read from a device or a
    /// pipe (`/dev/stdin`, `<(…)`), which has no folder of its own, the current
    /// one — never /dev or /proc/self/fd.
    static func folder(of path: String) -> String {
        let absolute = Paths.absolute(path)
        var st = stat()
        guard stat(absolute, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return Paths.currentDirectory }
        return absolute.lastIndex(of: "/").map { String(absolute[..<$0]) } ?? Paths.currentDirectory
    }

    static func engine(_ shared: SharedOptions, folder: String, sink: OutputSink?, writes: WritePolicy) -> Engine? {
        guard var options = try? shared.engineOptions(interactive: false) else { return nil }
        options.allowedFolders.append(folder)
        options.writes = writes
        do {
            return try Setup.makeEngine(options, baseDirectory: folder, sink: sink).0
        } catch {
            Console.write("casebook: \(error.message)\n", to: 2)
            return nil
        }
    }
}

struct Replay: ParsableCommand, StatusCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a saved session (or a journal) and print its outputs.")

    @Argument(help: "The session file.") var file: String
    @Option(name: .long, help: "Save the replayed session, with its outputs, as sessions/NAME.cb (or to a path ending .cb).")
    var save: String?
    @Flag(name: .long, help: "Run on after a failing statement.") var keepGoing = false
    @Flag(name: .long, help: "Let the session's statements write files outside its own folder (only for a session you trust).")
    var allowWrites = false
    @OptionGroup var shared: SharedOptions

    mutating func execute() -> ExitStatus {
        if shared.safe, let save {
            Console.write("casebook: safe mode: --save \(save) would write a file, which is not allowed\n", to: 2)
            return .failure
        }
        guard let (source, folder) = SessionRun.open(file) else { return .usage }
        // A session writes inside its own folder unless the user allows more.
        let writes: WritePolicy = allowWrites ? .anywhere : .inside([folder], allowFlag: "casebook replay --allow-writes")
        guard let engine = SessionRun.engine(shared, folder: folder, sink: nil, writes: writes) else { return .usage }
        Interrupts.install()
        // Each statement is shown as the shell showed it, above its output, so the
        // outputs can be told apart and read as the session was.
        var first = true
        engine.willRun = { statement in
            Console.write((first ? "" : "\n") + Self.echo(statement), to: 1)
            first = false
        }
        let result = engine.run(source, keepGoing: keepGoing)
        if result.cancelled {
            Console.write("casebook: replay stopped at Ctrl-C\n", to: 2)
            return .failure
        }
        if let save {
            let target = save.contains("/") || save.hasSuffix(".cb") ? save : "sessions/\(save).cb"
            let entries = engine.transcript.filter { !$0.failed && !SessionFormat.isSessionCommand($0.statement) }
            let path = Paths.absolute(target)
            // `--save NAME` goes to sessions/NAME.cb: make the folder on first use.
            if let slash = path.lastIndex(of: "/"), slash != path.startIndex {
                _ = Paths.makeDirectory(String(path[..<slash]), mode: 0o755)
            }
            do {
                try FileWriter.write(SessionFormat.write(name: save, entries: entries), to: path)
                Console.write("casebook: saved \(Messages.plural(entries.count, "statement")) to \(target)\n", to: 2)
            } catch {
                Console.write("casebook: \(error.message)\n", to: 2)
                return .failure
            }
        }
        return result.failed ? .failure : .success
    }

    /// A statement after the shell's prompts: `casebook> ` on its first line, `...> ` on the rest.
    static func echo(_ statement: String) -> String {
        statement.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map {
            ($0.offset == 0 ? InteractiveShell.prompt : InteractiveShell.continuation) + $0.element + "\n"
        }.joined()
    }
}

struct Check: ParsableCommand, StatusCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a saved session again and compare every output with the recorded one (exit 1 on any difference).")

    @Argument(help: "The session files.") var files: [String]
    @Flag(name: .long, help: "Write today's outputs into the file in place of the recorded ones.")
    var update = false
    @OptionGroup var shared: SharedOptions

    mutating func execute() -> ExitStatus {
        if shared.safe && update {
            Console.write("casebook: safe mode: --update would rewrite the session files, which is not allowed\n", to: 2)
            return .failure
        }
        var status = ExitStatus.success
        for file in files {
            let s = checkOne(file)
            if s != .success { status = s == .usage ? .usage : (status == .usage ? .usage : .failure) }
        }
        return status
    }

    private func checkOne(_ file: String) -> ExitStatus {
        guard let (source, folder) = SessionRun.open(file) else { return .usage }
        let sink = CollectingSink()
        // What CI runs on contributed sessions: their statements never write.
        guard let engine = SessionRun.engine(shared, folder: folder, sink: sink, writes: Self.writes) else { return .usage }
        Interrupts.install()
        let statements = SessionFile.statements(source)
        let result = engine.run(source, keepGoing: true)
        if result.cancelled {
            Console.write("casebook: check stopped at Ctrl-C\n", to: 2)
            return .failure
        }
        // Nothing to check is not a pass: a session emptied by accident (or cut
        // short before its first statement) must not go green in CI.
        if statements.isEmpty {
            Console.write("\(file): no statements to check\n", to: 2)
            return .failure
        }
        let report = SessionCheck.compare(source, statements: statements, transcript: engine.transcript)
        if update {
            let text = SessionCheck.updatedText(source, report: report, transcript: engine.transcript) { moved in
                guard let again = SessionRun.engine(shared, folder: folder, sink: CollectingSink(), writes: Self.writes) else {
                    return []
                }
                again.run(moved, keepGoing: true)
                return again.transcript
            }
            do {
                try FileWriter.write(text, to: Paths.absolute(file))
            } catch {
                Console.write("casebook: \(error.message)\n", to: 2)
                return .failure
            }
            Console.write(
                "\(file): updated the outputs of \(Messages.plural(report.differences.count, "statement"))\n", to: 1)
            return .success
        }
        if report.differences.isEmpty {
            Console.write("\(file): \(Messages.plural(report.statements, "statement")) checked, all outputs match\n", to: 1)
            return .success
        }
        for d in report.differences {
            let first = d.statement.text.split(separator: "\n").first.map(String.init) ?? ""
            Console.write("\(file):\(d.statement.line): the output of this statement has changed\n", to: 1)
            Console.write("    \(first)\(d.statement.text.contains("\n") ? " …" : "")\n", to: 1)
            for line in Self.withContext(d.diff) { Console.write("    \(line)\n", to: 1) }
        }
        Console.write(
            "\(file): \(Messages.plural(report.differences.count, "statement")) of \(report.statements) "
                + (report.differences.count == 1 ? "differs " : "differ ")
                + "(`casebook check --update \(file)` records today's outputs)\n", to: 1)
        return .failure
    }

    static let writes = WritePolicy.nowhere(command: "`casebook check`")

    /// Changed lines with two lines of context, gaps shown as "…".
    static func withContext(_ diff: [String]) -> [String] {
        let changed = diff.indices.filter { !diff[$0].hasPrefix("  ") }
        var keep = Set<Int>()
        for i in changed { for k in max(0, i - 2)...min(diff.count - 1, i + 2) { keep.insert(k) } }
        var out: [String] = []
        var last = -1
        for i in keep.sorted() {
            if last >= 0 && i > last + 1 { out.append("  …") }
            out.append(diff[i])
            last = i
        }
        return out
    }
}

struct Export: ParsableCommand, StatusCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a saved session and write it as a report: Markdown (the default), an HTML page (--html) or an Excel workbook (--xlsx).",
        discussion: """
            Markdown and HTML go to standard output unless -o names a file. A workbook is written to -o FILE, \
            or to NAME.xlsx in the current folder for a session NAME.cb. The format also follows \
            the extension of -o (.html, .xlsx, .md).
            """)

    @Argument(help: "The session file.") var file: String
    @Option(name: .shortAndLong, help: "Write to this file (default: standard output for Markdown).") var output: String?
    @Flag(name: .long, help: "Write an Excel workbook: a sheet per result, a Sources sheet.") var xlsx = false
    @Flag(name: .long, help: "Write one self-contained HTML page: tables, charts, notes and sources as footnotes.")
    var html = false
    @OptionGroup var shared: SharedOptions

    enum Format { case markdown, html, xlsx }

    var format: Format {
        if xlsx { return .xlsx }
        if html { return .html }
        let lower = output?.lowercased() ?? ""
        if lower.hasSuffix(".xlsx") { return .xlsx }
        if lower.hasSuffix(".html") || lower.hasSuffix(".htm") { return .html }
        return .markdown
    }

    func validate() throws {
        if xlsx && html { throw ValidationError("choose one of --html and --xlsx") }
    }

    mutating func execute() -> ExitStatus {
        guard let (source, folder) = SessionRun.open(file) else { return .usage }
        let format = self.format
        // A workbook is a file: without -o it is named after the session.
        var target = output
        if format == .xlsx, target == nil {
            let name = file.split(separator: "/").last.map(String.init) ?? file
            target = (name.hasSuffix(".cb") ? String(name.dropLast(3)) : name) + ".xlsx"
        }
        if let target, shared.safe {
            Console.write("casebook: safe mode: writing \(target) is not allowed\n", to: 2)
            return .failure
        }
        let sink = CollectingSink()
        let writes = WritePolicy.nowhere(command: "`casebook export`")
        guard let engine = SessionRun.engine(shared, folder: folder, sink: sink, writes: writes) else { return .usage }
        engine.recordsMarkdown = true
        Interrupts.install()
        let statements = SessionFile.statements(source)
        let result = engine.run(source, keepGoing: true)
        if result.cancelled { return .failure }
        do throws(Diagnostic) {
            switch format {
            case .markdown, .html:
                let text = format == .html
                    ? SessionHTML.render(source: source, statements: statements, transcript: engine.transcript)
                    : SessionMarkdown.render(source: source, statements: statements, transcript: engine.transcript)
                if let target {
                    try FileWriter.write(text, to: Paths.absolute(target))
                } else {
                    Console.write(text, to: 1)
                }
            case .xlsx:
                let sheets = SessionWorkbook.sheets(source: source, statements: statements, transcript: engine.transcript)
                let title = SessionWorkbook.introduction(source).first ?? file
                try WorkbookWriter.write(sheets, title: title, to: Paths.absolute(target!))
                Console.write("casebook: wrote \(Messages.plural(sheets.count - 1, "result")) to \(target!)\n", to: 2)
            }
        } catch {
            Console.write("casebook: \(error.message)\n", to: 2)
            return .failure
        }
        return result.failed ? .failure : .success
    }
}
