// Builds the engine the way every mode needs it: datasets found, settings from
// the flags and the terminal, output to the console.

import CasebookCore

#if canImport(Glibc)
    import Glibc
#endif

struct EngineOptions {
    var datasets: String?
    var format: OutputFormat?
    var safe = false
    var accessible = false
    var interactive = false
    /// Folders a safe-mode run may read (besides the datasets).
    var allowedFolders: [String] = []
    /// Where statements may write (`check` and `export`: nowhere).
    var writes: WritePolicy = .anywhere
}

enum Setup {
    static func makeEngine(_ options: EngineOptions, baseDirectory: String, sink other: OutputSink? = nil) throws(SetupError)
        -> (Engine, ConsoleSink)
    {
        #if canImport(Glibc)
            // Columns and their temporaries are megabytes each: keep freed ones for
            // reuse (blocks up to 256 MB) rather than unmapping them and faulting
            // them in again on the next statement. glibc's M_MMAP_THRESHOLD is -3,
            // M_TRIM_THRESHOLD -1 (malloc.h, which the Glibc module leaves out).
            _ = glibcMallopt(-3, 256 << 20)
            _ = glibcMallopt(-1, 512 << 20)
        #endif
        let datasetsDirectory = Paths.datasets(flag: options.datasets)
        if let flag = options.datasets, !Directory.isDirectory(Paths.absolute(flag)) {
            throw SetupError("no datasets folder at \(flag)")
        }
        let catalog = datasetsDirectory.flatMap { DatasetCatalog(directory: $0) }
        // Starting with no datasets is allowed (`load` still works) but never silent:
        // say where Casebook looked and how to point it at them.
        if catalog?.entries.isEmpty ?? true {
            let looked =
                datasetsDirectory.map { "in \($0)" }
                ?? "for datasets/authorities.csv beside or above \(Paths.executableDirectory())"
            Console.write(
                "casebook: warning: no datasets found (looked \(looked)); point to them with --datasets PATH or "
                    + "CASEBOOK_DATASETS=PATH\n", to: 2)
        }
        var settings = Settings()
        let colour = TerminalInfo.colourAvailable
        settings.colour = colour
        // A pipe or file has no width to fit: tables keep every column.
        settings.width = TerminalInfo.stdoutIsTerminal ? TerminalInfo.width : (Environment.get("COLUMNS").flatMap { Int($0) } ?? 10_000)
        settings.unicode = TerminalInfo.unicode
        settings.format = options.format ?? .table
        settings.accessible = options.accessible || !(Environment.get("CASEBOOK_ACCESSIBLE") ?? "").isEmpty
        // A terminal shows the first and last rows of a long result; a pipe gets them all.
        settings.maxRows = TerminalInfo.stdoutIsTerminal ? 40 : nil
        settings.safe = options.safe
        settings.allowedFolders = options.allowedFolders + (datasetsDirectory.map { [$0] } ?? [])
        settings.writes = options.writes
        let sink = ConsoleSink(showsInfo: options.interactive, colour: colour)
        let workspace = Workspace(catalog: catalog)
        workspace.columnCache = ColumnCache.defaultDirectory(environment: Environment.get).map { ColumnCache(directory: $0) }
        if options.safe { workspace.columnCache?.writes = false }  // safe mode writes no file
        workspace.prefetchesLoadedColumns = options.interactive
        let engine = Engine(
            workspace: workspace, settings: settings, sink: other ?? sink, baseDirectory: baseDirectory,
            sessionsDirectory: Paths.currentDirectory + "/sessions")
        engine.homeDirectory = Paths.home
        engine.defaultWidth = settings.width
        engine.colourAvailable = colour
        engine.now = Clock.seconds
        engine.cancellation = Interrupts.cancellation
        engine.pngRenderer = PNGRenderer.render
        return (engine, sink)
    }
}

struct SetupError: Error {
    var message: String
    init(_ message: String) { self.message = message }
}

enum Clock {
    static func seconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}

#if canImport(Glibc)
    @_silgen_name("mallopt")
    private func glibcMallopt(_ parameter: Int32, _ value: Int32) -> Int32
#endif
