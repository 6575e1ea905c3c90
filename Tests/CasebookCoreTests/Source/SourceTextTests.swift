// Offsets to lines and columns, and the line around an offset, for diagnostics.

import Testing

@testable import CasebookCore

@Suite("Source text")
struct SourceTextTests {
    static let source = SourceText(name: "t.cb", text: "authorities\r\n  | take 1\n\nréférrals | x")

    @Test("the line around an offset, without its line end (LF or CRLF)")
    func lines() {
        let s = Self.source
        #expect(s.lineRange(containing: 0) == 0..<11)
        #expect(s.lineText(containing: 5) == "authorities")
        #expect(s.lineText(containing: 11) == "authorities", "the CR belongs to the first line")
        #expect(s.lineText(containing: 13) == "  | take 1")
        #expect(s.lineText(containing: 24) == "")
        #expect(s.lineText(containing: 25) == "référrals | x")
        #expect(s.lineText(containing: 10_000) == "référrals | x", "past the end: the last line")
        #expect(s.lineText(containing: -3) == "authorities")
    }

    @Test("lines and columns count from 1; a column is a character, not a byte")
    func locations() {
        let s = Self.source
        #expect(s.location(of: 0) == (1, 1))
        #expect(s.location(of: 15) == (2, 3))
        #expect(s.location(of: 25 + "référrals ".utf8.count) == (4, 11))
        #expect(SourceText(name: "x", text: "a\nb", lineOffset: 10).location(of: 2) == (12, 1))
    }

    @Test("a byte-order mark at the start is not text")
    func byteOrderMark() {
        let s = SourceText(name: "bom.cb", text: "\u{FEFF}authorities")
        #expect(s.text == "authorities")
        #expect(s.lineText(containing: 0) == "authorities")
    }
}
