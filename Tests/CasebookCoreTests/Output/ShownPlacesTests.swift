// The decimal places a table shows for computed figures: a mean one more than
// its source, a percentage change to one place, round's own places — whatever
// other figures sit in the same column.

@testable import CasebookCore
import Testing

@Suite("Places shown for computed figures")
struct ShownPlacesTests {
    func shown(_ statement: String) -> String {
        let sink = CollectingSink()
        var settings = Settings()
        settings.width = 200
        let engine = Engine(workspace: Workspace(catalog: nil), settings: settings, sink: sink, baseDirectory: "/", sessionsDirectory: "/")
        let table = Table(columns: [
            Column(name: "group", data: .integer([1, 1, 2, 2, 3])),
            Column(name: "count", data: .integer([15, 16, 15, 17, 15])),
            Column(name: "rate", data: .decimal([15.1, 19.0, 10.1, 10.2, 3.3])),
        ])
        engine.workspace.bind("t", table, origin: "test")
        _ = engine.run(SourceText(name: "test", text: statement))
        return sink.stdout + sink.stderr
    }

    @Test("a mean shows one place more than its source: counts to one, rates of one place to two")
    func means() {
        let out = shown("t | summarise c = mean(count), r = mean(rate) by group")
        #expect(out.contains("\n    1  15.5  17.05\n"), "\(out)")
        #expect(out.contains("\n    2  16.0  10.15\n"), "\(out)")
        #expect(out.contains("\n    3  15.0   3.30\n"), "\(out)")
    }

    @Test("a percentage change shows one place; round shows the places it was asked for")
    func changeAndRound() {
        let out = shown("t | change count over rate | select rate, count_change_pct, r = round(count_change_pct, 3)")
        #expect(out.contains("count_change_pct"))
        #expect(out.contains(" -11.8 ") && out.contains(" -11.765\n"), "\(out)")
        #expect(!out.contains("-11.7647"))
    }
}
