// The one place diagnostics become text: location, source line, caret under
// the span by display width, help and notes; long lines cut to a window.

@testable import CasebookCore
import Testing

@Suite("Diagnostic renderer")
struct DiagnosticRendererTests {
    @Test("file, line, column, the line, a caret under the span, and help")
    func basic() {
        let source = SourceText(name: "a.cb", text: "datasets\n\nreferrals | where regoin = 1\n")
        let d = Diagnostic(id: .internal, message: "no column named `regoin`", span: SourceSpan(28, 34), help: "did you mean `region`?")
        #expect(DiagnosticRenderer().render(d, in: source) == """
            a.cb:3:19: error: no column named `regoin`
                3 | referrals | where regoin = 1
                  |                   ^^^^^^
                  = did you mean `region`?

            """)
    }

    @Test("columns count characters, and the caret sits under wide characters correctly")
    func unicode() {
        let source = SourceText(name: "", text: "x | where é = 中文 + y")
        let y = Array("x | where é = 中文 + ".utf8).count
        let d = Diagnostic(id: .internal, message: "m", span: SourceSpan(y, y + 1))
        let text = DiagnosticRenderer().render(d, in: source)
        #expect(text.hasPrefix("1:20: error: m"))
        // 19 characters before the y, two of them wide: 21 columns.
        #expect(text.contains("\n      | " + String(repeating: " ", count: 21) + "^\n"))
    }

    @Test("line offsets keep a file's numbering; a diagnostic without a place has no excerpt")
    func offsets() {
        let source = SourceText(name: "s.cb", text: "bad", lineOffset: 41)
        let d = Diagnostic(id: .internal, message: "m", span: SourceSpan(0, 3))
        #expect(DiagnosticRenderer().render(d, in: source).hasPrefix("s.cb:42:1: error: m\n    42 | bad\n"))
        #expect(DiagnosticRenderer().render(Diagnostic(id: .internal, message: "m", span: nil), in: nil) == "error: m\n")
    }

    @Test("a very long line is cut to a window around the error")
    func longLine() {
        let prefix = String(repeating: "a", count: 5000)
        let source = SourceText(name: "", text: prefix + " bad " + prefix)
        let d = Diagnostic(id: .internal, message: "m", span: SourceSpan(5001, 5004))
        let lines = DiagnosticRenderer(width: 100).render(d, in: source).split(separator: "\n")
        #expect(lines.allSatisfy { DisplayWidth.of(String($0)) <= 100 })
        let caretLine = String(lines[2])
        let sourceLine = String(lines[1])
        let caretColumn = caretLine.distance(from: caretLine.startIndex, to: caretLine.firstIndex(of: "^")!)
        let badColumn = sourceLine.distance(from: sourceLine.startIndex, to: sourceLine.firstRange(of: "bad")!.lowerBound)
        #expect(caretColumn == badColumn)
    }

    @Test("control characters in the source are not sent to the terminal")
    func controlCharacters() {
        let source = SourceText(name: "", text: "x\u{1B}[31m | y")
        let d = Diagnostic(id: .internal, message: "m", span: SourceSpan(0, 1))
        #expect(!DiagnosticRenderer().render(d, in: source).contains("\u{1B}"))
    }
}
