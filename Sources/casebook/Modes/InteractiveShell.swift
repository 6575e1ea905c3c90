// The shell: a prompt on libedit, history kept across runs, completion that
// follows the query, statements that continue over several lines, and Ctrl-C
// that clears the line (and any unfinished statement) or stops a running query
// without ever leaving. Ctrl-D on an empty line leaves with status 0.

import CasebookCore
import CLibEdit

#if canImport(Glibc)
    import Glibc
#endif

struct InteractiveShell {
    static let prompt = "casebook> "
    static let continuation = "     ...> "

    let options: EngineOptions
    let useHistory: Bool

    func run() -> ExitStatus {
        let engine: Engine
        let sink: ConsoleSink
        do {
            (engine, sink) = try Setup.makeEngine(options, baseDirectory: Paths.currentDirectory)
        } catch {
            Console.write("casebook: \(error.message)\n", to: 2)
            return .usage
        }
        guard let editor = LineEditor(program: "casebook") else {
            if let why = cb_libedit_load() {
                Console.write(
                    "casebook: cannot start the line editor: \(String(cString: why))\n"
                        + "  install it (Debian: apt-get install libedit2; `make deps` does), or pipe statements in: casebook < analysis.cb\n",
                    to: 2)
            } else {
                Console.write("casebook: cannot start the line editor\n", to: 2)
            }
            return .failure
        }
        Interrupts.install()
        let completer = Completer(
            workspace: engine.workspace, homeDirectory: Paths.home, baseDirectory: Paths.currentDirectory)
        editor.complete = { text, cursor in completer.complete(text, cursor: cursor) }

        let state = StateFiles(useHistory: useHistory)
        // Up recalls a statement as one line, editable as a whole (the file keeps it as typed).
        for entry in state.history() { editor.addHistory(InputCompleteness.oneLine(entry)) }
        for message in state.startupMessages { Console.write(message + "\n", to: 2) }

        Console.write(
            "Casebook \(Version.text) · the published data on children's social care. "
                + "`help` to start, Ctrl-D to leave.\n", to: 1)
        _ = sink
        var pending = ""
        // A line read ahead while looking for the rest of a paste, to be taken next.
        var carried: String? = nil
        while true {
            let read: LineEditor.Read
            if let line = carried {
                carried = nil
                read = .line(line)
            } else {
                editor.pendingText = pending
                editor.historyKeys = pending.isEmpty
                read = editor.read(prompt: pending.isEmpty ? Self.prompt : Self.continuation)
            }
            switch read {
            case .end:
                Console.write("\n", to: 1)
                state.finish()
                return .success
            case .interrupted:
                // Ctrl-C: drop the line and any unfinished statement.
                Interrupts.clear()
                pending = ""
                Console.write("\n", to: 1)
                continue
            case .line(let line):
                var block = line
                var holdForTail = false
                if let rest = editor.takePaste() {
                    // A bracketed paste: its lines are one input, shown as they are taken.
                    var lines = rest.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                    let tail = lines.removeLast()
                    for l in lines {
                        Console.write(Self.continuation + l + "\n", to: 1)
                        block += "\n" + l
                    }
                    // An unfinished last line is left to edit; one that starts with `|`
                    // belongs to the statement above it, which waits for it.
                    if !tail.isEmpty {
                        editor.push(tail)
                        holdForTail = Self.startsWithPipe(tail)
                    }
                } else if !block.allSatisfy(Self.isBlank) {
                    // A terminal without bracketed paste sends pasted lines at once: a
                    // waiting line that starts with `|` continues this statement.
                    while editor.inputPending, case .line(let next) = editor.read(prompt: Self.continuation) {
                        if Self.startsWithPipe(next) {
                            block += "\n" + next
                        } else {
                            carried = next
                            break
                        }
                    }
                }
                if block.allSatisfy(Self.isBlank) {
                    // Enter on an empty continuation line gives the statement up, as documented.
                    if !pending.isEmpty { Console.write("(the unfinished statement was given up)\n", to: 1) }
                    pending = ""
                    continue
                }
                let text = pending.isEmpty ? block : pending + "\n" + block
                if holdForTail || InputCompleteness.needsMoreInput(text) {
                    pending = text
                    continue
                }
                pending = ""
                editor.addHistory(InputCompleteness.oneLine(text))
                state.record(text)
                // No clearing here: a Ctrl-C read while a line is edited ends that read, so
                // one pending now was pressed after Enter, to stop this statement.
                engine.settings.width = TerminalInfo.width
                engine.defaultWidth = engine.settings.width
                let result = engine.run(SourceText(name: "", text: text))
                Interrupts.clear()
                if result.quit {
                    state.finish()
                    return .success
                }
            }
        }
    }

    static func isBlank(_ c: Character) -> Bool { c == " " || c == "\t" || c == "\n" || c == "\r" }

    static func startsWithPipe(_ line: String) -> Bool {
        line.first(where: { !isBlank($0) }) == "|"
    }
}

/// The shell's files under the state folder: the history and the journal of
/// the running session.
final class StateFiles {
    private let historyFile: HistoryFile?
    private let journal: Journal?
    private(set) var startupMessages: [String] = []

    init(useHistory: Bool) {
        guard let dir = Paths.stateDirectory, Paths.makeDirectory(dir) else {
            historyFile = nil
            journal = nil
            startupMessages.append("casebook: no state folder (set HOME or XDG_STATE_HOME); history and journal are off")
            return
        }
        historyFile = useHistory ? HistoryFile(path: dir + "/history") : nil
        let journals = dir + "/journal"
        _ = Paths.makeDirectory(journals)
        startupMessages += Journal.unfinishedNotice(in: journals, isAlive: { kill($0, 0) == 0 || errno == EPERM })
        journal = Journal(folder: journals, processID: Int(getpid()), startedAt: Int(time(nil)))
    }

    func history() -> [String] {
        guard let historyFile else { return [] }
        let loaded = historyFile.load()
        if loaded.damaged > 0 {
            startupMessages.append(
                "casebook: \(Messages.plural(loaded.damaged, "damaged line")) in \(historyFile.path) skipped; the other \(Messages.plural(loaded.entries.count, "entry", "entries")) \(loaded.entries.count == 1 ? "is" : "are") kept")
        }
        return loaded.entries
    }

    /// Before a statement runs: into the history file and the journal, on disk.
    func record(_ statement: String) {
        do {
            try historyFile?.append(statement)
        } catch {
            Console.write("casebook: history not saved: \(error.message)\n", to: 2)
        }
        do {
            try journal?.append(statement)
        } catch {
            Console.write("casebook: journal not saved: \(error.message)\n", to: 2)
        }
    }

    /// A clean exit: the journal is complete and need not be recovered.
    func finish() {
        journal?.close()
    }
}
