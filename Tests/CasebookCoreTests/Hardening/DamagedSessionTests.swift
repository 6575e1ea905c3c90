// Damaged session files through the `casebook check` flow: read the
// statements and recorded outputs, run every statement (on after failures),
// compare. A damaged file is reported, statement by statement; it never traps,
// and the file `check --update` would write checks clean afterwards.

@testable import CasebookCore
import Testing

@Suite("Damaged session files")
struct DamagedSessionTests {
    struct Check {
        var statements: [SessionStatement]
        var report: SessionCheck.Report
        var run: Hardening.Run
    }

    /// What `casebook check` does with a file's bytes.
    static func check(_ bytes: [UInt8]) -> Check {
        let source = SourceText(name: "bad.cb", text: String(decoding: bytes, as: UTF8.self))
        let statements = SessionFile.statements(source)
        let run = Hardening.run(bytes: bytes, keepGoing: true)
        let report = SessionCheck.compare(source, statements: statements, transcript: run.engine.transcript)
        return Check(statements: statements, report: report, run: run)
    }

    /// The text `check --update` writes for a file.
    static func updated(_ bytes: [UInt8]) -> String {
        let first = check(bytes)
        let source = SourceText(name: "bad.cb", text: String(decoding: bytes, as: UTF8.self))
        return SessionCheck.updatedText(source, report: first.report, transcript: first.run.engine.transcript) { moved in
            Hardening.run(moved.text, keepGoing: true).engine.transcript
        }
    }

    /// `check --update`, then `check` of what it wrote: no difference may remain.
    static func expectUpdateChecksClean(_ bytes: [UInt8], _ comment: Comment? = nil) {
        let first = check(bytes)
        let second = check(Array(updated(bytes).utf8))
        #expect(second.statements.map(\.text) == first.statements.map(\.text), comment)
        #expect(second.report.differences.isEmpty, comment)
    }

    static let session: [UInt8] = FileBytesReader.read(DataPaths.root + "/sessions/reading-2016.cb")

    @Test("the shipped session checks clean (the baseline for the damage below)")
    func baseline() {
        let c = Self.check(Self.session)
        #expect(c.report.differences.isEmpty, "\(c.report.differences.map(\.diff))")
        #expect(c.statements.count >= 8)
    }

    @Test("truncated anywhere: mid-statement, mid-output line, mid-character", arguments: [
        0.1, 0.2, 0.25, 0.33, 0.4, 0.5, 0.61, 0.7, 0.77, 0.85, 0.9, 0.97, 0.99,
    ])
    func truncated(_ fraction: Double) {
        var cut = Int(Double(Self.session.count) * fraction)
        // Land inside a multi-byte character where there is one near.
        if let i = Self.session[cut...].prefix(200).firstIndex(where: { $0 >= 0xC0 }) { cut = i + 1 }
        let bytes = Array(Self.session[..<cut])
        let c = Self.check(bytes)
        #expect(c.report.statements == c.statements.count)
        // Every statement before the cut was run and, if its block was whole, matches.
        #expect(c.run.engine.transcript.count == c.statements.count)
        #expect(c.report.differences.count <= 2, "\(c.report.differences.map(\.statement.text))")
        Self.expectUpdateChecksClean(bytes, "cut at \(cut)")
    }

    @Test("every cut of the first 2 KB keeps the flow whole")
    func everyCut() {
        for cut in stride(from: 0, through: min(2048, Self.session.count), by: 7) {
            let c = Self.check(Array(Self.session[..<cut]))
            #expect(c.report.statements == c.statements.count)
        }
    }

    @Test("binary garbage is reported statement by statement", arguments: [1, 2, 3, 4, 5, 6, 7, 8])
    func garbage(_ seed: UInt64) {
        var state = seed &* 0x9E37_79B9_7F4A_7C15
        var bytes: [UInt8] = []
        for _ in 0..<(512 * Int(seed)) {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            bytes.append(UInt8(truncatingIfNeeded: state >> 33))
        }
        let c = Self.check(bytes)
        #expect(c.report.statements == c.statements.count)
        #expect(c.run.engine.transcript.count == c.statements.count)
        if !c.statements.isEmpty { #expect(c.run.result.failed) }
        Self.expectUpdateChecksClean(bytes)
    }

    @Test("garbage in the middle of a good session: the statements around it still check")
    func garbageInTheMiddle() {
        let text = String(decoding: Self.session, as: UTF8.self)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let middle = lines.count / 2
        let damaged = lines[..<middle].joined(separator: "\n") + "\n\u{0}\u{1}\u{FFFD}\u{7F}((((|||\u{1B}[2J\n\n"
            + lines[middle...].joined(separator: "\n")
        let c = Self.check(Array(damaged.utf8))
        #expect(c.run.result.failed)
        #expect(c.report.differences.count <= 2, "\(c.report.differences.map(\.statement.text))")
        #expect(c.run.stdout.contains("Reading"))
    }

    @Test("output blocks with no statement", arguments: [
        "#> year  referrals\n#> ────  ─────────\n#> 2015      1,673\n",
        "# a comment\n#> an orphan block\n#>\n\nauthorities | where la_code = 870 | select la_name\n#> la_name\n#> ───────\n#> Reading\n",
        "#>",
        "#>\n#>\n#>\n",
        "authorities | where la_code = 870 | select la_name\n#> la_name\n#> ───────\n#> Reading\n\n#> a second block\n#> under nothing\n",
    ])
    func orphanBlocks(_ text: String) {
        let c = Self.check(Array(text.utf8))
        #expect(c.report.differences.isEmpty, "\(c.report.differences.map(\.diff))")
        Self.expectUpdateChecksClean(Array(text.utf8))
    }

    @Test("recorded outputs with NUL bytes, invalid UTF-8 and 10,000 lines are differences, not crashes")
    func strangeOutputs() {
        var bytes = Array("authorities | where la_code = 870 | select la_name\n#> la_\u{0}name\n#> ".utf8)
        bytes += [0xFF, 0xC3, 0x0A]
        bytes += Array(String(repeating: "#> more\n", count: 10_000).utf8)
        let c = Self.check(bytes)
        #expect(c.report.differences.count == 1)
        #expect((c.report.differences.first?.diff.count ?? 0) > 10_000)
        Self.expectUpdateChecksClean(bytes)
    }

    @Test("a session saved with CRLF line ends checks clean")
    func crlf() {
        let text = String(decoding: Self.session, as: UTF8.self)
        let crlf = text.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\r\n")
        let c = Self.check(Array(crlf.utf8))
        #expect(c.report.differences.isEmpty, "\(c.report.differences.map(\.diff).prefix(2))")
    }
}

/// A file's bytes for a test (empty when it cannot be read).
enum FileBytesReader {
    static func read(_ path: String) -> [UInt8] {
        guard let file = try? FileBytes(path: path) else { return [] }
        return Array(file.bytes)
    }
}
