// The history file's line encoding: a statement with line breaks and
// backslashes is one line, decodes to itself, and torn lines are rejected.

@testable import casebook
import Testing

@Suite("History file encoding")
struct HistoryFileEncodingTests {
    @Test("round trip of statements with line breaks, backslashes and a leading #")
    func roundTrip() {
        for entry in ["referrals |\n  where year = 2016", "x = \"a\\\\b\"", "# not a comment", "plain", "é 中文"] {
            let line = HistoryFile.encode(entry)
            #expect(!line.contains("\n"))
            #expect(!line.hasPrefix("#"))
            #expect(HistoryFile.decode(line) == entry)
        }
    }

    @Test("a line cut in the middle of an escape is damaged")
    func torn() {
        #expect(HistoryFile.decode("abc\\") == nil)
        #expect(HistoryFile.decode("abc\\q") == nil)
    }
}
