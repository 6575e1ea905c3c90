// The resolver: every unknown name and bad call of a statement before any stage
// runs, with its place and a "did you mean"; and shapes that agree with what
// the stages really make (checked on every example in the registry).

@testable import CasebookCore
import Glibc
import Testing

@Suite("Resolver")
struct ResolverTests {
    /// Runs `text` and returns what it printed to stderr (errors) and whether it failed.
    func run(_ text: String) -> (failed: Bool, stderr: String) {
        let sink = Hardening.Collector()
        let engine = Hardening.engine(sink: sink)
        let result = engine.run(SourceText(name: "t.cb", text: text))
        return (result.failed, sink.stderr)
    }

    func plan(_ text: String, engine: Engine? = nil) throws -> Plan {
        let source = SourceText(name: "t.cb", text: text)
        let statement = try #require(Parser.parse(source).first?.statement)
        guard case .pipeline(let p) = statement.kind else { throw PlanError.notAPipeline }
        return (engine ?? Hardening.engine(sink: Hardening.Collector())).resolver(source).resolve(p)
    }

    enum PlanError: Error { case notAPipeline }

    @Test("an unknown aggregate in summarise says which one was meant")
    func unknownAggregate() {
        let r = run("workforce | summarise meen(caseload)")
        #expect(r.failed)
        #expect(r.stderr.contains("error: unknown function `meen`"), "\(r.stderr)")
        #expect(r.stderr.contains("did you mean `mean`"), "\(r.stderr)")
        #expect(!r.stderr.contains("needs an aggregate"), "\(r.stderr)")
    }

    @Test("a column that an earlier stage removed is unknown, with the caret on it")
    func columnRemovedEarlier() throws {
        let p = try plan("referrals | select la_name, year | where referrals > 10")
        let d = try #require(p.diagnostics.first)
        #expect(d.message == "no column named `referrals`")
        #expect(d.span == SourceSpan(41, 50))
        #expect(p.diagnostics.count == 1)
    }

    @Test("a column an earlier stage left out says which stage did")
    func leftOutEarlier() throws {
        let exact = try plan("referrals | select la_name, year | where referrals > 10")
        #expect(exact.diagnostics.first?.help == "`select` left it out earlier in the pipeline")
        let typo = try plan("referrals | select la_name, year | where referals > 10")
        #expect(typo.diagnostics.first?.help == "did you mean `referrals`? `select` left it out earlier in the pipeline")
        // Made again by a later stage: in scope, no error.
        let back = try plan("referrals | drop year | derive year = 1 | where year > 0")
        #expect(back.diagnostics.isEmpty)
    }

    @Test("every problem of a statement is reported, not only the first")
    func allProblems() throws {
        let p = try plan("referrals | where yeer = 2016 | derive x = rond(referrals) | sort la_nme")
        #expect(p.diagnostics.map(\.message) == [
            "no column named `yeer`", "unknown function `rond`", "no column named `la_nme`",
        ])
        #expect(p.diagnostics.map(\.help) == ["did you mean `year`?", "did you mean `round`?", "did you mean `la_name`?"])
    }

    @Test("nothing runs when a later stage names a column that does not exist")
    func nothingRuns() {
        // `write` would make the file if the statement ran.
        let path = "/tmp/casebook-resolver-\(getpid()).csv"
        let r = run("referrals | take 1 | write \"\(path)\" | select nope")
        #expect(r.failed)
        #expect(r.stderr.contains("no column named `nope`"), "\(r.stderr)")
        #expect(access(path, F_OK) != 0, "the file was written")
        unlink(path)
    }

    @Test("a call with the wrong number of arguments is found before running")
    func argumentCount() throws {
        let p = try plan("referrals | derive x = round(referrals, 1, 2)")
        #expect(p.diagnostics.map(\.message) == ["`round` takes 1 or 2 arguments, but was given 3"])
    }

    @Test("a type error is found before running, in the words the evaluator uses")
    func typeErrors() throws {
        let p = try plan("referrals | where la_name | derive x = round(la_name), y = upper(year) | summarise mean(region)")
        #expect(p.diagnostics.map(\.message) == [
            "`where` needs a condition, but `la_name` holds text",
            "`round` works on numbers, but `la_name` holds text",
            "`upper` works on text, but `year` holds whole numbers",
            "`mean` works on numbers, but `region` holds text",
        ])
        // The same statement stage by stage, without the resolver, says the same first.
        let r = run("referrals | where year | take 1")
        #expect(r.stderr.contains("`where` needs a condition, but `year` holds whole numbers"), "\(r.stderr)")
        #expect(r.stderr.contains("compare it, e.g. `year > 0`"), "\(r.stderr)")
    }

    @Test("`summarise missing = count()` names a column `missing`")
    func missingAsName() throws {
        let p = try plan("referrals | summarise missing = count_missing(referrals), n = count() by year")
        #expect(p.diagnostics.isEmpty)
        #expect(p.schema.names == ["year", "missing", "n"])
    }

    @Test("the shape after each kind of stage")
    func shapes() throws {
        let p = try plan(
            "referrals | select la_code, year, referrals | derive r2 = referrals * 2 | rename code = la_code "
                + "| rank referrals by year | change referrals over year by code | drop tied")
        #expect(p.diagnostics.isEmpty)
        #expect(p.steps.map(\.schema.names) == [
            ["la_code", "year", "referrals"],
            ["la_code", "year", "referrals", "r2"],
            ["code", "year", "referrals", "r2"],
            ["code", "year", "referrals", "r2", "rank", "tied", "quartile"],
            ["code", "year", "referrals", "r2", "rank", "tied", "quartile", "referrals_previous", "referrals_change",
             "referrals_change_pct"],
            ["code", "year", "referrals", "r2", "rank", "quartile", "referrals_previous", "referrals_change",
             "referrals_change_pct"],
        ])
        #expect(p.schema.column("r2")?.type == .integer)
        #expect(p.schema.column("referrals_change_pct")?.type == .decimal)
    }

    @Test("after `wider` the new columns are the figures' to say, so names are not checked")
    func widerIsOpen() throws {
        let p = try plan("referrals | select la_name, year, referrals | wider year referrals | select la_name, `2016`")
        #expect(p.diagnostics.isEmpty)
        #expect(p.steps[1].schema.isComplete == false)
    }

    @Test("a joined dataset's columns are in scope, and its keys are checked on its side")
    func join() throws {
        let ok = try plan("referrals | join population on la_code, year | select children_0_17")
        #expect(ok.diagnostics.isEmpty)
        let bad = try plan("referrals | join population on la_code, yaer")
        #expect(bad.diagnostics.map(\.message) == ["no column named `yaer`", "no column named `yaer` in population"])
    }

    /// Every example in the registry: the shape the resolver predicts is the
    /// shape the stages make (names always, types where it claims one).
    static let examples: [String] = Registry.all.flatMap(\.examples)

    @Test("the resolver's shape is the real one, on every example", arguments: examples)
    func agreesWithTheStages(_ example: String) throws {
        let sink = Hardening.Collector()
        let engine = Hardening.engine(sink: sink)
        for e in Self.examples.prefix(while: { $0 != example }) where e.hasPrefix("let ") {
            engine.run(SourceText(name: "help", text: e))
        }
        let source = SourceText(name: "example", text: example)
        let statement = try #require(Parser.parse(source).first?.statement)
        var pipeline: Pipeline
        switch statement.kind {
        case .pipeline(let p), .bind(_, let p): pipeline = p
        default: return
        }
        if case .chart = pipeline.stages.last?.kind { pipeline.stages.removeLast() }
        let plan = engine.resolver(source).resolve(pipeline)
        #expect(plan.diagnostics.isEmpty, "\(plan.diagnostics)")
        let context = EvaluationContext(workspace: engine.workspace, cancellation: .never, settings: engine.settings, files: engine.files)
        let table = try Evaluator(source: source, context: context).run(pipeline)
        guard plan.schema.isComplete, plan.schema.possible.isEmpty else { return }
        #expect(plan.schema.names == table.columnNames)
        for c in plan.schema.columns {
            guard let t = c.type, let real = table.column(named: c.name) else { continue }
            #expect(t == real.type, "\(c.name): resolver \(t), stages \(real.type)")
        }
        #expect(plan.schema.columns.map(\.unit) == table.columns.map(\.unit), "units")
    }
}
