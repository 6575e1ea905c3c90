// Names and settings are checked where they are typed: an empty name, a
// column named twice, a neighbour model that does not ship, an unknown escape
// in a string, a session saved to a folder — each an error at its own place,
// not a surprise at a later statement (or a hidden file).

@testable import CasebookCore
import Testing

@Suite("Names and settings validated when given")
struct NamesAndSettingsTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var statement: String
        var message: String
        var at: String
        var testDescription: String { statement }
    }

    static let cases: [Case] = [
        Case(statement: "save session \"\"", message: "a session needs a name", at: "1:14"),
        Case(statement: "save session \"  \"", message: "a session needs a name", at: "1:14"),
        Case(statement: "save session \"/\"", message: "/ is a folder: a session is saved to a file", at: "1:14"),
        Case(statement: "save session \"notes/\"", message: "notes/ is a folder: a session is saved to a file", at: "1:14"),
        Case(statement: "let `` = authorities", message: "a name cannot be empty", at: "1:5"),
        Case(statement: "authorities | select `` = la_code", message: "a name cannot be empty", at: "1:22"),
        Case(statement: "authorities | rename ` ` = la_name", message: "a name cannot be empty", at: "1:22"),
        Case(statement: "authorities | count by region, region", message: "`region` is named twice after `by`", at: "1:32"),
        Case(statement: "authorities | summarise n = count() by region, type, region",
             message: "`region` is named twice after `by`", at: "1:54"),
        Case(statement: "authorities | longer la_code, ofsted_urn into x, x", message: "`x` is named twice after `into`", at: "1:50"),
        Case(statement: "authorities | longer la_code, la_code into m, v",
             message: "`la_code` is named twice among the columns to turn into rows", at: "1:31"),
        Case(statement: "set neighbours 1", message: "`set neighbours` takes 2025 or 2021, not `1`", at: "1:16"),
        Case(statement: "set neighbours 1999", message: "`set neighbours` takes 2025 or 2021, not `1999`", at: "1:16"),
        Case(statement: "authorities | where la_name = \"a\\dc\"", message: "unknown escape `\\d` in a string", at: "1:33"),
        Case(statement: "authorities | select `a\\qb` = 1", message: "unknown escape `\\q` in a string", at: "1:24"),
        Case(statement: "load \"C:\\data\\x.csv\"", message: "unknown escape `\\d` in a string", at: "1:9"),
    ]

    @Test("each is an error at its place when typed, and the engine answers the next statement", arguments: cases)
    func refusedAtItsPlace(_ c: Case) {
        let run = Hardening.run(c.statement + "\nauthorities | take 1 | select la_code", keepGoing: true)
        #expect(run.message == c.message, "\(run.stderr)")
        #expect(run.location == c.at, "\(run.stderr)")
        #expect(run.stdout.contains("201"), "\(run.stdout)")
    }

    @Test("the escapes that exist still work, and a model that ships is accepted")
    func validStillWorks() {
        let run = Hardening.run(
            """
            set format csv
            set neighbours 2021
            authorities | take 1 | select a = "x\\ty", b = "q\\"q", c = 'it\\'s', d = "back\\\\slash", `e\\`f` = 1
            """)
        #expect(!run.result.failed, "\(run.stderr)")
        #expect(run.stdout.contains("a,b,c,d,e`f\n"), "\(run.stdout)")
        #expect(run.stdout.contains("x\ty,\"q\"\"q\",it's,back\\slash,1\n"), "\(run.stdout)")
    }

    @Test("a file that cannot be written fails at the statement that named it")
    func writeFailureHasAPlace() {
        let write = Hardening.run("authorities | take 1 | write \"/nonexistent-folder-\(UInt32.random(in: 0...UInt32.max))/x/\"")
        #expect(write.result.failed)
        #expect(write.location == "1:30", "\(write.stderr)")
    }

    @Test("`let` over a shipped dataset's name warns and says how to get it back; `forget` does", arguments: ["referrals", "authorities", "indicators"])
    func letHidingADataset(_ name: String) {
        let run = Hardening.run(
            """
            set format csv
            let \(name) = authorities | take 2
            \(name) | count
            forget \(name)
            \(name) | count
            let mine = authorities | take 1
            """)
        #expect(!run.result.failed, "\(run.stderr)")
        #expect(
            run.stderr.hasPrefix(
                "warning: `\(name)` now names this result and hides the shipped dataset `\(name)`; "
                    + "`forget \(name)` brings the dataset back\n"), "\(run.stderr)")
        #expect(run.stderr.components(separatedBy: "warning:").count == 2, "one warning, not one for `mine`: \(run.stderr)")
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.count == 4 && lines[0] == "count" && lines[1] == "2" && lines[2] == "count", "\(run.stdout)")
        #expect(lines.count == 4 && lines[3] != "2", "the dataset is back after forget: \(run.stdout)")
    }
}
