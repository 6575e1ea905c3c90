// What `casebook` (the default `run` command) was asked to do, and the quick
// way to read the command lines nearly every run has.
//
// ArgumentParser builds its whole command tree by reflection before it reads
// a word: callgrind counts 11.5 M of the 22 M instructions of `casebook -c
// datasets` in `parseAsRoot`, most of them the Swift runtime looking up
// protocol conformances. `quick` reads the common shapes itself — a script,
// `-f FILE`, `-c STATEMENTS`, piped input or the shell, with `--format`,
// `--datasets`, `--safe`, `--accessible`, `--keep-going`, `--no-history` —
// and returns nil for anything else: a subcommand, `--help`, `--version`, an
// unknown or repeated flag, a value that starts with `-`, a bad format. Those
// go to ArgumentParser, which stays the one source of help and of usage
// errors. CommandLineTests checks that every command line read here is read
// the same by ArgumentParser.

struct RunArguments: Equatable {
    var script: String? = nil
    var file: String? = nil
    var command: String? = nil
    var keepGoing = false
    var noHistory = false
    var datasets: String? = nil
    var format: String? = nil
    var safe = false
    var accessible = false

    /// Words that name a subcommand (or ask for help) where a script could be.
    static let commandWords: Set<String> = ["run", "replay", "check", "export", "help"]

    /// The arguments (without the program's name), or nil when ArgumentParser should read them.
    static func quick(_ words: [String]) -> RunArguments? {
        var a = RunArguments()
        var seen = Set<String>()
        var i = 0
        /// The value after an option (nil: none, or one that looks like a flag).
        func value() -> String? {
            i += 1
            guard i < words.count, !words[i].isEmpty, !words[i].hasPrefix("-") else { return nil }
            return words[i]
        }
        while i < words.count {
            var word = words[i]
            var attached: String? = nil
            if word.hasPrefix("--"), let eq = word.firstIndex(of: "=") {
                attached = String(word[word.index(after: eq)...])
                word = String(word[..<eq])
                guard let v = attached, !v.isEmpty, !v.hasPrefix("-") else { return nil }
            }
            if word.hasPrefix("-") {
                guard seen.insert(word).inserted else { return nil }
            }
            switch word {
            case "-c", "-f", "--format", "--datasets":
                let v: String
                if let attached {
                    v = attached
                } else {
                    guard let next = value() else { return nil }
                    v = next
                }
                if word == "-c" { a.command = v }
                if word == "-f" { a.file = v }
                if word == "--format" { a.format = v }
                if word == "--datasets" { a.datasets = v }
            case "--keep-going", "--no-history", "--safe", "--accessible":
                guard attached == nil else { return nil }
                if word == "--keep-going" { a.keepGoing = true }
                if word == "--no-history" { a.noHistory = true }
                if word == "--safe" { a.safe = true }
                if word == "--accessible" { a.accessible = true }
            default:
                guard !word.hasPrefix("-"), !word.isEmpty, a.script == nil, !commandWords.contains(word) else { return nil }
                a.script = word
            }
            i += 1
        }
        // One of a script, -f or -c; a format it knows (else ArgumentParser says why).
        guard [a.script, a.file, a.command].compactMap({ $0 }).count <= 1,
            (try? a.engineOptions(interactive: false)) != nil
        else { return nil }
        return a
    }

    func engineOptions(interactive: Bool) throws -> EngineOptions {
        try SharedOptions.engineOptions(
            datasets: datasets, format: format, safe: safe, accessible: accessible, interactive: interactive)
    }

    /// Runs the mode the arguments ask for.
    func execute() -> ExitStatus {
        let interactive = script == nil && file == nil && command == nil && TerminalInfo.stdinIsTerminal
        guard let options = try? engineOptions(interactive: interactive) else { return .usage }
        if let command { return ScriptRunner.run(.command(command), options: options, keepGoing: keepGoing) }
        if let path = script ?? file { return ScriptRunner.run(.file(path), options: options, keepGoing: keepGoing) }
        if interactive { return InteractiveShell(options: options, useHistory: !noHistory).run() }
        return ScriptRunner.run(.standardInput, options: options, keepGoing: keepGoing)
    }
}
