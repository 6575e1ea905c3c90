// The raw published files in ../shared/data-sources, read here with a few
// lines of plain CSV splitting — not with Casebook's reader — so that tests
// computing an expected answer from them do not share Casebook's code.
//
// A user's fresh clone has no ../shared: tests that need it are then skipped,
// saying so. CI has it and sets CASEBOOK_REQUIRE_SOURCES=1 (.ci/run), and
// there a missing folder fails instead of skipping.

import Testing

@testable import CasebookCore

#if canImport(Glibc)
    import Glibc
#endif

enum Published {
    static var folder: String { DataPaths.sharedSources }

    /// Whether tests that read the published files run: the files are here, or
    /// CI requires them (and then their absence fails the tests).
    static var runs: Bool { Checkout.publishedFilesRun }

    static let skipReason = Comment(rawValue: Checkout.skipReason)

    /// A published CSV's rows as dictionaries of the cells' text.
    static func rows(_ relativePath: String) throws -> [[String: String]] {
        let path = folder + "/" + relativePath
        try #require(Directory.fileExists(path), "missing published file \(path)")
        guard let f = fopen(path, "rb") else { throw Missing(path: path) }
        defer { fclose(f) }
        var bytes = CommandOutput.readAll(f)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        let records = split(String(decoding: bytes, as: UTF8.self))
        guard let header = records.first else { return [] }
        return records.dropFirst().filter { $0 != [""] }.map { Dictionary(zip(header, $0), uniquingKeysWith: { a, _ in a }) }
    }

    struct Missing: Error { var path: String }

    /// RFC 4180: fields split at commas outside quotes, "" inside quotes is a
    /// quote, records end at LF or CRLF outside quotes.
    static func split(_ text: String) -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var quoted = false
        var chars = Array(text.unicodeScalars)[...]
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" {
                    if chars.first == "\"" {
                        field.unicodeScalars.append("\"")
                        chars.removeFirst()
                    } else {
                        quoted = false
                    }
                } else {
                    field.unicodeScalars.append(c)
                }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                record.append(field)
                field = ""
            } else if c == "\n" || c == "\r" {
                if c == "\r", chars.first == "\n" { chars.removeFirst() }
                record.append(field)
                records.append(record)
                record = []
                field = ""
            } else {
                field.unicodeScalars.append(c)
            }
        }
        if !field.isEmpty || !record.isEmpty {
            record.append(field)
            records.append(record)
        }
        return records
    }

    /// A published cell as a number, or nil for a marker or an empty cell.
    static func number(_ text: String?) -> Double? {
        guard let text, let first = text.first, first == "-" || first == "." || first.isNumber else { return nil }
        return Double(text)
    }
}

/// Statements run on the shipped datasets with CSV output, read back as rows.
enum Statements {
    struct Result {
        var header: [String]
        var rows: [[String: String]]
        var notes: String
        var failed: Bool

        func column(_ name: String) -> [String] { rows.map { $0[name] ?? "" } }
    }

    static func run(_ text: String) -> Result {
        let sink = CollectingSink()
        let engine = TestEngines.make(sink: sink) {
            $0.format = .csv
            $0.width = 200
        }
        let run = engine.run(SourceText(name: "t", text: text))
        let records = Published.split(sink.stdout)
        let header = records.first ?? []
        let rows = records.dropFirst().map { Dictionary(zip(header, $0), uniquingKeysWith: { a, _ in a }) }
        return Result(header: header, rows: rows, notes: sink.stderr, failed: run.failed)
    }
}
