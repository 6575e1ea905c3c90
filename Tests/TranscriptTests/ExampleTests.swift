// Every example in `help` and in docs/ runs on the shipped datasets without an
// error, so the documentation cannot drift from the language.

@testable import CasebookCore
import Testing

@Suite("Examples in help and docs")
struct ExampleTests {
    static let helpExamples: [String] = Registry.all.flatMap { entry in entry.examples }

    /// Statements in ```casebook blocks of the Markdown files under docs/ (and the README).
    static let docExamples: [String] = {
        var out: [String] = []
        let files = Repository.files(in: Repository.root + "/docs", suffix: ".md") + [Repository.root + "/README.md"]
        for file in files {
            guard let bytes = try? FileBytes(path: file) else { continue }
            let text = String(decoding: bytes.bytes, as: UTF8.self)
            var inBlock = false
            var block = ""
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                if line.hasPrefix("```casebook") {
                    inBlock = true
                    block = ""
                } else if inBlock && line.hasPrefix("```") {
                    inBlock = false
                    out.append(block)
                } else if inBlock {
                    block += line + "\n"
                }
            }
        }
        return out
    }()

    @Test("help has examples for every stage and function")
    func everyEntryHasAnExample() {
        let withoutExamples = (Registry.stages + Registry.functions + Registry.aggregates)
            .filter { $0.examples.isEmpty && $0.name != "write" }
            .map(\.name)
        #expect(withoutExamples.isEmpty, "no example: \(withoutExamples)")
    }

    @Test("help examples run", arguments: helpExamples)
    func helpExample(_ example: String) {
        let sink = Collector()
        // Examples may build on each other (`let reading = …` then `reading | …`).
        let engine = TranscriptRunner.makeEngine(baseDirectory: Repository.root, sink: sink)
        for e in Self.helpExamples.prefix(while: { $0 != example }) where e.hasPrefix("let ") {
            engine.run(SourceText(name: "help", text: e))
        }
        let result = engine.run(SourceText(name: "help", text: example))
        #expect(!result.failed, "\(example)\n\(sink.stderr)")
        #expect(sink.stderr.isEmpty, "\(example)\n\(sink.stderr)")
    }

    @Test("documentation examples run", arguments: docExamples)
    func docExample(_ block: String) {
        let sink = Collector()
        let engine = TranscriptRunner.makeEngine(baseDirectory: Repository.root, sink: sink)
        let result = engine.run(SourceText(name: "docs", text: block))
        #expect(!result.failed, "\(block)\n\(sink.stderr)")
    }
}
