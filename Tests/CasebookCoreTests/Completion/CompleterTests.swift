// Completion follows the query: commands and datasets first, stages after a
// pipe, the head dataset's columns inside a stage, paths inside quotes.

@testable import CasebookCore
import Testing

@Suite("Completer")
struct CompleterTests {
    static let workspace: Workspace = {
        let dir = String(#filePath.split(separator: "/").dropLast(4).joined(separator: "/"))
        return Workspace(catalog: DatasetCatalog(directory: "/" + dir + "/datasets"))
    }()

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

    @Test("inside quotes: file paths")
    func paths() {
        let c = Completer(workspace: Self.workspace, homeDirectory: nil, baseDirectory: "/")
        let result = c.complete("load \"/et", cursor: 9)
        #expect(result.candidates == ["/etc/"])
    }
}
