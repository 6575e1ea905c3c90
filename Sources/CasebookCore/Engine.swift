// The façade of the library: source text in, rendered results and diagnostics
// out, through a sink the caller provides. The shell, scripts, session replay
// and the transcript tests all run statements through here, so they cannot
// disagree about what a statement prints.

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where the engine's text goes. The executable writes to the terminal; tests
/// and session checks collect it.
public protocol OutputSink: AnyObject {
    /// Results (stdout).
    func output(_ text: String)
    /// Errors and warnings (stderr).
    func diagnostic(_ text: String)
    /// Messages for a person at the prompt ("reading: 12 rows"); scripts drop them.
    func info(_ text: String)
}

/// Keeps what the engine prints instead of printing it (session checks, exports, tests).
public final class CollectingSink: OutputSink {
    public private(set) var stdout = ""
    public private(set) var stderr = ""
    public init() {}
    public func output(_ text: String) { stdout += text }
    public func diagnostic(_ text: String) { stderr += text }
    public func info(_ text: String) {}
}

public final class Engine {
    public let workspace: Workspace
    public var settings: Settings
    public let sink: OutputSink
    /// Relative paths in `load`, `write` and `output` start here (the script's
    /// folder, or the current folder at the prompt).
    public var baseDirectory: String
    public var homeDirectory: String?
    /// Where `save session NAME` writes.
    public var sessionsDirectory: String
    public var cancellation: Cancellation = .never
    /// Told each statement's text just before it runs (`replay` shows it above its output).
    public var willRun: ((String) -> Void)? = nil
    /// A clock for the timer, given by the caller (the library keeps no clock of its own).
    public var now: () -> Double = { 0 }

    /// The statements run so far and what they printed, for `save session`.
    public private(set) var transcript: [TranscriptEntry] = []
    private var outputPath: String? = nil
    private var oncePath: String? = nil

    public struct TranscriptEntry: Sendable {
        public var statement: String
        /// What the statement printed, rendered with the session settings.
        public var output: String
        public var failed: Bool
        /// The result as a Markdown table (its sources are in `result`), when `recordsMarkdown` is on.
        public var markdown: String? = nil
        /// The result itself (its table, or its chart), when `recordsMarkdown` is
        /// on: what a workbook or an HTML report is made from.
        public var result: RecordedResult? = nil
    }

    /// A statement's result as the exports need it: the rows a session shows.
    public enum RecordedResult: Sendable {
        /// `shown` of the table's `total` rows (the session's row limit).
        case table(Table, header: [String], notes: [String], total: Int)
        case chart(Chart, notes: [String])
    }

    /// The chart drawn last, for `save chart`.
    var lastChart: Chart? = nil
    /// Makes PNG files from SVG (the executable gives one that runs rsvg-convert).
    public var pngRenderer: ChartFile.PNGRenderer? = nil

    /// Keep a Markdown rendering of each table result (for `casebook export`).
    public var recordsMarkdown = false
    var pendingMarkdown: String? = nil
    var pendingResult: RecordedResult? = nil
    /// Warnings and notes printed while the current statement ran.
    private var pendingAsides = ""

    public init(workspace: Workspace, settings: Settings, sink: OutputSink, baseDirectory: String, sessionsDirectory: String) {
        self.workspace = workspace
        self.settings = settings
        self.sink = sink
        self.baseDirectory = baseDirectory
        self.sessionsDirectory = sessionsDirectory
    }

    public struct RunResult: Sendable {
        public var failed = false
        public var quit = false
        public var cancelled = false
    }

    /// Parses and runs every statement of `source`, printing as it goes. Stops
    /// at the first failing statement unless `keepGoing`.
    @discardableResult
    public func run(_ source: SourceText, keepGoing: Bool = false) -> RunResult {
        var result = RunResult()
        let parsed = Parser.parse(source)
        for statement in parsed {
            // A stop asked for between statements (Ctrl-C during a replay) ends the run.
            if cancellation.cancelled {
                sink.diagnostic("cancelled\n")
                result.failed = true
                result.cancelled = true
                return result
            }
            let text = source.slice(statement.span)
            willRun?(text)
            if !statement.diagnostics.isEmpty {
                sink.diagnostic(statement.diagnostics.map { renderDiagnostic($0, source) }.joined())
                record(text, statement.diagnostics.map { transcriptDiagnostic($0, source) }.joined(), failed: true)
                result.failed = true
                if keepGoing { continue }
                return result
            }
            guard let s = statement.statement else { continue }
            // Every unknown name and bad call of the statement, before any stage runs.
            let problems = resolver(source).check(s)
            if !problems.isEmpty {
                sink.diagnostic(problems.map { renderDiagnostic($0, source) }.joined())
                record(text, problems.map { transcriptDiagnostic($0, source) }.joined(), failed: true)
                result.failed = true
                if keepGoing { continue }
                return result
            }
            let outcome = execute(s, source: source, text: text)
            switch outcome {
            case .failed(let cancelled):
                result.failed = true
                if cancelled {
                    result.cancelled = true
                    return result
                }
                if !keepGoing { return result }
            case .quit:
                result.quit = true
                return result
            case .ok:
                break
            }
        }
        return result
    }

    private enum StepResult { case ok, failed(cancelled: Bool), quit }

    /// The resolver for statements of `source`, with the shapes of the workspace's tables.
    func resolver(_ source: SourceText) -> Resolver {
        let workspace = self.workspace, cancellation = self.cancellation
        return Resolver(source: source) { (name) throws(Diagnostic) in
            try workspace.schema(name, cancellation: cancellation)
        }
    }

    private func execute(_ statement: Statement, source: SourceText, text: String) -> StepResult {
        let context = EvaluationContext(workspace: workspace, cancellation: cancellation, settings: settings)
        let evaluator = Evaluator(engine: self, source: source, context: context)
        let started = now()
        let outcome: Outcome
        do {
            outcome = try evaluator.execute(statement)
        } catch {
            if error.isCancellation {
                sink.diagnostic("cancelled\n")
                return .failed(cancelled: true)
            }
            for w in LoadWarnings.drain() { warn(w) }
            sink.diagnostic(renderDiagnostic(error, source))
            record(text, transcriptDiagnostic(error, source), failed: true)
            return .failed(cancelled: false)
        }
        let elapsed = now() - started
        var recorded = ""
        switch outcome {
        case .table(let table, let header, let notes):
            recorded = deliver(table, header: header, notes: notes)
            if recordsMarkdown {
                var s = settings
                s.maxRows = settings.sessionRows
                let shown = s.maxRows.map { table.rowCount > $0 ? table.slice(0..<$0) : table } ?? table
                // Its sources are cited by the export, once for the whole report.
                pendingMarkdown = MarkdownAsides.header(header) + MarkdownWriter.write(shown)
                    + (shown.rowCount < table.rowCount ? "\n_\(Messages.plural(table.rowCount, "row")), the first \(shown.rowCount) shown._\n" : "")
                    + MarkdownAsides.notes(notes)
                pendingResult = .table(shown, header: header, notes: notes, total: table.rowCount)
            }
        case .text(let t):
            sink.output(TextWrap.lines(t, width: settings.width, hanging: 0))
            recorded = TextWrap.lines(t, width: SessionFormat.width, hanging: 0)
        case .chart(let chart, let notes, let path):
            recorded = deliver(chart, notes: notes, path: path)
        case .info(let t):
            sink.info(t + "\n")
        case .quit:
            return .quit
        case .nothing:
            break
        }
        // A result that could not be written to its file fails the statement, there.
        if var failure = deliveryFailure {
            deliveryFailure = nil
            if failure.span == nil { failure.span = statement.span }
            sink.diagnostic(renderDiagnostic(failure, source))
            record(text, recorded + transcriptDiagnostic(failure, source), failed: true)
            return .failed(cancelled: false)
        }
        // A cached file found damaged while its columns were read (ColumnStore.swift).
        for w in LoadWarnings.drain() { warn(w) }
        // Settings and help are not timed (`set timer on` printed its own "0.0 ms").
        if settings.timer, statement.isTimed {
            aside(
                elapsed < 0.000_05
                    ? "Run time: under 0.1 ms\n"
                    : elapsed < 1
                    ? "Run time: \(NumberText.fixed(elapsed * 1000, decimals: 1)) ms\n"
                    : "Run time: \(NumberText.fixed(elapsed, decimals: 2)) s\n")
        }
        record(text, recorded, failed: false)
        return .ok
    }

    /// Prints a table (or writes it to the file chosen with `output`/`once`),
    /// with its header and notes; returns the text to record in the transcript.
    func deliver(_ table: Table, header: [String], notes: [String]) -> String {
        var renderer = ResultRenderer(settings: settings)
        var extra = notes.map { "note: \($0)\n" }.joined()
        if settings.showSources, !table.sources.isEmpty {
            extra += SourceCitation.lines(table.sources).map { $0 + "\n" }.joined()
        }
        let top = header.map { $0 + "\n" }.joined()
        if let path = oncePath ?? outputPath, WorkbookPath.isWorkbook(path) {
            // A workbook gets a sheet per result: written again whole with each one.
            var sheets = oncePath != nil || !outputStarted.contains(path) ? [] : (outputSheets[path] ?? [])
            sheets.append(WorkbookSheet(name: "Result \(sheets.count + 1)", title: header, table: table, notes: notes))
            do {
                try WorkbookWriter.write(sheets, title: WorkbookPath.stem(path), to: path)
                if oncePath == nil {
                    outputStarted.insert(path)
                    outputSheets[path] = sheets
                }
                sink.info("wrote \(Messages.plural(table.rowCount, "row")) to \(path)\n")
            } catch {
                deliveryFailure = error
            }
            oncePath = nil
            if !extra.isEmpty { aside(extra) }
            return ""
        }
        if let path = oncePath ?? outputPath {
            let format = ResultRenderer.format(forPath: path) ?? settings.format
            renderer.settings.colour = false
            renderer.settings.maxRows = nil
            let body = renderer.render(table, format: format)
            do {
                if oncePath != nil || !outputStarted.contains(path) {
                    try FileWriter.write(body, to: path)
                    outputStarted.insert(path)
                } else {
                    try FileWriter.append("\n" + body, to: path, mode: 0o644)
                }
                sink.info("wrote \(Messages.plural(table.rowCount, "row")) to \(path)\n")
            } catch {
                deliveryFailure = error
            }
            oncePath = nil
            if !extra.isEmpty { aside(extra) }
            return ""
        }
        switch settings.format {
        case .table:
            sink.output(
                TextWrap.lines(top, width: settings.width) + renderer.render(table) + TextWrap.lines(extra, width: settings.width))
        case .markdown:
            // Markdown is a document, not data for a program, so its header and notes
            // are part of it: header, table, notes, then the sources cited.
            sink.output(
                MarkdownAsides.header(header) + MarkdownWriter.write(table) + MarkdownAsides.notes(notes)
                    + renderer.footnote(table))
        case .csv, .tsv, .json:
            if !top.isEmpty { sink.diagnostic(top) }
            sink.output(renderer.render(table))
            if !extra.isEmpty { sink.diagnostic(extra) }
        }
        return transcriptText(table, header: header, notes: notes)
    }

    private var outputStarted = Set<String>()
    /// The results sent so far to each workbook named by `output`.
    private var outputSheets: [String: [WorkbookSheet]] = [:]
    /// Why the current statement's result could not be written to its file.
    var deliveryFailure: Diagnostic? = nil

    /// Notes and timings: beside a table at the prompt and in Markdown, on stderr beside CSV, TSV or JSON.
    private func aside(_ text: String) {
        switch settings.format {
        case .table: sink.output(text)
        case .markdown: sink.output("\n" + text)
        case .csv, .tsv, .json: sink.diagnostic(text)
        }
    }

    func warn(_ line: String) {
        sink.diagnostic("warning: " + line + "\n")
        pendingAsides += "warning: " + line + "\n"
    }

    /// Something the user should know that is not a problem (what `load` did to a file).
    func note(_ line: String) {
        sink.diagnostic("note: " + line + "\n")
        pendingAsides += "note: " + line + "\n"
    }

    /// A table as a session file records it: always the aligned table at a
    /// fixed width, so a session checks the same on any terminal.
    func transcriptText(_ table: Table, header: [String], notes: [String]) -> String {
        var s = settings
        s.colour = false
        s.width = SessionFormat.width
        s.format = .table
        s.maxRows = settings.sessionRows
        s.unicode = settings.sessionUnicode
        s.accessible = settings.sessionAccessible
        return header.map { $0 + "\n" }.joined() + ResultRenderer(settings: s).render(table)
            + notes.map { "note: \($0)\n" }.joined()
    }

    private func record(_ statement: String, _ output: String, failed: Bool) {
        // Warnings and notes a statement printed (a load's report) are part of what it showed.
        transcript.append(
            TranscriptEntry(statement: statement, output: pendingAsides + output, failed: failed, markdown: pendingMarkdown,
                result: failed ? nil : pendingResult))
        pendingMarkdown = nil
        pendingResult = nil
        pendingAsides = ""
    }

    public func renderDiagnostic(_ d: Diagnostic, _ source: SourceText?) -> String {
        DiagnosticRenderer(colour: settings.colour, width: settings.width, accessible: settings.accessible).render(d, in: source)
    }

    /// A diagnostic as a session file records it: no colour, the session width.
    func transcriptDiagnostic(_ d: Diagnostic, _ source: SourceText?) -> String {
        DiagnosticRenderer(colour: false, width: SessionFormat.width, accessible: settings.sessionAccessible).render(d, in: source)
    }

    // MARK: - Paths

    /// An absolute path for `path`: `~` expanded, relative paths from `baseDirectory`.
    public func resolve(_ path: String) -> String {
        var p = path
        if p == "~" || p.hasPrefix("~/"), let home = homeDirectory {
            p = home + p.dropFirst()
        }
        if !p.hasPrefix("/") { p = baseDirectory + "/" + p }
        return PathText.normalise(p)
    }

    func readablePath(_ path: String, span: SourceSpan) throws(Diagnostic) -> String {
        let resolved = resolve(path)
        guard settings.safe else { return resolved }
        // Links are followed first: a link inside an allowed folder may point anywhere.
        let real = PathText.real(resolved)
        if !settings.allowedFolders.contains(where: { PathText.isInside(real, PathText.real($0)) }) {
            throw Diagnostic(
                id: "safe-mode", message: "safe mode: reading \(path) is not allowed", span: span,
                help: "in safe mode only the datasets folder and the session's own folder can be read")
        }
        return real
    }

    func writablePath(_ path: String, span: SourceSpan?) throws(Diagnostic) -> String {
        if settings.safe {
            throw Diagnostic(
                id: "safe-mode", message: "safe mode: writing \(path) is not allowed", span: span,
                help: "run without --safe to write files")
        }
        switch settings.writes {
        case .anywhere:
            return resolve(path)
        case .nowhere(let command):
            // A session checked in CI must not be able to write (to ~/.bashrc, say) and still pass.
            throw Diagnostic(
                id: "no-writes", message: "\(command) does not write files: \(path) was not written", span: span,
                help: "`casebook replay` runs a session's writes, inside the session's folder")
        case .inside(let folders, let flag):
            // Links are followed first: a link inside the folder may point anywhere.
            let real = PathText.real(resolve(path))
            if !folders.contains(where: { PathText.isInside(real, PathText.real($0)) }) {
                throw Diagnostic(
                    id: "write-outside", message: "writing \(path) is not allowed: it is outside the session's folder",
                    span: span, help: "`\(flag)` lets a session you trust write anywhere")
            }
            return real
        }
    }

    // MARK: - Settings and redirection

    func redirect(path: String?, span: SourceSpan?, once: Bool) throws(Diagnostic) -> Outcome {
        guard let path else {
            outputPath = nil
            return .info("results go to the screen again")
        }
        let resolved = try writablePath(path, span: span)
        try WorkbookPath.refuseOldExcel(path, span: span)
        if once {
            oncePath = resolved
            return .info("the next result goes to \(path)")
        }
        outputPath = resolved
        outputStarted.remove(resolved)
        return .info("results go to \(path) until `output off`")
    }

    /// Applies a setting whose value the parser has already checked against its declaration.
    func applySetting(_ setting: SettingWord, _ value: SettingValue, written: NameRef) -> Outcome {
        switch (setting, value) {
        case (.format, .choice(let v)):
            settings.format = OutputFormat(rawValue: v == "md" ? OutputFormat.markdown.rawValue : v) ?? settings.format
        case (.rows, .count(let n)):
            settings.maxRows = n
            settings.sessionRows = settings.maxRows
        case (.timer, .flag(let on)): settings.timer = on
        case (.width, .count(let n)): settings.width = n ?? defaultWidth
        case (.colour, .flag(let on)): settings.colour = on && colourAvailable
        case (.accessible, .flag(let on)):
            settings.accessible = on
            settings.sessionAccessible = on
        case (.sources, .flag(let on)): settings.showSources = on
        case (.chars, .choice(let v)):
            settings.unicode = v != "ascii"
            settings.sessionUnicode = settings.unicode
        case (.limit, .count(let n)): settings.rowLimit = n ?? settings.rowLimit
        case (.neighbours, .choice(let v)): settings.neighbourModel = v
        default:
            // The declaration decides the kind of value; a mismatch is a mistake in the registry.
            preconditionFailure("setting \(setting) given \(value)")
        }
        return .info("\(setting.name) is \(written.name)")
    }

    /// Each setting's value as `set` would take it, for `set` alone.
    func settingText(_ setting: SettingWord) -> String {
        func onOff(_ b: Bool) -> String { b ? "on" : "off" }
        switch setting {
        case .format: return settings.format.rawValue
        case .rows: return settings.maxRows.map(String.init) ?? "all"
        case .timer: return onOff(settings.timer)
        case .width: return String(settings.width)
        case .colour: return onOff(settings.colour)
        case .accessible: return onOff(settings.accessible)
        case .sources: return onOff(settings.showSources)
        case .neighbours: return settings.neighbourModel
        case .limit: return String(settings.rowLimit)
        case .chars: return settings.unicode ? "unicode" : "ascii"
        }
    }

    /// `set` alone: every setting, its value and the values it takes; `set OPTION`: that one.
    func settingsText(only: SettingWord?) -> String {
        let words = only.map { [$0] } ?? SettingWord.allCases
        let rows = words.map { ("set \($0.name) \(settingText($0))", "(\($0.valueForm))") }
        let width = (rows.map(\.0.count).max() ?? 0) + 3
        return rows.map { $0.0.rightPadded(to: width) + $0.1 + "\n" }.joined()
    }

    /// The width to go back to with `set width auto` (the terminal's, given by the shell).
    public var defaultWidth = 100
    /// Whether colour can be turned on (false when stdout is not a terminal or NO_COLOR is set).
    public var colourAvailable = false

    // MARK: - Sessions

    func saveSession(path: String, span: SourceSpan, replace: Bool) throws(Diagnostic) -> Outcome {
        var target = path
        if !path.contains("/") && !path.hasSuffix(".cb") { target = sessionsDirectory + "/" + path + ".cb" }
        let resolved = try writablePath(target, span: span)
        let entries = transcript.filter { !$0.failed && !SessionFormat.isSessionCommand($0.statement) }
        // An existing session is written over only when asked, and then keeps
        // its hand-written comments: the header, and those above a statement
        // that is saved again.
        var kept = SessionComments(header: nil, above: [:], order: [])
        if Directory.fileExists(resolved) {
            guard replace else {
                throw Diagnostic(
                    id: "session-exists", message: "\(target) already exists", span: span,
                    help: "`save session \(path) replace` writes over it (keeping its comments), or choose another name")
            }
            if let old = try? FileBytes(path: resolved) {
                kept = SessionComments.read(SourceText(name: resolved, text: String(decoding: old.bytes, as: UTF8.self)))
            }
        }
        let text = SessionFormat.write(
            name: path, entries: entries, header: kept.header, comments: kept.above,
            trailing: kept.orphans(entries.map(\.statement)))
        do throws(Diagnostic) {
            if let slash = resolved.lastIndex(of: "/"), !Directory.isDirectory(String(resolved[..<slash])) {
                try Directory.make(String(resolved[..<slash]))
            }
            try FileWriter.write(text, to: resolved)
        } catch {
            throw error.placed(at: span)
        }
        return .info("saved \(Messages.plural(entries.count, "statement")) to \(target)")
    }
}

/// Path text without Foundation: normalising `.` and `..`, and containment.
enum PathText {
    static func normalise(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." {
                if !parts.isEmpty { parts.removeLast() }
                continue
            }
            parts.append(part)
        }
        return "/" + parts.joined(separator: "/")
    }

    /// `path` with every symbolic link resolved (realpath); for a path that does
    /// not exist, its deepest existing folder resolved and the rest added.
    static func real(_ path: String) -> String {
        let p = normalise(path)
        if let resolved = realpath(p, nil) {
            defer { free(resolved) }
            return String(cString: resolved)
        }
        guard let slash = p.lastIndex(of: "/"), slash != p.startIndex else { return p }
        let parent = real(String(p[..<slash]))
        return (parent == "/" ? "" : parent) + p[slash...]
    }

    /// Whether `path` is `folder` or inside it, compared as bytes: Swift's String
    /// comparison treats canonically equivalent Unicode as equal, so "café" (é
    /// as one code point) would match a byte-different sibling "café" (e and a
    /// combining accent), which the file system keeps apart.
    static func isInside(_ path: String, _ folder: String) -> Bool {
        let f = Array(normalise(folder).utf8)
        let p = Array(normalise(path).utf8)
        if p == f || f == [UInt8(ascii: "/")] { return true }
        return p.count > f.count && p.starts(with: f) && p[f.count] == UInt8(ascii: "/")
    }
}
