// The command line: flags, and which mode runs. A terminal on stdin gets the
// shell; a file, `-f`, `-c` or piped input run as a script. Subcommands replay,
// check and export saved sessions.

import ArgumentParser
import CasebookCore

#if canImport(Glibc)
    import Glibc
#endif

struct SharedOptions: ParsableArguments {
    @Option(name: .long, help: "The datasets folder (default: the datasets/ shipped beside the build, or $CASEBOOK_DATASETS).")
    var datasets: String?

    @Option(name: .long, help: "Output format: table, csv, tsv, json or markdown.")
    var format: String?

    @Flag(name: .long, help: "Safe mode, for sessions from someone else: no file writes, no reads outside the datasets and the session's folder.")
    var safe = false

    @Flag(name: .long, help: "Accessible output: tables read row by row, markers spelled out, charts described in words.")
    var accessible = false

    func engineOptions(interactive: Bool) throws -> EngineOptions {
        try Self.engineOptions(datasets: datasets, format: format, safe: safe, accessible: accessible, interactive: interactive)
    }

    static func engineOptions(datasets: String?, format: String?, safe: Bool, accessible: Bool, interactive: Bool) throws
        -> EngineOptions
    {
        var parsedFormat: OutputFormat? = nil
        if let f = format {
            guard let parsed = OutputFormat(rawValue: f.lowercased() == "md" ? "markdown" : f.lowercased()) else {
                throw ValidationError("unknown format '\(f)': choose table, csv, tsv, json or markdown")
            }
            parsedFormat = parsed
        }
        return EngineOptions(
            datasets: datasets, format: parsedFormat, safe: safe, accessible: accessible, interactive: interactive)
    }
}

@main
struct CasebookCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "casebook",
        abstract: "An analysis notebook for the published data on English children's social care.",
        usage: """
            casebook                                   start the shell on the shipped datasets
            casebook [SCRIPT | -f SCRIPT | -c STATEMENT | < SCRIPT] [--format F] [--keep-going]
            casebook replay|check|export SESSION.cb
            """,
        discussion: """
            With a terminal, starts the shell. With a script (a file, -f, -c or piped input), runs it: results to \
            stdout, errors to stderr as FILE:LINE:COL, exit status 1 if a statement fails, 2 for bad usage.

            Flags of the shell and scripts (`casebook run --help` for all): --format table|csv|tsv|json|markdown, \
            --datasets DIR, --keep-going, --no-history, --safe, --accessible.
            """,
        version: Version.text,
        subcommands: [Run.self, Replay.self, Check.self, Export.self],
        defaultSubcommand: Run.self)

    /// Parses the command line and runs, mapping usage errors to status 2.
    static func main() {
        let status: ExitStatus
        // The usual command lines without ArgumentParser's start-up (RunArguments.swift).
        if let quick = RunArguments.quick(Array(CommandLine.arguments.dropFirst())) {
            Glibc.exit(quick.execute().rawValue)
        }
        do {
            var command = try parseAsRoot()
            if var runnable = command as? StatusCommand {
                status = runnable.execute()
            } else {
                try command.run()
                status = .success
            }
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .success {
                Console.write(message + "\n", to: 1)
                Glibc.exit(ExitStatus.success.rawValue)
            }
            Console.write(message + "\n", to: 2)
            Glibc.exit(code == .validationFailure ? ExitStatus.usage.rawValue : ExitStatus.failure.rawValue)
        }
        Glibc.exit(status.rawValue)
    }
}

/// A subcommand that returns an exit status instead of throwing.
protocol StatusCommand {
    mutating func execute() -> ExitStatus
}

struct Run: ParsableCommand, StatusCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Start the shell, or run a script (the default).")

    @Argument(help: "A script to run.")
    var script: String?

    @Option(name: .customShort("f"), help: "A script to run.")
    var file: String?

    @Option(name: .customShort("c"), help: "Statements to run.")
    var command: String?

    @Flag(name: .long, help: "Run on after a failing statement (the exit status is still 1).")
    var keepGoing = false

    @Flag(name: .long, help: "Keep no history for this shell.")
    var noHistory = false

    @OptionGroup var shared: SharedOptions

    func validate() throws {
        let given = [script != nil, file != nil, command != nil].filter { $0 }.count
        if given > 1 { throw ValidationError("give one of a script, -f FILE or -c STATEMENT") }
        _ = try shared.engineOptions(interactive: false)
    }

    /// The arguments as read.
    var arguments: RunArguments {
        RunArguments(
            script: script, file: file, command: command, keepGoing: keepGoing, noHistory: noHistory,
            datasets: shared.datasets, format: shared.format, safe: shared.safe, accessible: shared.accessible)
    }

    mutating func execute() -> ExitStatus { arguments.execute() }
}
