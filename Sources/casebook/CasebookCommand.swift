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
        var format: OutputFormat? = nil
        if let f = self.format {
            guard let parsed = OutputFormat(rawValue: f.lowercased() == "md" ? "markdown" : f.lowercased()) else {
                throw ValidationError("unknown format '\(f)': choose table, csv, tsv, json or markdown")
            }
            format = parsed
        }
        return EngineOptions(
            datasets: datasets, format: format, safe: safe, accessible: accessible, interactive: interactive)
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

    mutating func execute() -> ExitStatus {
        let interactive = script == nil && file == nil && command == nil && TerminalInfo.stdinIsTerminal
        guard let options = try? shared.engineOptions(interactive: interactive) else { return .usage }
        if let command { return ScriptRunner.run(.command(command), options: options, keepGoing: keepGoing) }
        if let path = script ?? file { return ScriptRunner.run(.file(path), options: options, keepGoing: keepGoing) }
        if interactive { return InteractiveShell(options: options, useHistory: !noHistory).run() }
        return ScriptRunner.run(.standardInput, options: options, keepGoing: keepGoing)
    }
}
