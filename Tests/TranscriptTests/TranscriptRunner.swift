// Runs transcript files — statements with their expected output as `#>` lines,
// the session file format — through the engine, and compares every output
// exactly. The same runner checks every file in sessions/, so the shipped
// example sessions are tests by construction.
//
// To write a new transcript: put the statements in a .cb file and run the tests
// with CASEBOOK_UPDATE_TRANSCRIPTS=1, which records today's outputs; read them
// before committing.

@testable import CasebookCore
import Testing

#if canImport(Glibc)
    import Glibc
#endif

enum Repository {
    static var root: String { Checkout.root }
    static var datasets: String { Checkout.datasets }

    /// Transcripts that load the published files in ../shared/data-sources run
    /// only where those are (Checkout.publishedFilesRun).
    static var publishedFilesRun: Bool { Checkout.publishedFilesRun }

    /// Whether a transcript reads the published files.
    static func readsPublishedFiles(_ path: String) -> Bool {
        guard let bytes = try? FileBytes(path: path) else { return false }
        return String(decoding: bytes.bytes, as: UTF8.self).contains("shared/data-sources")
    }

    /// Files ending `suffix` under `folder`, recursively, sorted.
    static func files(in folder: String, suffix: String) -> [String] {
        var out: [String] = []
        for name in Directory.list(folder) ?? [] {
            let path = folder + "/" + name
            if Directory.isDirectory(path) {
                out += files(in: path, suffix: suffix)
            } else if name.hasSuffix(suffix) {
                out.append(path)
            }
        }
        return out.sorted()
    }
}

typealias Collector = CollectingSink

enum TranscriptRunner {
    struct Outcome {
        var report: SessionCheck.Report
        var file: String
    }

    static func makeEngine(baseDirectory: String, sink: OutputSink) -> Engine {
        TestEngines.make(sink: sink, baseDirectory: baseDirectory, sessionsDirectory: baseDirectory) {
            $0.width = SessionFormat.width
            $0.maxRows = 40
        }
    }

    static func run(_ path: String) throws -> Outcome {
        let bytes = try FileBytes(path: path)
        let text = String(decoding: bytes.bytes, as: UTF8.self)
        let relative = String(path.dropFirst(Repository.root.count + 1))
        let source = SourceText(name: relative, text: text)
        let folder = String(path[..<path.lastIndex(of: "/")!])
        let engine = makeEngine(baseDirectory: folder, sink: Collector())
        let statements = SessionFile.statements(source)
        engine.run(source, keepGoing: true)
        let report = SessionCheck.compare(source, statements: statements, transcript: engine.transcript)
        if getenv("CASEBOOK_UPDATE_TRANSCRIPTS") != nil, !report.differences.isEmpty {
            try FileWriter.write(report.updatedText, to: path)
        }
        return Outcome(report: report, file: relative)
    }

    static func describe(_ outcome: Outcome) -> String {
        outcome.report.differences.map { d in
            "\(outcome.file):\(d.statement.line): \(d.statement.text)\n" + d.diff.joined(separator: "\n")
        }.joined(separator: "\n\n")
    }
}

@Suite("Transcripts")
struct TranscriptTests {
    static let all = Repository.files(in: Repository.root + "/Tests/TranscriptTests/Transcripts", suffix: ".cb")
    static let transcripts = all.filter { !Repository.readsPublishedFiles($0) }
    static let published = all.filter(Repository.readsPublishedFiles)
    static let sessions = Repository.files(in: Repository.root + "/sessions", suffix: ".cb")

    @Test("every transcript's outputs match", arguments: transcripts)
    func transcript(_ path: String) throws {
        let outcome = try TranscriptRunner.run(path)
        #expect(outcome.report.statements > 0, "\(outcome.file) has no statements")
        #expect(outcome.report.differences.isEmpty, "\(TranscriptRunner.describe(outcome))")
    }

    @Test(
        "every transcript that loads the published files matches",
        .enabled(
            if: Repository.publishedFilesRun,
            "skipped: the published files are not in ../shared/data-sources (CI, which has them, sets CASEBOOK_REQUIRE_SOURCES=1 and requires them)"),
        arguments: published)
    func publishedTranscript(_ path: String) throws {
        try transcript(path)
    }

    @Test("every shipped session checks", arguments: sessions)
    func session(_ path: String) throws {
        let outcome = try TranscriptRunner.run(path)
        #expect(outcome.report.differences.isEmpty, "\(TranscriptRunner.describe(outcome))")
    }

    @Test("there are transcripts to run")
    func thereAreTranscripts() {
        #expect(Self.transcripts.count >= 10)
    }
}
