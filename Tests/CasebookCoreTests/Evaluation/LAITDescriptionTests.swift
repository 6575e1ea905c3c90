// `describe` says what each LAIT measure of a table is, in which units, and
// which way is better — the facts checked against LAIT's own dictionary file
// in ../shared (read here with a plain CSV split, apart from Casebook's loaders),
// for the long form (`indicators`) and the wide form (`wider measure, value`).

import Foundation
import Testing

@testable import CasebookCore

@Suite("LAIT measures in describe", .serialized)
struct LAITDescriptionTests {
    nonisolated(unsafe) static let workspace = TestEngines.shippedWorkspace()

    func run(_ statement: String, format: OutputFormat = .table) -> String {
        let sink = CollectingSink()
        let engine = TestEngines.make(sink: sink, workspace: Self.workspace) {
            $0.format = format
            $0.maxRows = nil
            $0.width = 400
        }
        _ = engine.run(SourceText(name: "t.cb", text: statement))
        #expect(!sink.stderr.contains("error:"), "\(sink.stderr)")
        return sink.stdout
    }

    /// Measure name, polarity word and units for a code, from LAIT's dictionary file.
    static func dictionary(_ code: String) -> (name: String, polarity: String, units: String)? {
        guard let data = FileManager.default.contents(atPath: DataPaths.sharedSources + "/dfe-lait/lait_data_dictionary.csv")
        else { return nil }
        let text = String(decoding: data, as: UTF8.self)
        for line in text.split(whereSeparator: \.isNewline) where line.contains("\"\(code)\"") {
            // The first fields are simple quoted values: "code","Topic","Measure","Chart_title","Measure_short","Polarity","y_axis_name",…
            let fields = line.components(separatedBy: "\",\"")
            guard fields.count > 6, fields[4] == code else { continue }
            return (fields[2], fields[5], fields[6].components(separatedBy: "\"")[0])
        }
        return nil
    }

    @Test("the long form: one line per measure with its name, units, polarity and year type, as LAIT's dictionary has them",
          arguments: ["CP_conf_15days", "Work_Force_AvgNumCase_SW"])
    func longForm(_ code: String) throws {
        let out = run("indicators | where measure = \"\(code)\" and year = 2024 | describe")
        let line = try #require(out.split(separator: "\n").first { $0.hasPrefix("Measure \(code):") }, "\(out)")
        let facts = try #require(Self.dictionary(code), "LAIT's dictionary names \(code)")
        #expect(line.contains(facts.name), "\(line)")
        #expect(line.contains("units: \(facts.units)"), "\(line)")
        let polarity = facts.polarity == "High" ? "high is good" : facts.polarity == "Low" ? "low is good" : ""
        #expect(polarity.isEmpty || line.contains("polarity: \(polarity)"), "\(line) / \(facts.polarity)")
        #expect(line.contains("`help \(code)`"), "\(line)")
    }

    @Test("the wide form: a column named by a measure has LAIT's name and units as its description and unit")
    func wideForm() throws {
        let statement =
            "indicators | where measure in [\"CP_conf_15days\", \"Work_Force_AvgNumCase_SW\"] and year = 2024 "
            + "| select la_name, measure, value | wider measure, value | describe"
        let out = run(statement + " | select column, description, unit", format: .csv)
        let shown = run(statement)
        for code in ["CP_conf_15days", "Work_Force_AvgNumCase_SW"] {
            let facts = try #require(Self.dictionary(code))
            let row = try #require(out.split(separator: "\n").first { $0.hasPrefix(code + ",") }, "\(out)")
            #expect(row.contains(facts.name) && row.contains(facts.units), "\(row)")
            #expect(shown.contains("Measure \(code):"), "\(shown)")
        }
    }

    @Test("more than eight measures: eight are described and the rest counted; a table of no LAIT measure says nothing of them")
    func manyAndNone() {
        let out = run("indicators | where year = 2024 and la_name = \"Reading\" | describe")
        #expect(out.split(separator: "\n").filter { $0.hasPrefix("Measure ") }.count == LAITDescription.shown, "\(out)")
        #expect(out.contains("more measures: `measures` has each one's units, polarity and description"), "\(out)")
        for statement in ["referrals | describe", "measures | describe"] {
            #expect(!run(statement).split(separator: "\n").contains { $0.hasPrefix("Measure ") }, "\(statement)")
        }
    }
}
