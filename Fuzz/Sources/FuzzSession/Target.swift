// A session file from arbitrary bytes, decoded as `casebook check` reads one
// (invalid UTF-8 replaced): its statements and recorded outputs, the check
// against an empty transcript (every statement "not run"), the Markdown
// export, and the file `check --update` would write. Invariant: the updated
// file reads back as the same statements, and checks clean against the same
// empty transcript (an update followed by a check never finds a difference).

import CasebookCore
import FuzzKit

func fuzzSession(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data else { return 0 }
    let text = decodedText(UnsafeBufferPointer(start: data, count: size))
    let source = SourceText(name: "fuzz.cb", text: text)
    let statements = SessionFile.statements(source)
    let report = SessionCheck.compare(source, statements: statements, transcript: [])
    if report.statements != statements.count { fuzzFailure("report counts \(report.statements) of \(statements.count)") }
    _ = SessionMarkdown.render(source: source, statements: statements, transcript: [])
    for d in report.differences { _ = SessionCheck.diff(d.statement.recorded, d.diff) }

    let updated = SourceText(name: "fuzz.cb", text: report.updatedText)
    let again = SessionFile.statements(updated)
    guard again.map(\.text) == statements.map(\.text) else {
        fuzzFailure("the updated file reads as other statements:\n\(statements.map(\.text))\n\(again.map(\.text))")
    }
    let second = SessionCheck.compare(updated, statements: again, transcript: [])
    guard second.differences.isEmpty else {
        fuzzFailure("a check after an update finds \(second.differences.count) differences:\n\(report.updatedText)")
    }
    return 0
}
