// `set timer on` times the statements that read data, not itself, `set` or
// `help`; and a run too quick for the clock's tenth of a millisecond says so
// rather than printing "0.0 ms".

import Testing

@testable import CasebookCore

@Suite("The timer")
struct TimerTests {
    @Test("settings and help are not timed; a query is, in ms below a second and s above")
    func timedStatements() {
        let sink = CollectingSink()
        let engine = TestEngines.make(sink: sink)
        // Each reading of the clock is 2.5 ms later than the one before.
        nonisolated(unsafe) var clock = 0.0
        engine.now = {
            clock += 0.0025
            return clock
        }
        _ = engine.run(SourceText(name: "t.cb", text: "set timer on\nset rows 3\nset\nhelp set\n"))
        #expect(!sink.stdout.contains("Run time"), "\(sink.stdout)")
        _ = engine.run(SourceText(name: "t.cb", text: "authorities | count\n"))
        #expect(sink.stdout.hasSuffix("Run time: 2.5 ms\n"), "\(sink.stdout)")
        engine.now = { 0 }
        _ = engine.run(SourceText(name: "t.cb", text: "authorities | count\n"))
        #expect(sink.stdout.hasSuffix("Run time: under 0.1 ms\n"), "\(sink.stdout)")
    }
}
