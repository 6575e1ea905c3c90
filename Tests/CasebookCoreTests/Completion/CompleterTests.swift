// Completion follows the query: commands and datasets first, stages after a
// pipe, the head dataset's columns inside a stage, paths inside quotes.

@testable import CasebookCore
import Testing

// Serialized: the tests share one workspace, and a workspace (its catalog's caches)
// belongs to one thread at a time, as the engine's does.
@Suite("Completer", .serialized)
struct CompleterTests {
    static let workspace = TestEngines.shippedWorkspace()

    func complete(_ text: String) -> Completion {
        Completer(workspace: Self.workspace, homeDirectory: nil, baseDirectory: "/").complete(text, cursor: text.utf8.count)
    }

    @Test("datasets and commands at the start")
    func start() {
        #expect(complete("refe").candidates == ["referrals"])
        #expect(complete("desc").candidates == ["describe"])
        #expect(complete("").candidates.contains("workforce"))
    }

    @Test("stages after a pipe")
    func stages() {
        #expect(complete("referrals | wh").candidates == ["where"])
        #expect(complete("referrals | s").candidates.contains("sort"))
    }

    @Test("the columns of the dataset at the head of the pipeline, before functions")
    func columns() {
        let c = complete("referrals | select refer")
        #expect(c.candidates == ["referrals", "referrals_rate"])
        #expect(c.commonExtension == "rals")
        let w = complete("workforce | where case")
        #expect(w.candidates == ["case_holders_fte", "cases", "caseload"])
        let r = complete("referrals | where year = 2016 | derive x = rou")
        #expect(r.candidates == ["round"])
        #expect(r.suffix == "(")
    }

    @Test("names derived earlier on the line and the columns of a joined dataset")
    func scope() {
        #expect(complete("referrals | derive per10k = 1 | sort per").candidates == ["per10k"])
        #expect(complete("referrals | join population on la_code | select children").candidates.contains("children_0_17"))
    }

    @Test("arguments of commands: help topics, settings and their values")
    func commandArguments() {
        #expect(complete("help func").candidates == ["functions"])
        #expect(complete("set for").candidates == ["format"])
        #expect(complete("set format j").candidates == ["json"])
    }

    @Test("help completes the datasets' columns; describe DATASET completes that dataset's")
    func columnHelp() {
        #expect(complete("help nf").candidates == ["nfa", "nfa_pct"])
        #expect(complete("describe referrals nf").candidates == ["nfa", "nfa_pct"])
        #expect(complete("describe referrals nfa, not_in").candidates == ["not_in_need", "not_in_need_pct"])
        #expect(!complete("describe workforce nf").candidates.contains("nfa"))
    }

    @Test("column patterns: after `*` the endings of names; after a pattern, the columns again")
    func patterns() {
        #expect(complete("referrals | select *_ra").candidates == ["_rate"])
        #expect(complete("referrals | select la_name, *_p").candidates == ["_pct"])
        #expect(complete("referrals | select *_rate, la_").candidates == ["la_code", "la_name"])
        #expect(complete("referrals | drop *_rate | select referrals_").candidates.isEmpty)
    }

    @Test("inside quotes: file paths")
    func paths() {
        let c = Completer(workspace: Self.workspace, homeDirectory: nil, baseDirectory: "/")
        let result = c.complete("load \"/et", cursor: 9)
        #expect(result.candidates == ["/etc/"])
    }

    @Test("after select, drop, summarise or count, only the columns they leave are offered")
    func columnsAfterEachStage() {
        #expect(complete("referrals | select la_name, year | where ").candidates.prefix(2) == ["la_name", "year"])
        #expect(!complete("referrals | select la_name, year | where ").candidates.contains("referrals"))
        #expect(complete("referrals | drop referrals_rate | select referrals").candidates == ["referrals"])
        #expect(
            complete("workforce | summarise m = median(caseload) by region | sort ").candidates.prefix(2) == ["region", "m"])
        #expect(complete("workforce | summarise m = median(caseload) by region | sort case").candidates.isEmpty)
        #expect(complete("authorities | count by region | where p").candidates == ["percent"])
        #expect(complete("referrals | rename code = la_code | select la_").candidates == ["la_name"])
        #expect(complete("referrals | rank referrals_rate | select qu").candidates == ["quartile", "quantile"])
    }

    @Test("in `by` and `group` the same columns; inside a nested pipeline, its own")
    func byAndNested() {
        #expect(complete("referrals | select region, year | group ").candidates == ["region", "year"])
        #expect(complete("referrals | join (population | select la_code, children_0_17 | where chi").candidates == [
            "children_0_17"
        ])
        #expect(complete("let x = referrals | select la_name | sort ").candidates.first == "la_name")
    }

    @Test("authority names inside the quotes of `for` and `compare`")
    func authorities() {
        let c = complete("referrals | for \"Rea")
        #expect(c.candidates == ["Reading"])
        #expect(c.suffix == "\"")
        #expect(c.prefix == "Rea")
        #expect(complete("referrals | for \"Reading\", \"South E").candidates == ["South East"])
        #expect(complete("compare \"Rea").candidates == ["Reading"])
        #expect(complete("scorecard \"Rea").candidates == ["Reading"])
        #expect(complete("scorecard \"Reading\" topic \"Child P").candidates == ["Child Protection"])
        #expect(complete("referrals | compare \"Sout").candidates.contains("Southwark"))
        // A file path, not an authority, after `load`.
        #expect(!complete("load \"Rea").candidates.contains("Reading"))
    }

    @Test("measures after `compare AUTHORITY on`, not codes or years")
    func measures() {
        let all = complete("compare \"Reading\" on ").candidates
        #expect(all.contains("referrals_rate"))
        #expect(all.contains("caseload"))
        #expect(!all.contains("la_code"))
        #expect(!all.contains("year"))
        #expect(complete("compare \"Reading\" on referrals_r").candidates == ["referrals_rate"])
        let stage = complete("referrals | select la_code, la_name, level, year, referrals_rate | compare \"Reading\" on ")
        #expect(stage.candidates == ["referrals_rate"])
    }

    @Test("chart kinds after `chart`, then the columns, then the kind's own words")
    func chart() {
        #expect(complete("referrals | chart ").candidates == ["bar", "line", "hist", "scatter"])
        #expect(complete("referrals | chart sc").candidates == ["scatter"])
        #expect(complete("referrals | select year, referrals | chart line ").candidates == ["year", "referrals"])
        #expect(complete("referrals | select year, referrals | chart line year referrals ").candidates == ["by", "to"])
        #expect(complete("referrals | chart hist referrals ").candidates == ["bins", "to"])
    }
}
