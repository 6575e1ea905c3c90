// Lexer, statement splitter, parser, the prompt's "is this finished?" and Tab
// completion on arbitrary bytes, decoded as a file is (invalid UTF-8 replaced).
// Every diagnostic is rendered, as the shell would print it. A trap, an
// overflow, an out-of-range index or a sanitizer report is a bug; diagnostics
// are not. Invariants: every statement either parsed or has a diagnostic, and
// every span lies inside the source.

import CasebookCore
import FuzzKit

private let workspace = Workspace(catalog: nil)

func fuzzParser(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data else { return 0 }
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let text = decodedText(bytes)
    let source = SourceText(name: "fuzz.cb", text: text, lineOffset: size > 0 ? Int(bytes[0] & 3) : 0)
    let count = source.bytes.count
    for token in Lexer.tokenize(source, keepComments: true) {
        guard token.span.start >= 0, token.span.start <= token.span.end, token.span.end <= count else {
            fuzzFailure("token \(token.kind) has span \(token.span) in \(count) bytes")
        }
    }
    let renderer = DiagnosticRenderer(colour: size & 1 == 1, width: size % 120)
    for parsed in Parser.parse(source) {
        if parsed.statement == nil && parsed.diagnostics.isEmpty {
            fuzzFailure("a statement neither parsed nor failed: \(source.slice(parsed.span))")
        }
        guard parsed.span.start >= 0, parsed.span.start <= parsed.span.end, parsed.span.end <= count else {
            fuzzFailure("statement span \(parsed.span) in \(count) bytes")
        }
        _ = source.slice(parsed.span)
        for d in parsed.diagnostics {
            if let span = d.span, span.start < 0 || span.start > span.end || span.end > count {
                fuzzFailure("diagnostic \(d.id) has span \(span) in \(count) bytes")
            }
            _ = renderer.render(d, in: source)
        }
    }
    _ = InputCompleteness.needsMoreInput(text)
    let completer = Completer(workspace: workspace, homeDirectory: "/nonexistent-home", baseDirectory: "/nonexistent")
    _ = completer.complete(text, cursor: count)
    if count > 0 { _ = completer.complete(text, cursor: Int(bytes[0]) % count) }
    return 0
}
