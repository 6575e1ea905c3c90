// The registry is the one place a word is declared: these pin that help,
// settings, the parser and call errors all read it. (Every example in it runs
// in TranscriptTests/ExampleTests.swift.)

@testable import CasebookCore
import Testing

@Suite("Registry")
struct RegistryTests {
    @Test("no spelling means two words of the same kind")
    func spellingsAreUnique() {
        for spellings in [
            StatementWord.spellings, StageWord.spellings, FunctionWord.spellings, AggregateWord.spellings,
            SettingWord.spellings,
        ] {
            #expect(Set(spellings).count == spellings.count, "\(spellings)")
        }
        // A function and an aggregate cannot share a name: a call would be ambiguous.
        #expect(Set(FunctionWord.spellings).isDisjoint(with: AggregateWord.spellings))
    }

    @Test("a word is found by its name or an alias, in any case")
    func spelled() {
        #expect(StageWord(spelled: "filter") == .where)
        #expect(StageWord(spelled: "Summarize") == .summarise)
        #expect(AggregateWord(spelled: "avg") == .mean)
        #expect(StatementWord(spelled: "exit") == .quit)
        #expect(SettingWord(spelled: "color") == .colour)
        #expect(StageWord(spelled: "meen") == nil)
    }

    @Test("every function and aggregate says how many arguments it takes")
    func arity() {
        for d in Registry.functions + Registry.aggregates {
            #expect(d.arity != nil, "\(d.name)")
            #expect(d.synopsis.hasPrefix(d.name + "("), "\(d.name): \(d.synopsis)")
        }
    }

    @Test("`help settings` lists every setting, `chars` included")
    func helpSettings() throws {
        let text = try #require(HelpText.render(topic: "settings"))
        for s in SettingWord.allCases {
            #expect(text.contains("set \(s.name) "), "\(s.name) missing from help settings")
        }
        #expect(text.contains("set chars unicode|ascii"))
        #expect(text.contains("set neighbours 2025|2021"))
    }

    @Test("a call with the wrong number of arguments shows the form help shows")
    func usageFromOnePlace() throws {
        let help = try #require(HelpText.render(topic: "round"))
        #expect(help.contains("round(x) · round(x, places)"))
        let sink = Hardening.Collector()
        let engine = Hardening.engine(sink: sink)
        _ = engine.run(SourceText(name: "t", text: "authorities | derive x = round(1, 2, 3)"))
        #expect(sink.stderr.contains("the form is `round(x) or round(x, places)`"), "\(sink.stderr)")
    }

    @Test("settings are checked where they are typed", arguments: [
        ("set neighbours 1999", "`set neighbours` takes 2025 or 2021, not `1999`", 15),
        ("set chars emoji", "`set chars` takes unicode or ascii, not `emoji`", 10),
        ("set format xml", "`set format` takes table, csv, tsv, json or markdown, not `xml`", 11),
        ("set rows 0", "`set rows` takes a positive whole number or `all`, not `0`", 9),
        ("set cells 0", "`set cells` takes a positive whole number, `auto` or `full`, not `0`", 10),
        ("set view wide", "`set view` takes auto, table or records, not `wide`", 9),
        ("set volume 3", "no setting called `volume`", 4),
    ])
    func settingChecked(_ text: String, _ message: String, _ offset: Int) throws {
        let parsed = try #require(Parser.parse(SourceText(name: "t", text: text)).first)
        #expect(parsed.statement == nil)
        let d = try #require(parsed.diagnostics.first)
        #expect(d.message == message)
        #expect(d.span?.start == offset)
    }

    @Test("a setting's value is parsed into its kind")
    func settingParsed() throws {
        let parsed = try #require(Parser.parse(SourceText(name: "t", text: "set neighbors 2021")).first?.statement)
        guard case .set(let word, let value, _, _) = parsed.kind else {
            Issue.record("not a set: \(parsed.kind)")
            return
        }
        #expect(word == .neighbours)
        #expect(value == .choice("2021"))
    }

    @Test("the parser gives each stage its declared word, aliases included")
    func stageWords() throws {
        let text = "referrals | filter year = 2016 | mutate x = 1 | summarize n = count() | head 2"
        let statement = try #require(Parser.parse(SourceText(name: "t", text: text)).first?.statement)
        guard case .pipeline(let p) = statement.kind else {
            Issue.record("not a pipeline")
            return
        }
        #expect(p.stages.map(\.kind.word) == [.where, .derive, .summarise, .take])
    }

    @Test("`missing = count()` in summarise names a column; it is not a comparison")
    func keywordAsBindingName() throws {
        let text = "referrals | summarise missing = count_missing(referrals), n = count()"
        let statement = try #require(Parser.parse(SourceText(name: "t", text: text)).first?.statement)
        guard case .pipeline(let p) = statement.kind, case .summarise(let bindings, _, _) = p.stages[0].kind else {
            Issue.record("not a summarise")
            return
        }
        #expect(bindings.map { $0.name?.name } == ["missing", "n"])
    }
}
