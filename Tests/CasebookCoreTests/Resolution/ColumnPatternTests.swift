// Column patterns (`*_rate`, `referrals*`) in select, drop and longer: what
// they match, that the resolver knows the columns before anything runs, and
// that a pattern matching nothing is an error before anything runs.

@testable import CasebookCore
import Testing

@Suite("Column patterns")
struct ColumnPatternTests {
    @Test("a pattern matches a whole name; `*` is any run of characters, none too")
    func matching() {
        #expect(ColumnPattern.matches("*_rate", "referrals_rate"))
        #expect(!ColumnPattern.matches("*_rate", "referrals_rate_2"))
        #expect(ColumnPattern.matches("referrals*", "referrals"))
        #expect(ColumnPattern.matches("*rate*", "referrals_rate"))
        #expect(ColumnPattern.matches("re*_pct", "rereferrals_pct"))
        #expect(!ColumnPattern.matches("re*_pct", "nfa_pct"))
        #expect(ColumnPattern.matches("*", "anything"))
        #expect(!ColumnPattern.matches("a*a", "a"))
        #expect(!ColumnPattern.matches("Referrals*", "referrals"))
    }

    @Test("the parser takes a pattern only with `*` at one end; `x*2` stays a product")
    func parsing() throws {
        let s = try #require(Parser.parse(SourceText(name: "t", text: "referrals | select la_name, *_rate, referrals_rate*2")).first?.statement)
        guard case .pipeline(let p) = s.kind, case .select(let b) = p.stages[0].kind else { Issue.record("not a select"); return }
        #expect(b.map { $0.pattern?.name } == [nil, "*_rate", nil])
        guard case .binary(.multiply, _, _) = b[2].expr.kind else { Issue.record("not a product: \(b[2].expr.kind)"); return }
    }

    @Test("the resolver expands patterns into the schema, and reports one that matches nothing")
    func resolving() throws {
        let ok = try ResolverTests().plan("referrals | select la_name, *_rate | longer *_rate into measure, value")
        #expect(ok.diagnostics.isEmpty)
        #expect(ok.steps[0].schema.names == ["la_name", "referrals_rate", "children_referred_rate"])
        #expect(ok.schema.names == ["la_name", "measure", "value"])
        let bad = try ResolverTests().plan("referrals | drop *_rat, nfa* | select nfa")
        #expect(bad.diagnostics.map(\.message) == ["no column matches `*_rat`", "no column named `nfa`"])
        #expect(bad.diagnostics.first?.help?.contains("`*_rat*`") == true)
    }
}
