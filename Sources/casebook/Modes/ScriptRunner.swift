// Scripts: `casebook < analysis.cb`, `casebook analysis.cb`, `casebook -f
// analysis.cb` and `casebook -c 'statement'`. No prompt or banner; results to
// stdout; errors to stderr as FILE:LINE:COL with the script's own line numbers.
// Stops at the first failing statement (exit 1) unless --keep-going.

import CasebookCore

#if canImport(Glibc)
    import Glibc
#endif

enum ScriptRunner {
    enum Input {
        case file(String)
        case standardInput
        case command(String)
    }

    static func run(_ input: Input, options: EngineOptions, keepGoing: Bool) -> ExitStatus {
        let name: String
        let text: String
        var base = Paths.currentDirectory
        switch input {
        case .command(let statement):
            name = "<command>"
            text = statement
        case .standardInput:
            name = "<stdin>"
            guard let t = readAll(path: "/dev/stdin", shown: "standard input") else { return .failure }
            text = t
        case .file(let path):
            name = path
            guard let t = readAll(path: path, shown: path) else { return .usage }
            text = t
            let absolute = Paths.absolute(path)
            if let slash = absolute.lastIndex(of: "/") { base = String(absolute[..<slash]) }
        }
        var opts = options
        opts.allowedFolders.append(base)
        let engine: Engine
        do {
            (engine, _) = try Setup.makeEngine(opts, baseDirectory: base)
        } catch {
            Console.write("casebook: \(error.message)\n", to: 2)
            return .usage
        }
        Interrupts.install()
        let result = engine.run(SourceText(name: name, text: text), keepGoing: keepGoing)
        return result.failed ? .failure : .success
    }

    /// The whole input as text; invalid UTF-8 is reported with its line and read
    /// with replacement characters so that the rest can still run.
    static func readAll(path: String, shown: String) -> String? {
        let file: FileBytes
        do {
            file = try FileBytes(path: path)
        } catch {
            switch error {
            case .notFound: Console.write("casebook: no file at \(shown)\n", to: 2)
            case .isDirectory: Console.write("casebook: \(shown) is a folder, not a script\n", to: 2)
            default: Console.write("casebook: cannot read \(shown)\n", to: 2)
            }
            return nil
        }
        let bytes = file.bytes
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        var line = 1
        var it = bytes.makeIterator()
        var decoder = UTF8()
        loop: while true {
            switch decoder.decode(&it) {
            case .scalarValue(let s):
                if s == "\n" { line += 1 }
            case .emptyInput: break loop
            case .error:
                Console.write("\(shown):\(line): warning: invalid UTF-8; the bad bytes read as �\n", to: 2)
                break loop
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
