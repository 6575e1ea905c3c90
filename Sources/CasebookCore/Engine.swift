// The façade of the library: source text in, rendered results and diagnostics
// out, through a sink the caller provides. The shell, scripts, session replay
// and the transcript tests all run statements through here, so they cannot
// disagree about what a statement prints. Each statement becomes a
// `StatementResult`; the `Presenter` alone turns that into text.

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
    /// Settings for the screen: flags and the terminal, then `set`.
    public var settings: Settings
    /// Settings a session file records with: only the session's own `set`
    /// statements change them (rows, chars, accessible), never a flag or the
    /// terminal, so that a session checks the same everywhere.
    private(set) var recordSettings = Settings()
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
    private var outputStarted = Set<String>()
    /// The results sent so far to each workbook named by `output`.
    private var outputSheets: [String: [WorkbookSheet]] = [:]

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
        /// Each statement run, in order, with what it produced and raised.
        public var statements: [StatementResult] = []
    }

    var presenter: Presenter { Presenter(screen: settings, record: recordSettings, keepsResults: recordsMarkdown) }

    /// Parses and runs every statement of `source`, printing as it goes. Stops
    /// at the first failing statement unless `keepGoing`.
    @discardableResult
    public func run(_ source: SourceText, keepGoing: Bool = false) -> RunResult {
        var run = RunResult()
        for statement in Parser.parse(source) {
            // A stop asked for between statements (Ctrl-C during a replay) ends the run.
            if cancellation.cancelled {
                var stopped = StatementResult(text: source.slice(statement.span))
                stopped.cancelled = true
                present(stopped, source, into: &run)
                return run
            }
            var result = StatementResult(text: source.slice(statement.span))
            willRun?(result.text)
            if !statement.diagnostics.isEmpty {
                result.diagnostics = statement.diagnostics
            } else if let s = statement.statement {
                // Every unknown name and bad call of the statement, before any stage runs.
                let problems = resolver(source).check(s)
                result = problems.isEmpty ? execute(s, source: source, text: result.text) : result
                if !problems.isEmpty { result.diagnostics = problems }
            } else {
                continue
            }
            present(result, source, into: &run)
            if result.cancelled || result.quits { return run }
            if result.failed && !keepGoing { return run }
        }
        return run
    }

    /// Shows a statement's result, records it for the session, and counts it in the run.
    private func present(_ result: StatementResult, _ source: SourceText, into run: inout RunResult) {
        let presenter = self.presenter
        presenter.show(result, source: source, to: sink)
        if let entry = presenter.entry(result, source: source) { transcript.append(entry) }
        run.statements.append(result)
        if result.failed { run.failed = true }
        if result.cancelled { run.cancelled = true }
        if result.quits { run.quit = true }
    }

    /// The resolver for statements of `source`, with the shapes of the workspace's tables.
    func resolver(_ source: SourceText) -> Resolver {
        let workspace = self.workspace, cancellation = self.cancellation
        return Resolver(source: source) { (name) throws(Diagnostic) in
            try workspace.schema(name, cancellation: cancellation)
        }
    }

    /// Runs one resolved statement and sends its result where it goes (a file
    /// chosen with `output`, `once` or `chart … to`); prints nothing.
    private func execute(_ statement: Statement, source: SourceText, text: String) -> StatementResult {
        var result = StatementResult(text: text)
        let context = EvaluationContext(workspace: workspace, cancellation: cancellation, settings: settings, files: files)
        let started = now()
        do throws(Diagnostic) {
            if let own = try runsItself(statement) {
                result.outcome = own
            } else {
                result.outcome = try Evaluator(source: source, context: context).execute(statement)
            }
        } catch {
            if error.isCancellation {
                result.cancelled = true
                return result
            }
            result.diagnostics = context.asides + cacheWarnings() + [error]
            return result
        }
        let elapsed = now() - started
        result.diagnostics = context.asides
        // A result that could not be written to its file fails the statement, there.
        do throws(Diagnostic) {
            result.delivered = try deliver(result.outcome!)
        } catch {
            result.diagnostics.append(error.placed(at: statement.span))
        }
        // A cached file found damaged while its columns were read (ColumnStore.swift).
        result.diagnostics.insert(contentsOf: cacheWarnings(), at: context.asides.count)
        // Settings and help are not timed (`set timer on` printed its own "0.0 ms").
        if settings.timer, statement.isTimed { result.elapsed = elapsed }
        return result
    }

    /// Statements about the engine's own state: settings, where results go, the
    /// session so far and the chart drawn last. Nil for the rest, which the evaluator runs.
    private func runsItself(_ statement: Statement) throws(Diagnostic) -> Outcome? {
        switch statement.kind {
        case .set(let setting, let value, _, let written): return applySetting(setting, value, written: written)
        case .showSettings(let only): return .text(settingsText(only: only))
        case .output(let path, let span): return try redirect(path: path, span: span, once: false)
        case .once(let path, let span): return try redirect(path: path, span: span, once: true)
        case .saveSession(let path, let span, let replace): return try saveSession(path: path, span: span, replace: replace)
        case .saveChart(let path, let span): return try saveChart(path: path, span: span)
        case .pipeline, .bind, .datasets, .help, .describeColumns, .load, .forget, .quit: return nil
        }
    }

    private func cacheWarnings() -> [Diagnostic] {
        (workspace.columnCache?.warnings.drain() ?? []).map { Diagnostic(.warning, id: .cacheDamaged, message: $0, span: nil) }
    }

    /// Sends a table or chart to the file chosen for it, if any; returns what
    /// to tell the person ("wrote 12 rows to r.csv"), or nil when it goes to the screen.
    private func deliver(_ outcome: Outcome) throws(Diagnostic) -> String? {
        switch outcome {
        case .table(let table, let header, let notes):
            guard let path = oncePath ?? outputPath else { return nil }
            defer { oncePath = nil }
            if WorkbookPath.isWorkbook(path) {
                // A workbook gets a sheet per result: written again whole with each one.
                var sheets = oncePath != nil || !outputStarted.contains(path) ? [] : (outputSheets[path] ?? [])
                sheets.append(WorkbookSheet(name: "Result \(sheets.count + 1)", title: header, table: table, notes: notes))
                try WorkbookWriter.write(sheets, title: WorkbookPath.stem(path), to: path)
                if oncePath == nil {
                    outputStarted.insert(path)
                    outputSheets[path] = sheets
                }
            } else {
                var renderer = ResultRenderer(settings: settings)
                renderer.settings.colour = false
                renderer.settings.maxRows = nil
                let body = renderer.render(table, format: ResultRenderer.format(forPath: path) ?? settings.format)
                if oncePath != nil || !outputStarted.contains(path) {
                    try FileWriter.write(body, to: path)
                    outputStarted.insert(path)
                } else {
                    try FileWriter.append("\n" + body, to: path, mode: 0o644)
                }
            }
            return "wrote \(Messages.plural(table.rowCount, "row")) to \(path)"
        case .chart(let chart, _, let path):
            lastChart = chart
            guard let path else { return nil }
            try ChartFile.write(chart, to: path, shown: path, span: nil, png: pngRenderer)
            return "wrote the chart to \(path)"
        case .text, .info, .quit, .nothing:
            return nil
        }
    }

    func renderDiagnostic(_ d: Diagnostic, _ source: SourceText?) -> String {
        DiagnosticRenderer(colour: settings.colour, width: settings.width, accessible: settings.accessible).render(d, in: source)
    }

    // MARK: - Paths

    /// What this engine's statements may read and write, and where relative paths start.
    var files: FileAccess {
        FileAccess(baseDirectory: baseDirectory, homeDirectory: homeDirectory, settings: settings)
    }

    /// An absolute path for `path`: `~` expanded, relative paths from `baseDirectory`.
    func resolve(_ path: String) -> String { files.resolve(path) }

    func writablePath(_ path: String, span: SourceSpan?) throws(Diagnostic) -> String {
        try files.writablePath(path, span: span)
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

    /// Applies a setting whose value the parser has already checked against its
    /// declaration, to the screen's settings and to those the session records with.
    func applySetting(_ setting: SettingWord, _ value: SettingValue, written: NameRef) -> Outcome {
        apply(setting, value, to: &settings)
        apply(setting, value, to: &recordSettings)
        return .info("\(setting.name) is \(written.name)")
    }

    private func apply(_ setting: SettingWord, _ value: SettingValue, to settings: inout Settings) {
        switch (setting, value) {
        case (.format, .choice(let v)):
            settings.format = OutputFormat(rawValue: v == "md" ? OutputFormat.markdown.rawValue : v) ?? settings.format
        case (.rows, .count(let n)): settings.maxRows = n
        case (.timer, .flag(let on)): settings.timer = on
        case (.width, .count(let n)): settings.width = n ?? defaultWidth
        case (.cells, .count(let n)): settings.textWidth = n.map { .at($0) } ?? .auto
        case (.cells, .choice): settings.textWidth = .full
        case (.view, .choice(let v)): settings.view = TableView(rawValue: v) ?? .auto
        case (.colour, .flag(let on)): settings.colour = on && colourAvailable
        case (.accessible, .flag(let on)): settings.accessible = on
        case (.sources, .flag(let on)): settings.showSources = on
        case (.chars, .choice(let v)): settings.unicode = v != "ascii"
        case (.limit, .count(let n)): settings.rowLimit = n ?? settings.rowLimit
        case (.neighbours, .choice(let v)): settings.neighbourModel = v
        default:
            // The declaration decides the kind of value; a mismatch is a mistake in the registry.
            preconditionFailure("setting \(setting) given \(value)")
        }
    }

    /// Each setting's value as `set` would take it, for `set` alone.
    func settingText(_ setting: SettingWord) -> String {
        func onOff(_ b: Bool) -> String { b ? "on" : "off" }
        switch setting {
        case .format: return settings.format.rawValue
        case .rows: return settings.maxRows.map(String.init) ?? "all"
        case .timer: return onOff(settings.timer)
        case .width: return String(settings.width)
        case .cells:
            switch settings.textWidth {
            case .auto: return "auto"
            case .full: return "full"
            case .at(let n): return String(n)
            }
        case .view: return settings.view.rawValue
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
                    id: .sessionExists, message: "\(target) already exists", span: span,
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
