// Running statements the way a script or session file reaches the engine —
// bytes decoded with replacement, the shipped datasets, a collecting sink —
// and reading back where the first error was reported.

@testable import CasebookCore
import Testing

#if canImport(Glibc)
    import Glibc
#endif

enum Hardening {
    final class Collector: OutputSink {
        var stdout = ""
        var stderr = ""
        func output(_ text: String) { stdout += text }
        func diagnostic(_ text: String) { stderr += text }
        func info(_ text: String) {}
    }

    struct Run {
        var result: Engine.RunResult
        var stdout: String
        var stderr: String
        var engine: Engine

        /// "LINE:COLUMN" of the first error, from its "NAME:LINE:COLUMN: error:" line.
        var location: String? {
            guard let line = stderr.split(separator: "\n").first(where: { $0.contains(": error: ") }) else { return nil }
            let head = line[..<line.firstRange(of: ": error: ")!.lowerBound]
            let parts = head.split(separator: ":")
            guard parts.count >= 3 else { return nil }
            return parts.suffix(2).joined(separator: ":")
        }

        /// The first error's message.
        var message: String? {
            guard let line = stderr.split(separator: "\n").first(where: { $0.contains(": error: ") }) else { return nil }
            return String(line[line.firstRange(of: ": error: ")!.upperBound...])
        }
    }

    static func engine(sink: OutputSink, folder: String = "/nonexistent-folder") -> Engine {
        TestEngines.make(sink: sink, baseDirectory: folder) {
            $0.width = 100
            $0.maxRows = 10
        }
    }

    /// Runs `bytes` as a script file named bad.cb: decoded as the executable
    /// decodes one (invalid UTF-8 read as U+FFFD), stopping at the first failure.
    static func run(bytes: [UInt8], keepGoing: Bool = false) -> Run {
        let sink = Collector()
        let engine = engine(sink: sink)
        let text = String(decoding: bytes, as: UTF8.self)
        let result = engine.run(SourceText(name: "bad.cb", text: text), keepGoing: keepGoing)
        return Run(result: result, stdout: sink.stdout, stderr: sink.stderr, engine: engine)
    }

    static func run(_ text: String, keepGoing: Bool = false) -> Run {
        run(bytes: Array(text.utf8), keepGoing: keepGoing)
    }
}
