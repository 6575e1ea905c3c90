// The parser: statements and their parts, statement splitting across lines,
// continuation, recovery that reports several errors, and the depth guard.

@testable import CasebookCore
import Testing

@Suite("Parser")
struct ParserTests {
    func parse(_ text: String) -> [ParsedStatement] { Parser.parse(SourceText(name: "t", text: text)) }

    func pipeline(_ text: String) -> Pipeline? {
        guard let s = parse(text).first?.statement, case .pipeline(let p) = s.kind else { return nil }
        return p
    }

    @Test("a pipeline has a source and stages in order")
    func stages() throws {
        let p = try #require(pipeline("referrals | where year = 2016 | select la_name, rate = referrals_rate | sort rate desc | take 3"))
        guard case .named(let n) = p.source else { Issue.record("source"); return }
        #expect(n.name == "referrals")
        #expect(p.stages.count == 4)
        guard case .sort(let keys) = p.stages[2].kind else { Issue.record("sort"); return }
        #expect(keys.count == 1 && keys[0].descending)
        guard case .take(let n2) = p.stages[3].kind else { Issue.record("take"); return }
        #expect(n2 == 3)
    }

    @Test("precedence: and binds tighter than or; comparison tighter than and")
    func precedence() throws {
        let p = try #require(pipeline("r | where a = 1 or b = 2 and c = 3"))
        guard case .filter(let e) = p.stages[0].kind, case .binary(.or, _, let right) = e.kind,
            case .binary(.and, _, _) = right.kind
        else {
            Issue.record("shape")
            return
        }
    }

    @Test("between takes its own and; not in and not like")
    func specialForms() throws {
        let p = try #require(pipeline("r | where year between 2014 and 2016 and la_name not like \"*x\" and la_code not in [1, 2]"))
        guard case .filter(let e) = p.stages[0].kind, case .binary(.and, let left, _) = e.kind,
            case .binary(.and, let first, _) = left.kind, case .between = first.kind
        else {
            Issue.record("shape")
            return
        }
    }

    @Test("statements split at line ends, except after a pipe or inside brackets; a leading pipe continues")
    func splitting() {
        #expect(parse("a | take 1\nb | take 2").count == 2)
        #expect(parse("a |\n take 1").count == 1)
        #expect(parse("a\n  | take 1").count == 1)
        #expect(parse("a | where (x =\n 1)").count == 1)
        #expect(parse("a | take 1; b | take 2").count == 2)
        #expect(parse("a |\n\nb").count == 2)
    }

    @Test("the prompt continues exactly when the statement cannot end")
    func completeness() {
        #expect(InputCompleteness.needsMoreInput("referrals |"))
        #expect(InputCompleteness.needsMoreInput("referrals | where (year = 2016"))
        #expect(InputCompleteness.needsMoreInput("referrals | where la_name = \"Read"))
        #expect(InputCompleteness.needsMoreInput("referrals | where year = 2016 and"))
        #expect(!InputCompleteness.needsMoreInput("referrals | where year = 2016"))
        #expect(!InputCompleteness.needsMoreInput("referrals |\n"))
        #expect(!InputCompleteness.needsMoreInput("help"))
    }

    @Test("a statement typed over several lines comes back as one line that means the same")
    func oneLineForm() {
        #expect(InputCompleteness.oneLine("referrals | for \"Reading\" |\nwhere year = 2016 |\n  select year") == "referrals | for \"Reading\" | where year = 2016 | select year")
        #expect(InputCompleteness.oneLine("referrals\n| where year = 2016  # the year of the inspection\n| take 3") == "referrals | where year = 2016 | take 3")
        // Two statements on two lines stay two statements.
        #expect(InputCompleteness.oneLine("authorities | count\nreferrals | count") == "authorities | count; referrals | count")
        // A line break inside a string is the string's own.
        #expect(InputCompleteness.oneLine("derive x = \"a\nb\" |\ntake 1") == "derive x = \"a\nb\" | take 1")
        #expect(InputCompleteness.oneLine("help where") == "help where")
        // The one-line form parses to the same statements as what was typed.
        for typed in ["referrals\n| where year between 2015 and 2016\n| select year, referrals", "let x = referrals |\ntake 2\nx | count"] {
            let a = parse(typed).map { $0.statement.map { String(describing: $0) } }
            let b = parse(InputCompleteness.oneLine(typed)).map { $0.statement.map { String(describing: $0) } }
            #expect(a.count == b.count && a.allSatisfy { $0 != nil }, "\(typed)")
        }
    }

    @Test("commands parse as statements")
    func commands() {
        let kinds = ["datasets", "describe referrals", "help where", "load \"x.csv\" as x", "set rows 10", "output off",
                     "once \"a.csv\"", "save session s", "forget x", "quit", "let r = referrals | take 1",
                     "compare \"Reading\" on referrals_rate year 2016"].map { parse($0).first?.statement }
        #expect(kinds.allSatisfy { $0 != nil })
    }

    @Test("recovery reports an error in each bad stage")
    func recovery() {
        let result = parse("referrals | sortt year | take ten | where")
        #expect(result.count == 1)
        #expect(result[0].statement == nil)
        #expect(result[0].diagnostics.map(\.id) == [.unknownStage, .expected, .expected])
    }

    @Test("deep nesting is refused with a message, not a crash")
    func depth() {
        let text = "r | where " + String(repeating: "(", count: 5000) + "1" + String(repeating: ")", count: 5000)
        let result = parse(text)
        #expect(result[0].diagnostics.first?.id == .tooDeep)
        let nots = "r | where " + String(repeating: "not ", count: 5000) + "true"
        #expect(parse(nots)[0].diagnostics.first?.id == .tooDeep)
        let minus = "r | derive x = " + String(repeating: "- ", count: 5000) + "1"
        #expect(parse(minus)[0].diagnostics.first?.id == .tooDeep)
    }

    @Test("errors carry the span of the token at fault")
    func spans() throws {
        let d = try #require(parse("referrals | where year = = 2016")[0].diagnostics.first)
        #expect(d.span == SourceSpan(25, 26))
    }
}
