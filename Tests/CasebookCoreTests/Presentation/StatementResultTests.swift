// Each statement comes back from Engine.run as a typed result: its outcome and
// every error, warning and note it raised. The presenter alone turns those
// into text, for the screen and (with the session's own settings) for the
// session file.

import Testing

@testable import CasebookCore

@Suite("Statement results and the presenter")
struct StatementResultTests {
    private func engine(_ folder: String = "/nonexistent-folder") -> (Engine, CollectingSink) {
        let sink = CollectingSink()
        return (Hardening.engine(sink: sink, folder: folder), sink)
    }

    @Test("a warning raised while a statement ran is a diagnostic of its result, shown and recorded before the output")
    func warningsAreDiagnostics() {
        let (engine, sink) = engine()
        let run = engine.run(SourceText(name: "t.cb", text: "let referrals = authorities | take 1\n"))
        #expect(!run.failed)
        #expect(run.statements.count == 1)
        let warnings = run.statements[0].diagnostics.filter { $0.severity == .warning }
        #expect(warnings.map(\.id) == [.datasetHidden])
        #expect(sink.stderr.hasPrefix("warning: `referrals` now names this result"))
        #expect(engine.transcript.last?.output.hasPrefix("warning: `referrals` now names this result") == true)
        #expect(engine.transcript.last?.failed == false)
    }

    @Test("a load's report lines are warnings and its tidying notes are notes, each with its id")
    func loadReport() {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        folder.write("ragged.csv", "a,b\n1,2\n3\n4,5\n")
        let (engine, _) = engine(folder.path)
        let run = engine.run(SourceText(name: "t.cb", text: "load \"ragged.csv\"\n"))
        #expect(!run.failed)
        let asides = run.statements[0].diagnostics
        #expect(!asides.isEmpty && asides.allSatisfy { $0.severity == .warning && $0.id == .loadProblem })
    }

    @Test("a result that cannot be written to its file fails its statement, with the error placed at it")
    func deliveryFailure() {
        let (engine, sink) = engine()
        let source = SourceText(name: "t.cb", text: "once \"/nonexistent-folder/x/r.csv\"\nauthorities | take 2\n")
        let run = engine.run(source, keepGoing: true)
        #expect(run.failed)
        let second = run.statements[1]
        #expect(second.outcome != nil && second.delivered == nil)
        #expect(second.errors.map(\.id) == [.writeFailed])
        #expect(second.errors.first?.span != nil)
        #expect(sink.stderr.contains("t.cb:2:1: error: cannot write"))
        #expect(engine.transcript.last?.failed == true)
        // The table was meant for the file: it is not shown on the screen instead.
        #expect(!sink.stdout.contains("la_name"))
    }

    @Test("flags change the screen, not the session file; the session's own `set` changes both")
    func recordSettings() {
        let (engine, sink) = engine()
        engine.settings.maxRows = 3
        engine.settings.unicode = false
        engine.run(SourceText(name: "t.cb", text: "authorities | take 5 | select la_code\n"))
        #expect(sink.stdout.contains("---"))  // ASCII rules on the screen
        let recorded = engine.transcript.last!.output
        #expect(recorded.contains("───") && recorded.split(separator: "\n").count == 7)  // header, rule, 5 rows
        engine.run(SourceText(name: "t.cb", text: "set rows 2\nauthorities | take 5 | select la_code\n"))
        #expect(engine.transcript.last!.output.contains("5 rows"))  // elided at the session's 2 rows
        #expect(engine.recordSettings.maxRows == 2 && engine.settings.maxRows == 2)
    }

    @Test("a quit and a cancelled statement are results, but not part of the session")
    func notRecorded() {
        let (engine, _) = engine()
        let run = engine.run(SourceText(name: "t.cb", text: "datasets\nquit\ndatasets\n"))
        #expect(run.quit && run.statements.count == 2)
        #expect(engine.transcript.count == 1)
    }
}
