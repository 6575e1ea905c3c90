// One test per bug the fuzzers and the bad-input table found: the input that
// crashed (or broke an invariant), and what it must do instead.

@testable import CasebookCore
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("Regressions found by fuzzing")
struct RegressionTests {
    // MARK: - Traps and stack overflows

    @Test("profile of a column holding 2^63 - 1 and -2^63 (trapped converting the maximum to Int64)")
    func profileOfExtremeWholeNumbers() {
        let run = Hardening.run(
            """
            authorities | take 2 | derive big = if(la_code = 201, 9223372036854775807, -9223372036854775807 - 1) | select big | profile | select min, max
            """)
        #expect(!run.result.failed, "\(run.stderr)")
        #expect(run.stdout.contains("9,223,372,036,854,775,807"))
        #expect(run.stdout.contains("-9,223,372,036,854,775,808"))
    }

    @Test("a sum of 1,000 terms is refused, not a stack overflow; 150 terms still add up")
    func longChains() {
        let long = Hardening.run("authorities | take 1 | derive x = 1" + String(repeating: " + 1", count: 1000))
        #expect(long.result.failed)
        #expect(long.message?.hasPrefix("this expression is too long") == true)
        let fine = Hardening.run("authorities | take 1 | derive x = 1" + String(repeating: " + 1", count: 150) + " | select x")
        #expect(!fine.result.failed, "\(fine.stderr)")
        #expect(fine.stdout.contains("151"))
        let ors = Hardening.run(
            "authorities | where la_code = 1" + String(repeating: " or la_code = 870", count: 150) + " | select la_name")
        #expect(ors.stdout.contains("Reading"), "\(ors.stderr)")
    }

    @Test("charts of values from -1e308 to 1e308 are refused by name (traps in every renderer; a hang in hist)", arguments: [
        "hist x", "scatter x la_code", "bar la_name x", "line x la_code", "line la_code x",
    ])
    func chartsBeyondADouble(_ chart: String) {
        let run = Hardening.run("authorities | derive x = if(la_code > 500, 1e308, -1e308) | chart \(chart)")
        #expect(run.message == "the values of `x` are too large to draw (-1e+308 to 1e+308)")
        let wide = Hardening.run("authorities | take 2 | select la_name, `2015` = 1e308, `2016` = -1e308 | chart line")
        #expect(wide.message == "the values in the table are too large to draw (-1e+308 to 1e+308)")
    }

    @Test("charts of 1.7e308 and 0 are refused too: the axis, rounded out, would pass the largest Double", arguments: [
        "bar la_name x", "scatter x la_code", "line la_code x", "hist x",
    ])
    func chartsNearTheLargestDouble(_ chart: String) {
        for output in ["", " to \"c.svg\""] {
            let run = Hardening.run("authorities | take 6 | derive x = if(la_code > 202, 1.7e308, 0) | chart \(chart)\(output)")
            #expect(run.message == "the values of `x` are too large to draw (0 to 1.7e+308)", "\(run.stderr)")
        }
    }

    @Test("a histogram of values too close for its step ends (it looped for ever)", arguments: [
        "10000000000000000, 10000000000000002", "0, 0.00000000001", "0.5, 0.50000000001",
    ])
    func histogramOfCloseValues(_ values: String) {
        let run = Hardening.run("authorities | take 6 | derive x = if(la_code > 202, \(values)) | chart hist x")
        #expect(!run.result.failed, "\(run.stderr)")
        #expect(run.stdout.contains("how many authorities in each band"))
    }

    @Test("bars of -1e307 and 1e307 are refused (a trap: the negative side's width overflowed); of ±1.5e306 drawn")
    func barsOfHugeValues() {
        let refused = Hardening.run("authorities | take 6 | derive x = if(la_code > 202, 1e307, -1e307) | chart bar la_name x")
        #expect(refused.message == "the values of `x` are too large to draw (-1e+307 to 1e+307)", "\(refused.stderr)")
        let drawn = Hardening.run(
            "set width 10000\nauthorities | take 6 | derive x = if(la_code > 202, 1.5e306, -1.5e306) | chart bar la_name x")
        #expect(!drawn.result.failed, "\(drawn.stderr)")
        #expect(drawn.stdout.contains("│"))
    }

    @Test("a wide table with columns named inf or nan: they are not years")
    func wideTableOddNames() {
        let run = Hardening.run("authorities | take 2 | select la_name, `inf` = la_code, `nan` = la_code, `2016` = la_code | chart line")
        #expect(!run.result.failed, "\(run.stderr)")
    }

    @Test(
        "5,000 failing statements on one 25 KB line, at a pipe's width: each error costs its window, not the line",
        .timeLimit(.minutes(1)))
    func manyErrorsOnOneLine() {
        let sink = Hardening.Collector()
        let engine = Hardening.engine(sink: sink)
        engine.settings.width = 10_000
        let result = engine.run(SourceText(name: "many.cb", text: String(repeating: "nope;", count: 5000)), keepGoing: true)
        #expect(result.failed)
        #expect(engine.transcript.count == 5000)
        // Each error shows an excerpt of at most 400 columns, not the 25,000 of the line.
        #expect(sink.stderr.utf8.count < 5000 * 1200, "\(sink.stderr.utf8.count)")
        #expect(sink.stderr.contains("many.cb:1:24996: error: no dataset named `nope`"))
    }

    // MARK: - Files that are not regular files

    /// A fresh folder under /tmp, removed by `done`.
    static func temporaryFolder() -> String {
        var template = Array("/tmp/casebook-hardening-XXXXXX".utf8CString)
        return String(cString: mkdtemp(&template)!)
    }

    static func remove(_ folder: String, _ names: [String]) {
        for name in names { unlink(folder + "/" + name) }
        rmdir(folder)
    }

    @Test("`load \"/dev/zero\"` is refused at once (it read until memory ran out)", .timeLimit(.minutes(1)))
    func loadADevice() {
        let run = Hardening.run("load \"/dev/zero\"")
        #expect(run.message == "/dev/zero is not a regular file")
        #expect(run.location == "1:6")
    }

    @Test("writing to a pipe writes into it; the pipe is still a pipe (a file was renamed over it)")
    func writeIntoAPipe() throws {
        let folder = Self.temporaryFolder()
        defer { Self.remove(folder, ["fifo"]) }
        let fifo = folder + "/fifo"
        try #require(mkfifo(fifo, 0o600) == 0)
        let reader = open(fifo, O_RDONLY | O_NONBLOCK)
        try #require(reader >= 0)
        defer { close(reader) }
        try FileWriter.write("la_code\n870\n", to: fifo)
        var st = stat()
        #expect(lstat(fifo, &st) == 0 && st.st_mode & S_IFMT == S_IFIFO)
        var buffer = [UInt8](repeating: 0, count: 64)
        let n = read(reader, &buffer, buffer.count)
        #expect(n > 0 && String(decoding: buffer[0..<max(n, 0)], as: UTF8.self) == "la_code\n870\n")
    }

    @Test("writing to a pipe that nobody reads fails at once, not a hang", .timeLimit(.minutes(1)))
    func writeIntoAnUnreadPipe() throws {
        let folder = Self.temporaryFolder()
        defer { Self.remove(folder, ["fifo"]) }
        try #require(mkfifo(folder + "/fifo", 0o600) == 0)
        #expect(throws: Diagnostic.self) { try FileWriter.write("x\n", to: folder + "/fifo") }
        var st = stat()
        #expect(lstat(folder + "/fifo", &st) == 0 && st.st_mode & S_IFMT == S_IFIFO)
    }

    @Test("writing through a link replaces the file it points to, and keeps the link")
    func writeThroughALink() throws {
        let folder = Self.temporaryFolder()
        defer { Self.remove(folder, ["real.csv", "link.csv"]) }
        try FileWriter.write("old\n", to: folder + "/real.csv")
        try #require(symlink("real.csv", folder + "/link.csv") == 0)
        try FileWriter.write("new\n", to: folder + "/link.csv")
        var st = stat()
        #expect(lstat(folder + "/link.csv", &st) == 0 && st.st_mode & S_IFMT == S_IFLNK)
        let bytes = (try? FileBytes(path: folder + "/real.csv")).map { Array($0.bytes) } ?? []
        #expect(String(decoding: bytes, as: UTF8.self) == "new\n")
    }

    @Test("a result that cannot be written to its file fails its statement, at its place (it was exit status 0)")
    func unwritableResult() {
        let run = Hardening.run(
            "once \"/nonexistent/dir/x.csv\"\nauthorities | take 1 | select la_code\nauthorities | take 1 | select la_name\n")
        #expect(run.result.failed)
        #expect(run.location == "2:1")
        #expect(run.message == "cannot write /nonexistent/dir/x.csv: No such file or directory")
        #expect(!run.stdout.contains("City of London"), "a script stops at the failed statement")
        let chart = Hardening.run("authorities | take 2 | chart bar la_name la_code to \"/nonexistent/c.svg\"")
        #expect(chart.result.failed)
        #expect(chart.message == "cannot write /nonexistent/c.svg: No such file or directory")
        #expect(chart.location == "1:1")
    }

    // MARK: - Session files: `check --update` then `check` must match

    /// The file `check --update` would write for `text`, with every statement
    /// run; and whether a check of that file then finds any difference.
    static func updateThenCheck(_ text: String) -> (updated: String, differences: Int, statements: [String]) {
        let source = SourceText(name: "bad.cb", text: text)
        let first = Hardening.run(text, keepGoing: true)
        let report = SessionCheck.compare(
            source, statements: SessionFile.statements(source), transcript: first.engine.transcript)
        let text = SessionCheck.updatedText(source, report: report, transcript: first.engine.transcript) { moved in
            Hardening.run(moved.text, keepGoing: true).engine.transcript
        }
        let updated = SourceText(name: "bad.cb", text: text)
        let again = Hardening.run(text, keepGoing: true)
        let statements = SessionFile.statements(updated)
        let second = SessionCheck.compare(updated, statements: statements, transcript: again.engine.transcript)
        return (text, second.differences.count, statements.map(\.text))
    }

    @Test("a session whose last line has no line end: the outputs go under it, not onto it")
    func noFinalLineEnd() {
        let (updated, differences, statements) = Self.updateThenCheck("authorities | where la_code = 870 | select la_name")
        #expect(updated.hasPrefix("authorities | where la_code = 870 | select la_name\n#> la_name\n"))
        #expect(differences == 0)
        #expect(statements == ["authorities | where la_code = 870 | select la_name"])
    }

    @Test("two statements on one line share the block under it")
    func statementsSharingALine() {
        let text = "set rows 5; authorities | where la_code = 870 | select la_name\nauthorities | where la_code = 871 | select la_name\n"
        let (updated, differences, statements) = Self.updateThenCheck(text)
        #expect(differences == 0, "\(updated)")
        #expect(statements.count == 3)
        let source = SourceText(name: "s.cb", text: updated)
        let read = SessionFile.statements(source)
        #expect(read[0].recorded == read[1].recorded)
        #expect(read[1].recorded.contains { $0.contains("Reading") })
        #expect(read[2].recorded.contains { $0.contains("Slough") })
    }

    @Test("a statement that starts on the line of another and goes on below is not cut by the outputs")
    func sharedLineContinuing() {
        let text = "authorities | take 1 | select la_code; authorities |\n  where la_code = 870 | select la_name\n"
        let (updated, differences, statements) = Self.updateThenCheck(text)
        #expect(differences == 0, "\(updated)")
        #expect(statements == ["authorities | take 1 | select la_code", "authorities |\n  where la_code = 870 | select la_name"])
    }

    @Test("check --update then check: a failed statement below a block that grew records its new line")
    func errorLinesAfterUpdate() {
        let text = "authorities | where la_code = 870 | select la_name\n\nauthorities | select nope\n"
        let (updated, differences, _) = Self.updateThenCheck(text)
        #expect(differences == 0, "\(updated)")
        #expect(updated.contains("#> bad.cb:6:22: error: no column named `nope`"))
    }

    @Test("an unclosed string ending in a backslash does not swallow the recorded output under it")
    func backslashBeforeLineEnd() {
        let text = "authorities | where la_name = \"Reading\\\n"
        let (updated, differences, statements) = Self.updateThenCheck(text)
        #expect(differences == 0, "\(updated)")
        #expect(statements == ["authorities | where la_name = \"Reading\\"])
        let tokens = Lexer.tokenize(SourceText(name: "", text: "\"abc\\\n#> x\n"))
        #expect(tokens.first?.kind == .unterminatedString)
        #expect(tokens.first?.text == "\"abc\\")
    }

    // MARK: - Messages

    @Test("a join beyond the limit names its place")
    func joinLimitHasAPlace() {
        let run = Hardening.run("set limit 100\nauthorities | join authorities on region")
        #expect(run.location == "2:15")
        #expect(run.stderr.contains("^^^^"))
    }

    @Test("names and text quoted in messages never reach the terminal with their control characters")
    func controlCharactersInMessages() {
        let run = Hardening.run("authorities | select `\u{1B}]0;owned\u{7}\u{1B}[2J\u{9B}31m`")
        #expect(run.result.failed)
        #expect(!run.stderr.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        #expect(!run.stderr.unicodeScalars.contains { (0x7F..<0xA0).contains($0.value) })
        #expect(run.message == "no column named `\u{FFFD}]0;owned\u{FFFD}\u{FFFD}[2J\u{FFFD}31m`")
    }

    @Test("invisible characters are named by their code", arguments: [
        ("\u{202E}", "U+202E"), ("\u{00A0}", "U+00A0"), ("\u{200B}", "U+200B"), ("\u{2028}", "U+2028"), ("\u{85}", "U+0085"),
    ])
    func invisibleCharacters(_ character: String, _ code: String) {
        let run = Hardening.run("authorities | where la_code\(character) = 870")
        #expect(run.message == "unexpected invisible character \(code) here")
        #expect(run.location == "1:28")
    }

    @Test("a script saved with a byte-order mark runs")
    func byteOrderMark() {
        let run = Hardening.run(bytes: [0xEF, 0xBB, 0xBF] + Array("authorities | where la_code = 870 | select la_name\n".utf8))
        #expect(!run.result.failed, "\(run.stderr)")
        #expect(run.stdout.contains("Reading"))
    }
}
